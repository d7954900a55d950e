#include "tcplistener.h"

#include "processlimits.h"
#include "socketaddress.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSocketNotifier>
#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace std::chrono_literals;

namespace topolab::runtime {

namespace {

// Clients accepted (and served) per wake-up of the listener; see acceptAll().
constexpr int kAcceptBatch = 32;
// How often a listener far over its share of a shared socket's connections looks again, and how
// long at most it leaves new clients to the others: a thread can be busy for a while (refusing
// clients at its connection limit, say), and its clients must not wait for it.
constexpr auto kShareRetry = 1ms;
constexpr auto kShareWaitLimit = 20ms;
// How long a refused connection is kept to read its request away (see answerAndClose()).
constexpr qint64 kLingerMs = 20;

int openSpare()
{
    return ::open("/dev/null", O_RDONLY | O_CLOEXEC);
}

} // namespace

// The listeners of one socket, and how many open connections each holds. Without the counts the
// thread that wakes first takes a whole burst of new clients (40 keep-alive clients split 0 : 40
// in a test), and then serves them all for as long as they stay.
struct TcpListener::Group {
    static constexpr int kMaxMembers = 64;
    // A slot per cache line: every accept and close writes one.
    struct alignas(64) Slot {
        std::atomic<int> open{0};
        // How many the member can hold; 0 once it is gone.
        std::atomic<int> capacity{std::numeric_limits<int>::max()};
    };
    std::array<Slot, kMaxMembers> slotOf;
    std::atomic<int> members{1};

    enum class Share { Within, Over, FarOver };

    Slot &slot(int member) { return slotOf[static_cast<size_t>(member)]; }

    // How `member`'s open connections compare with those of the least loaded other member that
    // can take more.
    Share shareOf(int member) const
    {
        const int count = std::min(members.load(std::memory_order_relaxed), kMaxMembers);
        int least = -1;
        for (int other = 0; other < count; ++other) {
            if (other == member)
                continue;
            const Slot &slot = slotOf[static_cast<size_t>(other)];
            const int open = slot.open.load(std::memory_order_relaxed);
            if (open < slot.capacity.load(std::memory_order_relaxed) && (least < 0 || open < least))
                least = open;
        }
        if (least < 0)
            return Share::Within; // no other can take the client
        const Slot &mine = slotOf[static_cast<size_t>(member)];
        const int open = mine.open.load(std::memory_order_relaxed);
        // Full, it would refuse a client that another can serve.
        if (open >= mine.capacity.load(std::memory_order_relaxed))
            return Share::FarOver;
        if (open <= least + least / 8 + 4)
            return Share::Within;
        return open <= 2 * least + 8 ? Share::Over : Share::FarOver;
    }
};

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
    connect(&m_resume, &QTimer::timeout, this, &TcpListener::resumeAccepting);
}

TcpListener::~TcpListener()
{
    if (m_group)
        m_group->slot(m_member).capacity.store(0, std::memory_order_relaxed);
    delete m_notifier;
    if (m_descriptor >= 0)
        ::close(m_descriptor);
    if (m_spare >= 0)
        ::close(m_spare);
}

bool TcpListener::listen(const QHostAddress &address, quint16 port, QString *error)
{
    SocketAddress local = SocketAddress::from(address, port);
    const int descriptor = ::socket(local.family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int on = 1;
    const bool ok = descriptor >= 0 &&
                    ::setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) == 0 &&
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
    m_group = std::make_shared<Group>();
    m_member = 0;
    m_group->slot(m_member).capacity.store(m_capacity, std::memory_order_relaxed);
    watch(descriptor);
    return true;
}

bool TcpListener::share(const TcpListener &first, QString *error)
{
    // A descriptor of its own for the one socket: each thread's event loop watches its own.
    const int descriptor = ::fcntl(first.m_descriptor, F_DUPFD_CLOEXEC, 0);
    if (descriptor < 0) {
        if (error)
            *error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    const int member = first.m_group->members.fetch_add(1, std::memory_order_relaxed);
    if (member >= Group::kMaxMembers) {
        first.m_group->members.fetch_sub(1, std::memory_order_relaxed);
        ::close(descriptor);
        if (error)
            *error = QCoreApplication::translate("TcpListener",
                                                 "at most %1 listeners can share one port")
                         .arg(Group::kMaxMembers);
        return false;
    }
    m_port = first.m_port;
    m_group = first.m_group;
    m_member = member;
    m_group->slot(m_member).capacity.store(m_capacity, std::memory_order_relaxed);
    watch(descriptor);
    return true;
}

void TcpListener::watch(int descriptor)
{
    m_descriptor = descriptor;
    m_notifier = new QSocketNotifier(descriptor, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &TcpListener::acceptAll);
}

void TcpListener::setCapacity(int connections)
{
    m_capacity = connections;
    if (m_group)
        m_group->slot(m_member).capacity.store(connections, std::memory_order_relaxed);
}

int TcpListener::openConnections() const
{
    return m_group ? m_group->slot(m_member).open.load(std::memory_order_relaxed) : 0;
}

bool TcpListener::accepting() const
{
    return m_notifier && m_notifier->isEnabled();
}

void TcpListener::connectionEnded()
{
    m_group->slot(m_member).open.fetch_sub(1, std::memory_order_relaxed);
    // Back within its share, a listener takes clients at once, not when its retry comes. Short
    // connections end within a millisecond: waiting out the retry, two listeners could each be
    // leaving clients to the other, and with a new connection per request two threads served
    // 25 % fewer than one.
    if (m_deferring && m_group->shareOf(m_member) != Group::Share::FarOver) {
        m_resume.stop();
        resumeAccepting();
    }
}

void TcpListener::deferToOthers()
{
    m_notifier->setEnabled(false);
    m_deferring = true;
    m_resume.start(kShareRetry);
}

void TcpListener::resumeAccepting()
{
    m_deferring = false;
    if (m_notifier)
        m_notifier->setEnabled(true);
}

void TcpListener::acceptAll()
{
    // A bounded batch per wake-up: each accepted client is served at once, and a client served
    // at once can be back in the queue before the batch ends; without a bound, a closed-loop
    // load of short connections would keep the thread here and starve its timers and other
    // connections. The listener is level-triggered, so the rest are taken on the next pass.
    for (int batch = 0; batch < kAcceptBatch; ++batch) {
        // Over its share, a listener takes one client per pass of its loop, so that the others,
        // woken by the same clients, take most of them. Far over it, it leaves them to the others
        // for a while: those may not have had a processor yet.
        const Group::Share share = m_group->shareOf(m_member);
        if (share == Group::Share::FarOver) {
            const auto now = std::chrono::steady_clock::now();
            if (!m_farOverSince)
                m_farOverSince = now;
            if (now - *m_farOverSince < kShareWaitLimit) {
                deferToOthers();
                return;
            }
        } else {
            m_farOverSince.reset();
        }
        if (batch > 0 && share != Group::Share::Within)
            return;
        // The peer's address comes with the accept: no getpeername for every client.
        SocketAddress peer;
        peer.length = sizeof peer.storage;
        const int client =
            ::accept4(m_descriptor, peer.data(), &peer.length, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (client >= 0) {
            m_group->slot(m_member).open.fetch_add(1, std::memory_order_relaxed);
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
