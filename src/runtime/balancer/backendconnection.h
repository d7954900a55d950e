#pragma once

#include "runtime/http/httpparser.h"

#include <QObject>
#include <QTcpSocket>
#include <QTimer>

namespace topolab::runtime {

// One TCP connection from the balancer to a backend, reused for many requests while the backend
// keeps it alive. Sends one request at a time and reports its response or why there is none.
class BackendConnection final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackendConnection)

public:
    enum class Failure {
        Connect,    // refused, unreachable, or no answer within the connect timeout
        Closed,     // the backend closed or reset the connection before a full response
        Timeout,    // no full response within the response timeout
        BadResponse // the backend sent something that is not HTTP
    };
    Q_ENUM(Failure)

    BackendConnection(int backend, QString host, quint16 port, QObject *parent = nullptr);

    int backend() const { return m_backend; }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    // True once a response byte of the current exchange arrived.
    bool receivedAnything() const { return m_receivedAnything; }
    bool wasReused() const { return m_exchanges > 1; }

    void send(const QByteArray &request, bool isHead, std::chrono::milliseconds connectTimeout,
              std::chrono::milliseconds responseTimeout);
    // Stops the current exchange without reporting anything; the connection is closed.
    void abandon();

signals:
    void responded(const topolab::runtime::HttpResponse &response);
    void failed(topolab::runtime::BackendConnection::Failure failure, const QString &reason);

private:
    void onReadyRead();
    void onError();
    void fail(Failure failure, const QString &reason);

    int m_backend;
    QString m_host;
    quint16 m_port;
    QTcpSocket m_socket;
    QTimer m_timer;
    std::unique_ptr<HttpParser> m_parser;
    QByteArray m_pending;
    bool m_busy = false;
    bool m_connecting = false;
    bool m_receivedAnything = false;
    int m_exchanges = 0;
    std::chrono::milliseconds m_responseTimeout{0};
};

} // namespace topolab::runtime
