#include "tcplistener.h"

#include "processlimits.h"
#include "socketaddress.h"

#include <QElapsedTimer>
#include <QSocketNotifier>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace std::chrono_literals;

namespace topolab::runtime {

namespace {

// Clients accepted (and served) per wake-up of the listener; see acceptAll().
constexpr int kAcceptBatch = 32;
// How long a refused connection is kept to read its request away (see answerAndClose()).
constexpr qint64 kLingerMs = 20;

int openSpare()
{
    return ::open("/dev/null", O_RDONLY | O_CLOEXEC);
}

} // namespace

void TcpListener::answerAndClose(int descriptor, const QByteArray &answer)
{
    // A small answer into an empty send buffer: the call does not block.
    ::send(descriptor, answer.constData(), static_cast<size_t>(answer.size()),
           MSG_NOSIGNAL | MSG_DONTWAIT);
    ::shutdown(descriptor, SHUT_WR);
    // Closing while request bytes are still on their way would reset the connection, and a
    // reset can destroy the answer before the client reads it. The client has usually sent its
    // request right after connecting: wait a moment for it (or for the client to close), and
    // read it away, before closing.
    char discard[4096];
    QElapsedTimer lingering;
    lingering.start();
    for (qint64 left = kLingerMs; left > 0; left = kLingerMs - lingering.elapsed()) {
        pollfd readable{descriptor, POLLIN, 0};
        if (::poll(&readable, 1, static_cast<int>(left)) <= 0)
            break;
        if (::recv(descriptor, discard, sizeof discard, MSG_DONTWAIT) <= 0)
            break;
    }
    ::close(descriptor);
}

TcpListener::TcpListener(QObject *parent)
    : QObject(parent)
    , m_spare(openSpare())
{
    m_resume.setParent(this);
    m_resume.setSingleShot(true);
    connect(&m_resume, &QTimer::timeout, this, [this] {
        if (m_notifier)
            m_notifier->setEnabled(true);
    });
}

TcpListener::~TcpListener()
{
    delete m_notifier;
    if (m_descriptor >= 0)
        ::close(m_descriptor);
    if (m_spare >= 0)
        ::close(m_spare);
}

bool TcpListener::listen(const QHostAddress &address, quint16 port, QString *error,
                         PortSharing sharing)
{
    SocketAddress local = SocketAddress::from(address, port);
    if (sharing == PortSharing::FirstOfGroup) {
        // Another program listening there with SO_REUSEPORT would silently share the port (and
        // its clients): a plain bind first says whether it is free, and which it is for port 0.
        const int probe = ::socket(local.family(), SOCK_STREAM | SOCK_CLOEXEC, 0);
        const int on = 1;
        const bool free = probe >= 0 &&
                          ::setsockopt(probe, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) == 0 &&
                          ::bind(probe, local.data(), local.length) == 0 &&
                          ::getsockname(probe, local.data(), &local.length) == 0;
        const int probeErrno = errno;
        if (probe >= 0)
            ::close(probe);
        if (!free) {
            if (error)
                *error = QString::fromLocal8Bit(std::strerror(probeErrno));
            return false;
        }
    }
    const bool sharedPort = sharing != PortSharing::Exclusive;
    const int descriptor = ::socket(local.family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int on = 1;
    const bool ok =
        descriptor >= 0 &&
        ::setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) == 0 &&
        (!sharedPort || ::setsockopt(descriptor, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) == 0) &&
        ::bind(descriptor, local.data(), local.length) == 0 &&
        ::listen(descriptor, ProcessLimits::listenBacklog()) == 0;
    if (!ok) {
        if (error)
            *error = QString::fromLocal8Bit(std::strerror(errno));
        if (descriptor >= 0)
            ::close(descriptor);
        return false;
    }
    ::getsockname(descriptor, local.data(), &local.length);
    m_port = local.port();
    m_descriptor = descriptor;
    m_notifier = new QSocketNotifier(descriptor, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &TcpListener::acceptAll);
    return true;
}

void TcpListener::acceptAll()
{
    // A bounded batch per wake-up: each accepted client is served at once, and a client served
    // at once can be back in the queue before the batch ends; without a bound, a closed-loop
    // load of short connections would keep the thread here and starve its timers and other
    // connections. The listener is level-triggered, so the rest are taken on the next pass.
    for (int batch = 0; batch < kAcceptBatch; ++batch) {
        // The peer's address comes with the accept: no getpeername for every client.
        SocketAddress peer;
        peer.length = sizeof peer.storage;
        const int client =
            ::accept4(m_descriptor, peer.data(), &peer.length, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (client >= 0) {
            emit accepted(client, peer.text());
            // The reserve may have been lost to another thread when it was last given up.
            if (m_spare < 0)
                m_spare = openSpare();
            continue;
        }
        if (errno == EINTR || errno == ECONNABORTED)
            continue;
        if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
            m_notifier->setEnabled(false);
            emit outOfDescriptors();
        }
        return; // EAGAIN: the queue is empty
    }
}

int TcpListener::refusePending(const QByteArray &answer)
{
    int refused = 0;
    if (m_spare >= 0) {
        ::close(m_spare);
        m_spare = -1;
    }
    for (;;) {
        const int client = ::accept4(m_descriptor, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (client < 0)
            break;
        answerAndClose(client, answer);
        ++refused;
    }
    m_spare = openSpare();
    // Without a reserve descriptor the next client could not even be refused: wait longer.
    m_resume.start(m_spare >= 0 ? 1ms : 100ms);
    return refused;
}

} // namespace topolab::runtime
