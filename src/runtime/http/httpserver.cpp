#include "httpserver.h"

#include "httpserverconnection.h"
#include "processlimits.h"

#include <QCoreApplication>
#include <QTcpSocket>
#include <cerrno>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace std::chrono_literals;

namespace topolab::runtime {

namespace {

int openSpareDescriptor()
{
    return ::open("/dev/null", O_RDONLY | O_CLOEXEC);
}

void answerAndClose(int descriptor, const QByteArray &bytes)
{
    // Blocking, but only this small answer into an empty send buffer.
    ::send(descriptor, bytes.constData(), static_cast<size_t>(bytes.size()), MSG_NOSIGNAL);
    // Closing with unread request bytes would reset the connection and could destroy the
    // answer before the client reads it.
    char discard[4096];
    while (::recv(descriptor, discard, sizeof discard, MSG_DONTWAIT) > 0) {
    }
    ::shutdown(descriptor, SHUT_WR);
    ::close(descriptor);
}

} // namespace

HttpServer::HttpServer(RequestHandler &handler, Options options, QObject *parent)
    : QObject(parent)
    , m_handler(handler)
    , m_options(options)
    , m_spareDescriptor(openSpareDescriptor())
{
    m_server.setParent(this);
    m_server.setMaxPendingConnections(1024);
    m_resume.setParent(this);
    m_resume.setSingleShot(true);
    connect(&m_resume, &QTimer::timeout, &m_server, &QTcpServer::resumeAccepting);
    connect(&m_server, &QTcpServer::newConnection, this, &HttpServer::acceptConnections);
    connect(&m_server, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError error) {
        if (error == QAbstractSocket::SocketResourceError)
            shedUnacceptedClients();
        else
            m_resume.start(10ms);
    });
}

HttpServer::~HttpServer()
{
    if (m_spareDescriptor >= 0)
        ::close(m_spareDescriptor);
}

bool HttpServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    m_server.setListenBacklogSize(ProcessLimits::listenBacklog());
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
            HttpResponse response = HttpResponse::text(
                503, "the server is at its connection limit (" +
                         QByteArray::number(m_options.maxConnections) +
                         " connections); try again shortly");
            response.keepAlive = false;
            const QByteArray bytes = response.serialize();
            socket->write(bytes);
            emit refused(503, bytes.size());
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            socket->disconnectFromHost();
            continue;
        }
        ++m_connections;
        auto *connection = new HttpServerConnection(socket, m_handler, m_options, this);
        connect(connection, &HttpServerConnection::refused, this, &HttpServer::refused);
        connect(connection, &HttpServerConnection::closed, this, [this, connection] {
            --m_connections;
            connection->deleteLater();
        });
    }
}

// Qt stops accepting when accept() fails for want of a descriptor. The clients waiting in the
// kernel's queue would otherwise hang there: each is accepted on the reserve descriptor, told
// why in a 503 and closed, and accepting resumes shortly.
void HttpServer::shedUnacceptedClients()
{
    const QString reason =
        QCoreApplication::translate("HttpServer",
                                    "out of file descriptors (the limit is %1 per process); new "
                                    "clients get 503 until connections close. Raise the limit "
                                    "with 'ulimit -n' or systemd's LimitNOFILE.")
            .arg(ProcessLimits::descriptorLimit());
    emit descriptorsExhausted(reason);
    HttpResponse response = HttpResponse::text(503, reason.toUtf8());
    response.keepAlive = false;
    const QByteArray bytes = response.serialize();
    if (m_spareDescriptor >= 0) {
        ::close(m_spareDescriptor);
        m_spareDescriptor = -1;
    }
    for (;;) {
        const int client = ::accept4(static_cast<int>(m_server.socketDescriptor()), nullptr,
                                     nullptr, SOCK_CLOEXEC);
        if (client < 0)
            break;
        answerAndClose(client, bytes);
        emit refused(503, bytes.size());
    }
    m_spareDescriptor = openSpareDescriptor();
    m_resume.start(m_spareDescriptor >= 0 ? 1ms : 100ms);
}

} // namespace topolab::runtime
