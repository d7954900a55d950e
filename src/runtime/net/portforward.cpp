#include "portforward.h"

#include "networkhost.h"

#include <QTcpSocket>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

namespace {

// Enough in flight per direction for a fast client; above it the relay stops reading that side
// until the other has taken it.
constexpr qint64 kBufferBytes = 256 * 1024;

void pipe(QTcpSocket *from, QTcpSocket *to)
{
    QObject::connect(from, &QTcpSocket::readyRead, to, [from, to] {
        if (to->bytesToWrite() < kBufferBytes)
            to->write(from->readAll());
    });
    QObject::connect(to, &QTcpSocket::bytesWritten, from, [from, to] {
        if (to->bytesToWrite() < kBufferBytes && from->bytesAvailable() > 0)
            to->write(from->readAll());
    });
}

} // namespace

int PortForward::openListener(quint16 port, QString *error)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int on = 1;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd >= 0 && ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) == 0 &&
        ::bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0 &&
        ::listen(fd, SOMAXCONN) == 0)
        return fd;
    *error = errno == EADDRINUSE
                 ? tr("port %1 on 127.0.0.1 is in use: give the load balancer another port, or "
                      "stop the program that uses it")
                       .arg(port)
                 : tr("cannot listen on 127.0.0.1:%1: %2")
                       .arg(port)
                       .arg(QString::fromLocal8Bit(std::strerror(errno)));
    if (fd >= 0)
        ::close(fd);
    return -1;
}

PortForward::PortForward(int listener, QString address, quint16 port, const NetworkHost &from,
                         QObject *parent)
    : QObject(parent)
    , m_listener(listener)
    , m_address(std::move(address))
    , m_port(port)
    , m_from(from)
{
    connect(&m_server, &QTcpServer::newConnection, this, &PortForward::relay);
}

bool PortForward::start(QString *error)
{
    if (!m_server.setSocketDescriptor(m_listener)) {
        *error = tr("the way in from 127.0.0.1 cannot start: %1").arg(m_server.errorString());
        return false;
    }
    return true;
}

void PortForward::relay()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        ++m_connections;
        auto *upstream = new QTcpSocket(client);
        {
            // Connecting to an address creates the socket at once, inside the internet host.
            const NetworkHost::Scope inside(&m_from);
            upstream->connectToHost(m_address, m_port);
        }
        client->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(upstream, &QTcpSocket::connected, upstream,
                [upstream] { upstream->setSocketOption(QAbstractSocket::LowDelayOption, 1); });
        pipe(client, upstream);
        pipe(upstream, client);
        // Either side ending ends both, after what is on its way has been written.
        const auto end = [client, upstream] {
            upstream->disconnectFromHost();
            client->disconnectFromHost();
        };
        connect(client, &QTcpSocket::disconnected, upstream, end);
        connect(upstream, &QTcpSocket::disconnected, client, end);
        connect(upstream, &QTcpSocket::errorOccurred, client, end);
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
    }
}

} // namespace topolab::runtime
