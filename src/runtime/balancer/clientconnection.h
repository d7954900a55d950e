#pragma once

#include "balancingpolicy.h"
#include "runtime/http/httpclientconnection.h"
#include "runtime/http/httpparser.h"

#include <QElapsedTimer>
#include <QObject>
#include <QQueue>
#include <QTimer>

class QTcpSocket;

namespace topolab::runtime {

class BalancerCore;

// One client's keep-alive connection to the balancer. Requests are balanced one by one — two
// requests on one connection may reach different servers — and answered in order. A backend
// that refuses or resets the connection is marked down and the request retried on the next
// server when that is safe; every outcome is counted in the metrics.
class ClientConnection final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientConnection)

public:
    ClientConnection(QTcpSocket *socket, BalancerCore &core, QObject *parent = nullptr);
    ~ClientConnection() override;

signals:
    void closed();

private:
    void onReadyRead();
    void onTimeout();
    void processNext();
    void dispatch();
    void onResponse(const HttpResponse &response);
    void onFailure(HttpClientConnection::Failure failure, const QString &reason);
    void reply(HttpResponse response, int backend);
    void refuse(int status, const QByteArray &reason);
    void releaseBackend(bool reusable);
    HttpRequest forwardedRequest() const;
    QByteArray noBackendExplanation() const;

    QTcpSocket *m_socket;
    BalancerCore &m_core;
    HttpParser m_parser;
    QTimer m_timer;
    QQueue<HttpRequest> m_queue;
    std::optional<HttpRequest> m_current;
    QByteArray m_clientAddress;
    PickContext m_context;
    HttpClientConnection *m_connection = nullptr;
    int m_backend = -1;
    int m_retries = 0;
    bool m_served = false;
    bool m_closing = false;
    QElapsedTimer m_started;
};

} // namespace topolab::runtime
