#pragma once

#include "httpserverconnection.h"
#include "httpserveroptions.h"
#include "requesthandler.h"
#include "tcplistener.h"

#include <QObject>

namespace topolab::runtime {

// A small HTTP/1.1 server, the one connection loop of both the worker and the load balancer:
// each client gets an HttpServerConnection (keep-alive, pipelining, timeouts, the parser's
// refusals) and each request goes to the RequestHandler. The server itself enforces the
// connection limit (503) and survives running out of file descriptors: waiting clients get a
// 503 naming the cause instead of hanging.
class HttpServer final : public QObject, private HttpServerConnection::Owner {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpServer)

public:
    using Options = HttpServerOptions;

    HttpServer(RequestHandler &handler, Options options, QObject *parent = nullptr);
    ~HttpServer() override;

    // Listens on `address`:`port` (0 picks a free port) with the kernel's largest accept queue;
    // on failure says why, naming the port.
    bool listen(const QHostAddress &address, quint16 port, QString *error);
    // Takes clients from the socket `first` (a server on another thread) listens on.
    bool share(const HttpServer &first, QString *error);
    quint16 port() const { return m_listener.port(); }
    int connectionCount() const { return m_connections; }

signals:
    // A request the server answered itself (malformed, too slow, over a limit): for metrics.
    void refused(int status, qint64 bytes);
    // The process ran out of file descriptors; says what to raise.
    void descriptorsExhausted(const QString &reason);

private:
    void serve(qintptr descriptor, const QByteArray &peer);
    void connectionRefused(int status, qint64 bytes) override { emit refused(status, bytes); }
    void connectionClosed(HttpServerConnection *connection) override;
    void refuseForWantOfDescriptors();

    RequestHandler &m_handler;
    Options m_options;
    TcpListener m_listener;
    int m_connections = 0;
};

} // namespace topolab::runtime
