#pragma once

#include "balancingpolicy.h"
#include "runtime/http/httpclientconnection.h"
#include "runtime/http/requesthandler.h"

#include <QElapsedTimer>
#include <QObject>

namespace topolab::runtime {

class BalancerCore;

// One client request's trip through the balancer: picks a backend, sends the rewritten request
// on a pooled connection and relays the answer. A backend that refuses or resets the connection
// is marked down and the request goes to the next server when that is safe; an idempotent
// request whose server does not start answering within the per-try timeout (a frozen server) is
// resent once to another server, so it costs latency, not a failed request. A POST that reached
// a backend is never resent. Every outcome is counted in the metrics.
class ProxyExchange final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProxyExchange)

public:
    ProxyExchange(BalancerCore &core, HttpRequest request, QByteArray clientAddress,
                  RequestHandler::Responder respond);
    ~ProxyExchange() override;

    void start();

signals:
    void finished();

private:
    // Sends the request to the backend the policy picks, or on a new connection to `freshTo`.
    void dispatch(std::optional<int> freshTo = std::nullopt);
    void onResponse(const HttpResponse &response);
    void onFailure(HttpClientConnection::Failure failure, const QString &reason);
    bool resendElsewhere(int backend);
    void finish(const HttpResponse &response, int backend);
    void releaseBackend(bool reusable);
    QByteArray noBackendExplanation() const;

    BalancerCore &m_core;
    HttpRequest m_request;
    QByteArray m_clientAddress;
    RequestHandler::Responder m_respond;
    PickContext m_context;
    HttpClientConnection *m_connection = nullptr;
    int m_backend = -1;
    // Times this request was sent again after a failure; an idempotent one is resent once.
    int m_resends = 0;
    // Sent again because a pooled connection turned out closed: says nothing about the server,
    // so it does not use up the one resend.
    bool m_retriedStale = false;
    // The current try gives up early if the server sends nothing (see dispatch()).
    bool m_earlyTimeout = false;
    bool m_done = false;
    QElapsedTimer m_started;
    QElapsedTimer m_tryStarted;
};

} // namespace topolab::runtime
