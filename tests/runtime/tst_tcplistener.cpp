#include "runtime/http/epolleventdispatcher.h"
#include "runtime/http/tcplistener.h"

#include <QMutex>
#include <QSemaphore>
#include <QTest>
#include <QThread>
#include <arpa/inet.h>
#include <chrono>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

using namespace topolab::runtime;
using namespace std::chrono_literals;

namespace {

// A TcpListener on a thread of its own (with the epoll dispatcher, as in the balancer), keeping
// the descriptors it accepted open until told otherwise.
class ListenerThread {
public:
    ListenerThread()
    {
        m_thread.setEventDispatcher(new EpollEventDispatcher);
        m_listener->moveToThread(&m_thread);
        QObject::connect(m_listener, &TcpListener::accepted, m_listener,
                         [this](qintptr descriptor) {
                             const QMutexLocker lock(&m_mutex);
                             m_open.push_back(static_cast<int>(descriptor));
                             m_acceptedAt.push_back(std::chrono::steady_clock::now());
                         });
        m_thread.start();
    }
    ~ListenerThread()
    {
        // A test that failed may have left the thread blocked.
        resume();
        // Deleted on its own thread, as its notifier and timer require.
        run([this] {
            delete m_listener;
            return true;
        });
        m_thread.quit();
        m_thread.wait();
        for (int descriptor : m_open)
            ::close(descriptor);
    }

    bool listen()
    {
        return run([this] { return m_listener->listen(QHostAddress::LocalHost, 0, nullptr); });
    }
    bool share(ListenerThread &first)
    {
        return run([&] { return m_listener->share(*first.m_listener, nullptr); });
    }
    quint16 port() const { return m_listener->port(); }
    int accepted()
    {
        const QMutexLocker lock(&m_mutex);
        return static_cast<int>(m_acceptedAt.size());
    }
    // Waits for the `n`th accept closely (QTRY looks every 50 ms; a listener waits 20 ms at most
    // for the others); false if it never comes.
    bool waitForAccepted(int n)
    {
        const auto deadline = std::chrono::steady_clock::now() + 5s;
        while (accepted() < n) {
            if (std::chrono::steady_clock::now() > deadline)
                return false;
            QThread::usleep(100);
        }
        return true;
    }
    // When the `n`th client (from 0) was accepted.
    std::chrono::steady_clock::time_point acceptedAt(int n)
    {
        const QMutexLocker lock(&m_mutex);
        return m_acceptedAt.at(static_cast<size_t>(n));
    }
    // The longest time between two accepts.
    std::chrono::steady_clock::duration longestWait()
    {
        const QMutexLocker lock(&m_mutex);
        std::chrono::steady_clock::duration longest{};
        for (size_t i = 1; i < m_acceptedAt.size(); ++i)
            longest = std::max(longest, m_acceptedAt[i] - m_acceptedAt[i - 1]);
        return longest;
    }
    int openConnections()
    {
        int open = -1;
        run([&] {
            open = m_listener->openConnections();
            return true;
        });
        return open;
    }
    void setCapacity(int connections)
    {
        run([&] {
            m_listener->setCapacity(connections);
            return true;
        });
    }
    // Closes every connection this listener holds, telling it so; returns whether it accepts
    // clients right after (before its loop runs again).
    bool endAll()
    {
        return run([this] {
            const QMutexLocker lock(&m_mutex);
            for (int descriptor : m_open) {
                ::close(descriptor);
                m_listener->connectionEnded();
            }
            m_open.clear();
            return m_listener->accepting();
        });
    }
    // Keeps the thread busy (its loop not running) until resume().
    void block()
    {
        QSemaphore blocked;
        QMetaObject::invokeMethod(m_listener, [this, &blocked] {
            blocked.release();
            m_resume.acquire();
        });
        blocked.acquire();
    }
    void resume() { m_resume.release(); }

private:
    template <typename Work>
    bool run(Work work)
    {
        bool result = false;
        QMetaObject::invokeMethod(
            m_listener, [&] { result = work(); }, Qt::BlockingQueuedConnection);
        return result;
    }

    QThread m_thread;
    TcpListener *m_listener = new TcpListener;
    QMutex m_mutex;
    std::vector<int> m_open;
    std::vector<std::chrono::steady_clock::time_point> m_acceptedAt;
    QSemaphore m_resume;
};

// Connects `count` clients at once (the kernel completes the handshakes before any accept).
std::vector<int> connectClients(quint16 port, int count)
{
    std::vector<int> clients;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int i = 0; i < count; ++i) {
        const int client = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (::connect(client, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0)
            clients.push_back(client);
        else
            ::close(client);
    }
    return clients;
}

void closeAll(const std::vector<int> &descriptors)
{
    for (int descriptor : descriptors)
        ::close(descriptor);
}

} // namespace

// Several threads taking clients from one listening socket, as the balancer's threads do.
class TestTcpListener : public QObject {
    Q_OBJECT

private slots:
    void aBurstOfClientsIsSplitBetweenTheListeners()
    {
        // A burst, as when a load tool opens its keep-alive connections: the listener that wakes
        // first must not take them all, or its thread serves them all for as long as they stay.
        for (int round = 0; round < 5; ++round) {
            ListenerThread first;
            ListenerThread second;
            QVERIFY(first.listen());
            QVERIFY(second.share(first));
            const std::vector<int> clients = connectClients(first.port(), 40);
            QCOMPARE(clients.size(), 40u);
            QTRY_COMPARE_WITH_TIMEOUT(first.accepted() + second.accepted(), 40, 5000);
            // Far over its share (twice the other's count and 8 more) a listener leaves new
            // clients to the other: neither ends with fewer than 11 of 40 — unless the other's
            // thread had no processor for the 20 ms a listener waits for it at most.
            const int fewer = std::min(first.accepted(), second.accepted());
            ListenerThread &busier = first.accepted() > second.accepted() ? first : second;
            QVERIFY2(
                fewer >= 11 || busier.longestWait() >= 19ms,
                qPrintable(QStringLiteral("%1 : %2").arg(first.accepted()).arg(second.accepted())));
            closeAll(clients);
        }
    }

    void aListenerFarOverItsShareLeavesClientsToABusyOtherOnlyForAWhile()
    {
        ListenerThread first;
        ListenerThread second;
        QVERIFY(first.listen());
        QVERIFY(second.share(first));
        // The second listener's thread is busy: the first takes 9 (twice the other's 0, and 8
        // more), waits for it to take some, and then, as it does not, takes the rest.
        second.block();
        const std::vector<int> clients = connectClients(first.port(), 30);
        QCOMPARE(clients.size(), 30u);
        QTRY_COMPARE_WITH_TIMEOUT(first.accepted(), 30, 5000);
        QVERIFY(first.acceptedAt(9) - first.acceptedAt(8) >= 19ms);
        QVERIFY(first.acceptedAt(8) - first.acceptedAt(0) <
                first.acceptedAt(9) - first.acceptedAt(8));
        second.resume();
        closeAll(clients);
    }

    void aListenerBackWithinItsShareTakesClientsAtOnce()
    {
        ListenerThread first;
        ListenerThread second;
        QVERIFY(first.listen());
        QVERIFY(second.share(first));
        // The second's thread is busy: the first takes 9 and leaves the tenth to it.
        second.block();
        const std::vector<int> clients = connectClients(first.port(), 10);
        QCOMPARE(clients.size(), 10u);
        QVERIFY(first.waitForAccepted(9));
        QCOMPARE(first.accepted(), 9);
        // Its clients leave (short connections end within a millisecond): it takes clients
        // again at once, not at its next retry, or two listeners could each be leaving clients
        // to the other.
        QVERIFY(first.endAll());
        QTRY_COMPARE_WITH_TIMEOUT(first.accepted(), 10, 5000);
        second.resume();
        closeAll(clients);
    }

    void aListenerCountsItsConnectionsUntilTheyEnd()
    {
        ListenerThread first;
        ListenerThread second;
        QVERIFY(first.listen());
        QVERIFY(second.share(first));
        second.block();
        const std::vector<int> clients = connectClients(first.port(), 5);
        QTRY_COMPARE_WITH_TIMEOUT(first.accepted(), 5, 5000);
        QCOMPARE(first.openConnections(), 5);
        first.endAll();
        QCOMPARE(first.openConnections(), 0);
        second.resume();
        closeAll(clients);
    }

    void aFullListenerLeavesClientsToTheOthers()
    {
        ListenerThread first;
        ListenerThread second;
        QVERIFY(first.listen());
        QVERIFY(second.share(first));
        first.setCapacity(2);
        second.setCapacity(100);
        const std::vector<int> clients = connectClients(first.port(), 20);
        QTRY_COMPARE_WITH_TIMEOUT(first.accepted() + second.accepted(), 20, 5000);
        // More only after waiting the 20 ms at most that it leaves clients to a busy other.
        QVERIFY2(first.accepted() <= 2 || first.acceptedAt(2) - first.acceptedAt(1) >= 19ms,
                 qPrintable(QString::number(first.accepted())));
        closeAll(clients);
    }

    void aListenerAloneTakesEveryClient()
    {
        ListenerThread only;
        QVERIFY(only.listen());
        const std::vector<int> clients = connectClients(only.port(), 40);
        QTRY_COMPARE_WITH_TIMEOUT(only.accepted(), 40, 5000);
        closeAll(clients);
    }
};

QTEST_GUILESS_MAIN(TestTcpListener)
#include "tst_tcplistener.moc"
