#pragma once

#include "balancingpolicy.h"
#include "runtime/http/httpclientconnection.h"
#include "runtime/http/requesthandler.h"

#include <QElapsedTimer>

namespace topolab::runtime {

class BalancerCore;
class ProxyHandler;

// One client request's trip through the balancer: picks a backend, sends the rewritten request
// on a pooled connection and relays the answer. A backend that refuses or resets the connection
// is marked down and the request goes to the next server when that is safe; an idempotent
// request whose server does not start answering within the per-try timeout (a frozen server) is
// resent once to another server, so it costs latency, not a failed request. A POST that reached
// a backend is never resent. Every outcome is counted in the metrics.
//
// Not a QObject: one is made for every request, and a QObject with its connections cost several
// allocations each time. The owner deletes it when it finishes, so every path that finishes
// returns at once without touching the exchange again.
class ProxyExchange final : private HttpClientConnection::Receiver {
public:
    ProxyExchange(BalancerCore &core, ProxyHandler &owner, HttpRequest request,
                  QByteArray clientAddress, RequestHandler::Responder respond);
    ~ProxyExchange();
    ProxyExchange(const ProxyExchange &) = delete;
    ProxyExchange &operator=(const ProxyExchange &) = delete;

    void start();

    // The owner's bookkeeping: where this exchange is in its list of those in flight.
    qsizetype slot = -1;

private:
    // Sends the request to the backend the policy picks, or on a new connection to `freshTo`.
    void dispatch(std::optional<int> freshTo = std::nullopt);
    void responded(HttpClientConnection &connection, HttpResponse response) override;
    void failed(HttpClientConnection &connection, HttpClientConnection::Failure failure,
                const QString &reason) override;
    // A server that answered a request sent after this one is alive: this request is slow, and
    // resending it would only run it twice.
    bool keepWaiting(HttpClientConnection &connection) override;
    bool resendElsewhere(int backend);
    // Answers the client and has the owner delete this exchange.
    void finish(HttpResponse response, int backend);
    void releaseBackend(bool reusable);
    QByteArray noBackendExplanation() const;

    BalancerCore &m_core;
    ProxyHandler &m_owner;
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
    qint64 m_tryStartedNs = 0;
    qint64 m_forwardedBytes = 0;
};

} // namespace topolab::runtime
