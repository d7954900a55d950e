#include "httpserver.h"

#include "httpparser.h"

#include <QCoreApplication>
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
    auto parser = std::make_shared<HttpParser>(HttpParser::Kind::Request);
    auto served = std::make_shared<bool>(false);
    auto *timer = new QTimer(socket);
    timer->setSingleShot(true);
    timer->start(m_options.headerTimeout);
    connect(timer, &QTimer::timeout, socket, [socket, parser, served] {
        // A client slow to send its (first) request gets a 408; an idle keep-alive connection
        // just closes.
        if (parser->inHeaders() || !*served)
            refuse(socket, 408, "the request headers took too long to arrive");
        else
            socket->disconnectFromHost();
    });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
        --m_connections;
        socket->deleteLater();
    });
    connect(socket, &QTcpSocket::readyRead, socket, [this, socket, parser, served, timer] {
        const bool wasIdle = parser->idle();
        if (!parser->feed(socket->readAll())) {
            socket->disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
            refuse(socket, parser->error()->status, parser->error()->reason);
            return;
        }
        while (parser->hasRequest()) {
            const HttpRequest request = parser->takeRequest();
            *served = true;
            HttpResponse response = m_handler.handle(request, socket->peerAddress());
            response.keepAlive = response.keepAlive && request.keepAlive;
            socket->write(response.serialize(request.method == "HEAD"));
            if (!response.keepAlive) {
                socket->disconnectFromHost();
                return;
            }
        }
        // The header deadline is set when a request starts, never pushed back by more bytes.
        if (!parser->inHeaders())
            timer->start(m_options.idleTimeout);
        else if (wasIdle && *served)
            timer->start(m_options.headerTimeout);
    });
}

} // namespace topolab::runtime
