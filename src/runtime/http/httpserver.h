#pragma once

#include "httpparser.h"
#include "requesthandler.h"

#include <QObject>
#include <QQueue>
#include <QTcpServer>
#include <QTimer>
#include <chrono>

namespace topolab::runtime {

// A small HTTP/1.1 server: keep-alive, pipelining, a timeout for clients that are slow to send
// their headers (408), a connection limit (503), and the parser's verdict (400, 413, 431) for
// malformed requests. Each request goes to the RequestHandler.
class HttpServer final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpServer)

public:
    struct Options {
        std::chrono::milliseconds headerTimeout{10000};
        std::chrono::milliseconds idleTimeout{60000};
        int maxConnections = 1000;
    };

    HttpServer(RequestHandler &handler, Options options, QObject *parent = nullptr);

    // Listens on `address`:`port` (0 picks a free port); on failure says why, naming the port.
    bool listen(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const { return m_server.serverPort(); }
    int connectionCount() const { return m_connections; }

private:
    // One client connection: its parser, the requests waiting their turn, and whether one is
    // being handled. Lives exactly as long as its socket.
    struct Connection;

    void acceptConnections();
    void serve(QTcpSocket *socket);
    void next(Connection *connection);

    RequestHandler &m_handler;
    Options m_options;
    QTcpServer m_server;
    int m_connections = 0;
};

struct HttpServer::Connection {
    QTcpSocket *socket;
    HttpParser parser;
    QQueue<HttpRequest> queue;
    bool busy;
    bool served;
    QTimer *timer;
};

} // namespace topolab::runtime
