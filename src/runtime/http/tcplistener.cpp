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
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <mutex>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>
#include <vector>

using namespace std::chrono_literals;

namespace topolab::runtime {

namespace {

// Clients accepted per wake-up of the listener; see acceptAll().
constexpr int kAcceptBatch = 32;
// How long a refused connection is kept to read its request away (see answerAndClose()).
constexpr qint64 kLingerMs = 20;
// A member whose handed clients have waited this long is busy (refusing clients, say, which
// lingers): no more are handed to it until it takes them.
constexpr std::chrono::nanoseconds kHandedStale = 2ms;

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

int openSpare()
{
    return ::open("/dev/null", O_RDONLY | O_CLOEXEC);
}

} // namespace

// The listeners of one socket, and how many open connections each holds. Whichever thread wakes
// first accepts a client, and hands it to the least loaded member when it holds more than its
// share: without that, the thread that wakes first took a whole burst of new clients (40
// keep-alive clients split 0 : 40 in a test) and then served them all for as long as they stayed,
// and one-by-one connects ended up split 15 : 35 between two threads, which doubled the busier
// thread's latency. No processor waits idle for another to take its share, as it did when the
// listener over its share left clients in the kernel's queue for a while (with a new connection
// per request, two threads then served fewer than one).
struct TcpListener::Group {
    static constexpr int kMaxMembers = 64;
    // A slot per cache line: every accept and close writes one.
    struct alignas(64) Slot {
        // Including the clients handed to it and not yet taken.
        std::atomic<int> open{0};
        // How many the member can hold; 0 once it is gone.
        std::atomic<int> capacity{std::numeric_limits<int>::max()};
        // When the oldest client handed to it and not yet taken was handed (steady clock, ns);
        // 0 when none waits.
        std::atomic<qint64> handedSinceNs{0};
    };
    struct Client {
        int descriptor;
        QByteArray peer;
    };
    std::array<Slot, kMaxMembers> slotOf;
    std::atomic<int> members{1};
    // Guards listenerOf and handedTo.
    std::mutex lock;
    std::array<TcpListener *, kMaxMembers> listenerOf{};
    std::array<std::vector<Client>, kMaxMembers> handedTo;

    Slot &slot(int member) { return slotOf[static_cast<size_t>(member)]; }

    // Reserves a place for a client `member` has just accepted and says whose it is: the
    // member's own while it holds about its share (within an eighth, and two), else that of the
    // least loaded member that can take more now. Reserved, not just counted, so that two threads
    // picking at once cannot overfill one while another has room.
    int claim(int member)
    {
        for (int attempt = 0; attempt < 4; ++attempt) {
            const int server = serverFor(member);
            if (reserve(server))
                return server;
        }
        // Nobody has room: the member's own server refuses the client.
        slot(member).open.fetch_add(1, std::memory_order_relaxed);
        return member;
    }

    int serverFor(int member) const
    {
        const int count = std::min(members.load(std::memory_order_relaxed), kMaxMembers);
        qint64 now = 0;
        int least = -1;
        int leastOpen = 0;
        for (int other = 0; other < count; ++other) {
            if (other == member)
                continue;
            const Slot &slot = slotOf[static_cast<size_t>(other)];
            const int open = slot.open.load(std::memory_order_relaxed);
            if (open >= slot.capacity.load(std::memory_order_relaxed) ||
                (least >= 0 && open >= leastOpen))
                continue;
            const qint64 handedSince = slot.handedSinceNs.load(std::memory_order_relaxed);
            if (handedSince != 0) {
                if (now == 0)
                    now = nowNs();
                if (now - handedSince > kHandedStale.count())
                    continue;
            }
            least = other;
            leastOpen = open;
        }
        if (least < 0)
            return member; // no other can take the client
        const Slot &mine = slotOf[static_cast<size_t>(member)];
        const int open = mine.open.load(std::memory_order_relaxed);
        // Full, it would refuse a client that another can serve.
        if (open < mine.capacity.load(std::memory_order_relaxed) &&
            open <= leastOpen + leastOpen / 8 + 2)
            return member;
        return least;
    }

    bool reserve(int member)
    {
        Slot &s = slot(member);
        const int capacity = s.capacity.load(std::memory_order_relaxed);
        int open = s.open.load(std::memory_order_relaxed);
        while (open < capacity) {
            if (s.open.compare_exchange_weak(open, open + 1, std::memory_order_relaxed))
                return true;
        }
        return false;
    }

    // Queues the client for `member`; false if it is gone. The first client queued wakes it.
    bool hand(int member, int descriptor, const QByteArray &peer)
    {
        const std::lock_guard guard(lock);
        TcpListener *listener = listenerOf[static_cast<size_t>(member)];
        if (!listener)
            return false;
        std::vector<Client> &queue = handedTo[static_cast<size_t>(member)];
        queue.push_back({descriptor, peer});
        if (queue.size() == 1) {
            slot(member).handedSinceNs.store(nowNs(), std::memory_order_relaxed);
            QMetaObject::invokeMethod(listener, &TcpListener::takeHandedClients,
                                      Qt::QueuedConnection);
        }
        return true;
    }

    std::vector<Client> takeHanded(int member)
    {
        const std::lock_guard guard(lock);
        slot(member).handedSinceNs.store(0, std::memory_order_relaxed);
        return std::exchange(handedTo[static_cast<size_t>(member)], {});
    }

    void join(int member, TcpListener *listener)
    {
        const std::lock_guard guard(lock);
        listenerOf[static_cast<size_t>(member)] = listener;
    }

    // The member is gone: no more clients are handed to it; those still queued are returned.
    std::vector<Client> leave(int member)
    {
        const std::lock_guard guard(lock);
        slot(member).capacity.store(0, std::memory_order_relaxed);
        slot(member).handedSinceNs.store(0, std::memory_order_relaxed);
        listenerOf[static_cast<size_t>(member)] = nullptr;
        return std::exchange(handedTo[static_cast<size_t>(member)], {});
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
    connect(&m_resume, &QTimer::timeout, this, [this] {
        if (m_notifier)
            m_notifier->setEnabled(true);
    });
}

TcpListener::~TcpListener()
{
    if (m_group) {
        // Clients handed over as this listener went are closed: nothing here will serve them.
        for (const Group::Client &client : m_group->leave(m_member)) {
            ::close(client.descriptor);
            connectionEnded();
        }
    }
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
    m_group->join(m_member, this);
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
    m_group->join(m_member, this);
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

void TcpListener::connectionEnded()
{
    m_group->slot(m_member).open.fetch_sub(1, std::memory_order_relaxed);
}

void TcpListener::takeHandedClients()
{
    for (Group::Client &client : m_group->takeHanded(m_member))
        emit accepted(client.descriptor, client.peer);
}

void TcpListener::acceptAll()
{
    // A bounded batch per wake-up: each client kept is served at once, and a client served at
    // once can be back in the queue before the batch ends; without a bound, a closed-loop
    // load of short connections would keep the thread here and starve its timers and other
    // connections. The listener is level-triggered, so the rest are taken on the next pass.
    for (int batch = 0; batch < kAcceptBatch; ++batch) {
        // The peer's address comes with the accept: no getpeername for every client.
        SocketAddress peer;
        peer.length = sizeof peer.storage;
        const int client =
            ::accept4(m_descriptor, peer.data(), &peer.length, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (client >= 0) {
            // The reserve may have been lost to another thread when it was last given up.
            if (m_spare < 0)
                m_spare = openSpare();
            // Counted at once, so that the next pick, on any thread, sees it.
            const int server = m_group->claim(m_member);
            const QByteArray peerText = peer.text();
            if (server != m_member) {
                if (m_group->hand(server, client, peerText))
                    continue;
                m_group->slot(server).open.fetch_sub(1, std::memory_order_relaxed);
                m_group->slot(m_member).open.fetch_add(1, std::memory_order_relaxed);
            }
            emit accepted(client, peerText);
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
