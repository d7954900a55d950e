#include "httpserver.h"

#include "httpparser.h"

#include <QCoreApplication>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

namespace topolab::runtime {

namespace {

// Sends a final response to a request that could not be parsed, then closes.
void refuse(QTcpSocket *socket, int status, const QByteArray &reason)
{
    HttpResponse response = HttpResponse::text(status, reason);
    response.keepAlive = false;
    socket->write(response.serialize());
    socket->disconnectFromHost();
}

} // namespace

HttpServer::HttpServer(RequestHandler &handler, Options options, QObject *parent)
    : QObject(parent)
    , m_handler(handler)
    , m_options(options)
{
    m_server.setParent(this);
    connect(&m_server, &QTcpServer::newConnection, this, &HttpServer::acceptConnections);
}

bool HttpServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (m_server.listen(address, port))
        return true;
    if (error)
        *error = QCoreApplication::translate("HttpServer",
                                             "cannot listen on %1 port %2: %3. Choose another "
                                             "port or stop the program that uses it.")
                     .arg(address.toString())
                     .arg(port)
                     .arg(m_server.errorString());
    return false;
}

void HttpServer::acceptConnections()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        if (m_connections >= m_options.maxConnections) {
            refuse(socket, 503, "too many connections; try again shortly");
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            continue;
        }
        serve(socket);
    }
}

void HttpServer::serve(QTcpSocket *socket)
{
    ++m_connections;
    socket->setParent(this);
    auto *connection = new Connection{
        socket, HttpParser(HttpParser::Kind::Request), {}, false, false, new QTimer(socket)};
    connection->timer->setSingleShot(true);
    connection->timer->start(m_options.headerTimeout);
    connect(connection->timer, &QTimer::timeout, socket, [connection] {
        // A client slow to send its (first) request gets a 408; an idle keep-alive connection
        // just closes. A request being handled is not timed out here.
        if (connection->busy)
            return;
        if (connection->parser.inHeaders() || !connection->served)
            refuse(connection->socket, 408, "the request headers took too long to arrive");
        else
            connection->socket->disconnectFromHost();
    });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
        --m_connections;
        socket->deleteLater();
    });
    // No context object: the server may be mid-destruction when its sockets go, and the
    // connection state must go with them all the same.
    connect(socket, &QObject::destroyed, [connection] { delete connection; });
    connect(socket, &QTcpSocket::readyRead, socket, [this, connection] {
        const bool wasIdle = connection->parser.idle();
        if (!connection->parser.feed(connection->socket->readAll())) {
            connection->socket->disconnect(connection->socket, &QTcpSocket::readyRead, nullptr,
                                           nullptr);
            connection->queue.clear();
            if (!connection->busy)
                refuse(connection->socket, connection->parser.error()->status,
                       connection->parser.error()->reason);
            return;
        }
        while (connection->parser.hasRequest())
            connection->queue.enqueue(connection->parser.takeRequest());
        // The header deadline is set when a request starts, never pushed back by more bytes.
        if (connection->parser.inHeaders() && wasIdle && connection->served)
            connection->timer->start(m_options.headerTimeout);
        next(connection);
    });
}

void HttpServer::next(Connection *connection)
{
    if (connection->busy)
        return;
    if (connection->queue.isEmpty()) {
        if (!connection->parser.inHeaders())
            connection->timer->start(m_options.idleTimeout);
        return;
    }
    connection->busy = true;
    const HttpRequest request = connection->queue.dequeue();
    QPointer<QTcpSocket> socket = connection->socket;
    m_handler.handle(request, socket->peerAddress(),
                     [this, socket, connection, request](HttpResponse response) {
                         if (!socket)
                             return; // the client left while its request was being handled
                         connection->busy = false;
                         connection->served = true;
                         response.keepAlive = response.keepAlive && request.keepAlive;
                         socket->write(response.serialize(request.method == "HEAD"));
                         if (!response.keepAlive) {
                             socket->disconnectFromHost();
                             return;
                         }
                         next(connection);
                     });
}

} // namespace topolab::runtime
