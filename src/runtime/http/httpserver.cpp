#include "httpserver.h"

#include "httpserverconnection.h"
#include "processlimits.h"

#include <QCoreApplication>

namespace topolab::runtime {

namespace {

QByteArray finalAnswer(int status, const QByteArray &reason)
{
    HttpResponse response = HttpResponse::text(status, reason);
    response.keepAlive = false;
    return response.serialize();
}

} // namespace

HttpServer::HttpServer(RequestHandler &handler, Options options, QObject *parent)
    : QObject(parent)
    , m_handler(handler)
    , m_options(options)
{
    m_listener.setParent(this);
    m_listener.setCapacity(m_options.maxConnections);
    connect(&m_listener, &TcpListener::accepted, this, &HttpServer::serve);
    connect(&m_listener, &TcpListener::outOfDescriptors, this,
            &HttpServer::refuseForWantOfDescriptors);
}

HttpServer::~HttpServer() = default;

bool HttpServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    QString reason;
    if (m_listener.listen(address, port, &reason))
        return true;
    if (error)
        *error = QCoreApplication::translate("HttpServer",
                                             "cannot listen on %1 port %2: %3. Choose another "
                                             "port or stop the program that uses it.")
                     .arg(address.toString())
                     .arg(port)
                     .arg(reason);
    return false;
}

bool HttpServer::share(const HttpServer &first, QString *error)
{
    QString reason;
    if (m_listener.share(first.m_listener, &reason))
        return true;
    if (error)
        *error = QCoreApplication::translate("HttpServer", "cannot share port %1: %2")
                     .arg(first.port())
                     .arg(reason);
    return false;
}

void HttpServer::serve(qintptr descriptor, const QByteArray &peer)
{
    if (m_connections >= m_options.maxConnections) {
        const QByteArray answer =
            finalAnswer(503, "the server is at its connection limit (" +
                                 QByteArray::number(m_options.maxConnections) +
                                 " connections); try again shortly");
        TcpListener::answerAndClose(static_cast<int>(descriptor), answer);
        m_listener.connectionEnded();
        emit refused(503, answer.size());
        return;
    }
    ++m_connections;
    new HttpServerConnection(static_cast<int>(descriptor), peer, m_handler, m_options, *this, this);
}

void HttpServer::connectionClosed(HttpServerConnection *connection)
{
    --m_connections;
    m_listener.connectionEnded();
    connection->deleteLater();
}

void HttpServer::refuseForWantOfDescriptors()
{
    const QString reason =
        QCoreApplication::translate("HttpServer",
                                    "out of file descriptors (the limit is %1 per process); new "
                                    "clients get 503 until connections close. Raise the limit "
                                    "with 'ulimit -n' or systemd's LimitNOFILE.")
            .arg(ProcessLimits::descriptorLimit());
    emit descriptorsExhausted(reason);
    const QByteArray answer = finalAnswer(503, reason.toUtf8());
    const int refusedClients = m_listener.refusePending(answer);
    for (int i = 0; i < refusedClients; ++i)
        emit refused(503, answer.size());
}

} // namespace topolab::runtime
