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

// Waits closely (QTRY looks every 50 ms) for `done` to hold, 5 s at most; false if it never does.
template <typename Condition>
bool waitClosely(Condition done)
{
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        QThread::usleep(100);
    }
    return true;
}

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
                             ++m_accepted;
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
        return m_accepted;
    }
    bool waitForAccepted(int n)
    {
        return waitClosely([&] { return accepted() >= n; });
    }
    // Read here, not on the listener's thread (which may be blocked): the count is atomic.
    int openConnections() const { return m_listener->openConnections(); }
    void setCapacity(int connections)
    {
        run([&] {
            m_listener->setCapacity(connections);
            return true;
        });
    }
    // Closes every connection this listener holds, telling it so.
    void endAll()
    {
        run([this] {
            const QMutexLocker lock(&m_mutex);
            for (int descriptor : m_open) {
                ::close(descriptor);
                m_listener->connectionEnded();
            }
            m_open.clear();
            return true;
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
    int m_accepted = 0;
    QSemaphore m_resume;
};

// Two listeners on one socket, as two balancer threads.
bool listenTogether(ListenerThread &first, ListenerThread &second)
{
    return first.listen() && second.share(first);
}

bool waitForTotal(ListenerThread &first, ListenerThread &second, int total)
{
    return waitClosely([&] { return first.accepted() + second.accepted() >= total; });
}

// How the clients were split, for a failure's message.
QString split(ListenerThread &first, ListenerThread &second)
{
    return QStringLiteral("%1 : %2").arg(first.accepted()).arg(second.accepted());
}

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
        // first must not keep them all, or its thread serves them all for as long as they stay.
        for (int round = 0; round < 5; ++round) {
            ListenerThread first;
            ListenerThread second;
            QVERIFY(listenTogether(first, second));
            const std::vector<int> clients = connectClients(first.port(), 40);
            QCOMPARE(clients.size(), 40u);
            QTRY_COMPARE_WITH_TIMEOUT(first.accepted() + second.accepted(), 40, 5000);
            // Within an eighth and two of the other's count.
            QVERIFY2(std::min(first.accepted(), second.accepted()) >= 18,
                     qPrintable(split(first, second)));
            closeAll(clients);
        }
    }

    void clientsConnectingOneByOneAreSplitToo()
    {
        ListenerThread first;
        ListenerThread second;
        QVERIFY(listenTogether(first, second));
        // Each connect is accepted before the next: whichever thread wakes first takes it. When a
        // listener kept clients until it had twice the other's and 8 more, two threads ended up
        // with 15 and 35 of 50 this way.
        std::vector<int> clients;
        for (int i = 0; i < 50; ++i) {
            std::vector<int> one = connectClients(first.port(), 1);
            QCOMPARE(one.size(), 1u);
            clients.push_back(one.front());
            QVERIFY(waitForTotal(first, second, i + 1));
        }
        QVERIFY2(std::min(first.accepted(), second.accepted()) >= 22,
                 qPrintable(split(first, second)));
        closeAll(clients);
    }

    void clientsHandedToABusyListenerWaitForItButNoMoreAreHanded()
    {
        ListenerThread first;
        ListenerThread second;
        QVERIFY(listenTogether(first, second));
        // The second's thread is busy: the first hands it at most its share of a burst, which it
        // serves once it is free...
        second.block();
        const std::vector<int> burst = connectClients(first.port(), 30);
        QCOMPARE(burst.size(), 30u);
        QVERIFY(first.waitForAccepted(15));
        // ...and once those have waited a moment, the first keeps every new client itself.
        QTest::qWait(20);
        const std::vector<int> later = connectClients(first.port(), 10);
        QCOMPARE(later.size(), 10u);
        QVERIFY2(first.waitForAccepted(25), qPrintable(QString::number(first.accepted())));
        QCOMPARE(second.accepted(), 0);
        second.resume();
        QTRY_COMPARE_WITH_TIMEOUT(first.accepted() + second.accepted(), 40, 5000);
        closeAll(burst);
        closeAll(later);
    }

    void handedClientsAreCountedWhereTheyAreServed()
    {
        ListenerThread first;
        ListenerThread second;
        QVERIFY(listenTogether(first, second));
        second.block();
        const std::vector<int> clients = connectClients(first.port(), 20);
        QCOMPARE(clients.size(), 20u);
        QVERIFY(first.waitForAccepted(10));
        // Those on their way to the busy one count as its own already.
        QTRY_COMPARE_WITH_TIMEOUT(first.openConnections() + second.openConnections(), 20, 5000);
        second.resume();
        QTRY_COMPARE_WITH_TIMEOUT(first.accepted() + second.accepted(), 20, 5000);
        QCOMPARE(first.openConnections(), first.accepted());
        QCOMPARE(second.openConnections(), second.accepted());
        QVERIFY(second.accepted() > 0);
        first.endAll();
        second.endAll();
        QCOMPARE(first.openConnections(), 0);
        QCOMPARE(second.openConnections(), 0);
        closeAll(clients);
    }

    void aListenerCountsItsConnectionsUntilTheyEnd()
    {
        ListenerThread only;
        QVERIFY(only.listen());
        const std::vector<int> clients = connectClients(only.port(), 5);
        QTRY_COMPARE_WITH_TIMEOUT(only.accepted(), 5, 5000);
        QCOMPARE(only.openConnections(), 5);
        only.endAll();
        QCOMPARE(only.openConnections(), 0);
        closeAll(clients);
    }

    void aFullListenerLeavesClientsToTheOthers()
    {
        ListenerThread first;
        ListenerThread second;
        QVERIFY(listenTogether(first, second));
        first.setCapacity(2);
        second.setCapacity(100);
        const std::vector<int> clients = connectClients(first.port(), 20);
        QTRY_COMPARE_WITH_TIMEOUT(first.accepted() + second.accepted(), 20, 5000);
        QVERIFY2(first.accepted() <= 2, qPrintable(QString::number(first.accepted())));
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
