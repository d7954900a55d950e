#include "resettingbackend.h"
#include "runtime/balancer/balancer.h"
#include "runtime/balancer/balancercore.h"
#include "runtime/http/blockinghttpclient.h"
#include "runtime/load/loadgenerator.h"
#include "testworker.h"
#include "threadedhttpserver.h"

#include <QElapsedTimer>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <arpa/inet.h>
#include <atomic>
#include <ctime>
#include <functional>
#include <netinet/in.h>
#include <optional>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace topolab::runtime;
namespace core = topolab::core;
using namespace std::chrono_literals;

// The balancer against real worker processes (and, for failure cases, stand-in backends).
class TestBalancer : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_site;
    std::unique_ptr<WorkerNode> m_one;
    std::unique_ptr<WorkerNode> m_two;

    static BalancerOptions options(const QString &algorithm, const QList<BackendConfig> &backends)
    {
        BalancerOptions o;
        o.algorithm = core::balancingAlgorithmFromName(algorithm).value();
        o.backends = backends;
        o.healthInterval = 200ms;
        o.healthRise = 2;
        o.healthFall = 2;
        o.connectTimeout = 500ms;
        o.responseTimeout = 2000ms;
        return o;
    }

    QList<BackendConfig> workers(int weightOne = 1, int weightTwo = 1) const
    {
        return {{u"server-1"_s, u"127.0.0.1"_s, m_one->port(), weightOne},
                {u"server-2"_s, u"127.0.0.1"_s, m_two->port(), weightTwo}};
    }

    // Stand-in backends "a" and "b".
    static QList<BackendConfig> standIns(const ThreadedHttpServer &a, const ThreadedHttpServer &b)
    {
        return {{u"a"_s, u"127.0.0.1"_s, a.port(), 1}, {u"b"_s, u"127.0.0.1"_s, b.port(), 1}};
    }

    static QList<BackendConfig> backendsFor(const WorkerNode &one, const WorkerNode &two)
    {
        return {{u"server-1"_s, u"127.0.0.1"_s, one.port(), 1},
                {u"server-2"_s, u"127.0.0.1"_s, two.port(), 1}};
    }

    // Pages only, from `concurrency` keep-alive connections: the test site has only index.html,
    // so the other pages are 404s, and none of it touches a database.
    static LoadOptions pageLoad(quint16 port, int concurrency)
    {
        LoadOptions load;
        load.port = port;
        load.concurrency = concurrency;
        load.staticShare = 100;
        load.readShare = 0;
        load.writeShare = 0;
        return load;
    }

    // Enough requests that a load is still running when a server is killed 150 ms in, on a
    // machine that serves 40,000 requests a second.
    static constexpr int kKillLoad = 20000;

    // `requests` page requests from `concurrency` connections; `midway`, if given, runs 150 ms
    // in. Nothing when the load did not finish in time.
    std::optional<LoadReport> runPageLoad(quint16 port, int concurrency, int requests,
                                          const std::function<void()> &midway = {})
    {
        LoadOptions load = pageLoad(port, concurrency);
        load.requests = requests;
        LoadGenerator generator(load);
        QSignalSpy finished(&generator, &LoadGenerator::finished);
        if (midway)
            QTimer::singleShot(150, this, midway);
        generator.start();
        if (!finished.wait(30000))
            return std::nullopt;
        return generator.report();
    }

    static QHash<QByteArray, int> countServers(BlockingHttpClient &client, int requests,
                                               QByteArrayList *order = nullptr)
    {
        QHash<QByteArray, int> counts;
        for (int i = 0; i < requests; ++i) {
            const auto response = client.get("/");
            if (!response || response->status != 200) {
                counts["failed"]++;
                continue;
            }
            const QByteArray server = response->headers.value("X-Served-By");
            counts[server]++;
            if (order)
                order->append(server);
        }
        return counts;
    }

private slots:
    void initTestCase()
    {
        QFile index(m_site.filePath(u"index.html"_s));
        QVERIFY(index.open(QIODevice::WriteOnly));
        index.write("<h1>www.foobar.com</h1>\n");
        index.close();
        m_one = startTestWorker(u"server-1"_s, m_site.path());
        m_two = startTestWorker(u"server-2"_s, m_site.path());
        QVERIFY(m_one && m_two);
    }

    void roundRobinAlternatesStrictly()
    {
        Balancer balancer(options(u"round-robin"_s, workers()));
        QString error;
        QVERIFY2(balancer.start(&error), qPrintable(error));
        BlockingHttpClient client(balancer.port());
        QByteArrayList order;
        const QHash<QByteArray, int> counts = countServers(client, 1000, &order);
        QCOMPARE(counts.value("server-1"), 500);
        QCOMPARE(counts.value("server-2"), 500);
        for (qsizetype i = 1; i < order.size(); ++i)
            QVERIFY2(order.at(i) != order.at(i - 1), "two requests in a row went to one server");

        const MetricsSnapshot snapshot = balancer.snapshot();
        QCOMPARE(snapshot.backends.size(), 2);
        QCOMPARE(snapshot.backends.at(0).total.requests, 500);
        QCOMPARE(snapshot.backends.at(1).total.requests, 500);
        QCOMPARE(snapshot.backends.at(0).total.statusClasses[1], 500);
        QVERIFY(snapshot.backends.at(0).total.latency.percentile(0.5) > 0);
        QCOMPARE(snapshot.recentRequests(), 1000);
    }

    void weightedSplitFollowsTheWeights()
    {
        Balancer balancer(options(u"weighted"_s, workers(3, 1)));
        QVERIFY(balancer.start(nullptr));
        BlockingHttpClient client(balancer.port());
        const QHash<QByteArray, int> counts = countServers(client, 4000);
        QVERIFY2(std::abs(counts.value("server-1") - 3000) <= 40,
                 qPrintable(QString::number(counts.value("server-1"))));
        QVERIFY2(std::abs(counts.value("server-2") - 1000) <= 40,
                 qPrintable(QString::number(counts.value("server-2"))));
        QCOMPARE(counts.value("failed"), 0);
    }

    void aLiveWeightChangeMovesTheSplitAtOnce()
    {
        Balancer balancer(options(u"weighted"_s, workers(1, 1)));
        QVERIFY(balancer.start(nullptr));
        BlockingHttpClient client(balancer.port());
        const QHash<QByteArray, int> even = countServers(client, 400);
        QCOMPARE(even.value("server-1"), 200);
        QVERIFY(balancer.setWeight(u"server-1"_s, 3));
        // The very next requests follow the new weights: no restart, no warm-up.
        const QHash<QByteArray, int> weighted = countServers(client, 400);
        QVERIFY2(std::abs(weighted.value("server-1") - 300) <= 4,
                 qPrintable(QString::number(weighted.value("server-1"))));
        QCOMPARE(weighted.value("failed"), 0);

        const MetricsSnapshot snapshot = balancer.snapshot();
        QCOMPARE(snapshot.backends.at(0).weight, 3);
        QCOMPARE(snapshot.backends.at(1).weight, 1);
        QVERIFY(std::any_of(snapshot.events.cbegin(), snapshot.events.cend(), [](const auto &e) {
            return e.kind == MetricsSnapshot::Event::Kind::Admin && e.backend == u"server-1"_s &&
                   e.text.contains(u"weight 3 (was 1)"_s);
        }));
        QVERIFY(!balancer.setWeight(u"server-1"_s, -1));
        QVERIFY(!balancer.setWeight(u"server-1"_s, Balancer::kMaxWeight + 1));
        QVERIFY(!balancer.setWeight(u"nosuch"_s, 2));
        // Weight 0 takes no new requests.
        QVERIFY(balancer.setWeight(u"server-1"_s, 0));
        QCOMPARE(countServers(client, 50).value("server-2"), 50);
    }

    void drainUnderLoadFailsNothingAndLetsInFlightRequestsFinish()
    {
        const auto handler = [](const HttpRequest &) { return HttpResponse::text(200, "page"); };
        // Slow enough that a drain finds requests in flight on the drained server.
        const auto delay = [](const HttpRequest &request) {
            return request.target == "/healthz" ? 0ms : 60ms;
        };
        ThreadedHttpServer a(handler);
        ThreadedHttpServer b(handler);
        a.setDelay(delay);
        b.setDelay(delay);
        Balancer balancer(options(u"round-robin"_s, standIns(a, b)));
        QVERIFY(balancer.start(nullptr));
        const auto pagesTo = [](const ThreadedHttpServer &server) {
            const QList<HttpRequest> requests = server.requests();
            return std::count_if(requests.cbegin(), requests.cend(),
                                 [](const HttpRequest &r) { return r.target != "/healthz"; });
        };

        LoadOptions load = pageLoad(balancer.port(), 16);
        load.duration = 2000ms;
        LoadGenerator generator(load);
        QSignalSpy finished(&generator, &LoadGenerator::finished);
        int inFlightAtDrain = -1;
        qsizetype reachedBAfterDrain = -1;
        // The drain waits for b to hold requests rather than for a fixed time: on a busy
        // machine a fixed moment can fall before the load has reached b.
        QTimer drainWhenBusy;
        drainWhenBusy.setInterval(5ms);
        connect(&drainWhenBusy, &QTimer::timeout, this, [&] {
            if (balancer.snapshot().backends.at(1).inFlight == 0)
                return;
            drainWhenBusy.stop();
            QVERIFY(balancer.setServerState(u"b"_s, ServerAdminState::Drain));
            inFlightAtDrain = balancer.snapshot().backends.at(1).inFlight;
            // Long after the requests in flight at the drain were sent (they may reach b a
            // little after the drain began): from then on nothing new may reach it.
            QTimer::singleShot(200, this, [&] { reachedBAfterDrain = pagesTo(b); });
        });
        drainWhenBusy.start();
        generator.start();
        QVERIFY(finished.wait(30000));
        const LoadReport &report = generator.report();
        QCOMPARE(report.failed, 0);
        QCOMPARE(report.statusClasses[4], 0);
        QVERIFY(report.completed > 100);
        QVERIFY2(inFlightAtDrain > 0, "the drain found nothing in flight: the test proves nothing");
        // Nothing new reached b after the drain; what was in flight was answered (no 5xx above).
        QVERIFY(reachedBAfterDrain > 0);
        QCOMPARE(pagesTo(b), reachedBAfterDrain);
        MetricsSnapshot snapshot = balancer.snapshot();
        QVERIFY(snapshot.backends.at(1).drained());
        QCOMPARE(snapshot.backends.at(1).inFlight, 0);
        // Its connections are closed, not pooled: a drained server can be stopped.
        QTRY_COMPARE(balancer.snapshot().backends.at(1).openConnections, 0);
        QVERIFY(balancer.snapshot().backends.at(1).connectionsEver > 0);
        QVERIFY(balancer.snapshot().backends.at(0).openConnections > 0);

        // Ready again: b takes its share at once.
        QVERIFY(balancer.setServerState(u"b"_s, ServerAdminState::Ready));
        BlockingHttpClient client(balancer.port());
        const QHash<QByteArray, int> counts = countServers(client, 20);
        QCOMPARE(counts.value("b"), 10);

        // Every server drained: a clear 503, not a hang.
        QVERIFY(balancer.setServerState(u"a"_s, ServerAdminState::Drain));
        QVERIFY(balancer.setServerState(u"b"_s, ServerAdminState::Drain));
        const auto refused = client.get("/");
        QVERIFY(refused);
        QCOMPARE(refused->status, 503);
        QVERIFY2(refused->body.contains("no server takes requests now: a (draining), b (draining)"),
                 refused->body.constData());
        QVERIFY(!balancer.setServerState(u"nosuch"_s, ServerAdminState::Drain));
    }

    void maintenanceStopsHealthChecksUntilReady()
    {
        const auto handler = [](const HttpRequest &) { return HttpResponse::text(200, "ok"); };
        ThreadedHttpServer a(handler);
        ThreadedHttpServer b(handler);
        Balancer balancer(options(u"round-robin"_s, standIns(a, b)));
        QVERIFY(balancer.start(nullptr));
        QTRY_VERIFY(balancer.snapshot().backends.at(1).check.atMs >= 0);
        const MetricsSnapshot::Check first = balancer.snapshot().backends.at(1).check;
        QVERIFY(first.passed);
        QCOMPARE(first.result, u"answered 200"_s);
        QVERIFY(first.durationUs > 0);

        QVERIFY(balancer.setServerState(u"b"_s, ServerAdminState::Maintenance));
        QTest::qWait(100); // a check already sent may still come back
        const qsizetype checks = b.requests().size();
        QTest::qWait(700); // three and a half health intervals
        QCOMPARE(b.requests().size(), checks);
        BlockingHttpClient client(balancer.port());
        QCOMPARE(countServers(client, 10).value("a"), 10);

        QVERIFY(balancer.setServerState(u"b"_s, ServerAdminState::Ready));
        QTRY_VERIFY_WITH_TIMEOUT(b.requests().size() > checks, 1000);
        QTRY_VERIFY(balancer.snapshot().backends.at(1).check.atMs > first.atMs);
        QCOMPARE(countServers(client, 10).value("b"), 5);
    }

    void aServerStoppedInMaintenanceRaisesNoAlarmAndIsCheckedBeforeItIsUsed()
    {
        const auto handler = [](const HttpRequest &) { return HttpResponse::text(200, "ok"); };
        ThreadedHttpServer a(handler);
        auto b = std::make_unique<ThreadedHttpServer>(handler);
        BalancerOptions o = options(u"round-robin"_s, {{u"a"_s, u"127.0.0.1"_s, a.port(), 1},
                                                       {u"b"_s, u"127.0.0.1"_s, b->port(), 1}});
        // Only the checks at the start and the one on leaving maintenance happen in this test.
        o.healthInterval = 60000ms;
        Balancer balancer(o);
        QVERIFY(balancer.start(nullptr));
        QTRY_VERIFY(balancer.snapshot().backends.at(1).check.atMs >= 0);
        BlockingHttpClient client(balancer.port());
        QCOMPARE(countServers(client, 10).value("b"), 5);

        QVERIFY(balancer.setServerState(u"b"_s, ServerAdminState::Maintenance));
        b.reset(); // the operator stops it: that is what maintenance is for
        QCOMPARE(countServers(client, 10).value("a"), 10);
        const auto downEvents = [&] {
            const auto events = balancer.snapshot().events;
            return std::count_if(events.cbegin(), events.cend(), [](const auto &event) {
                return event.kind == MetricsSnapshot::Event::Kind::Down;
            });
        };
        QCOMPARE(downEvents(), 0);

        // Ready, but not on the word of the check before maintenance: the check it gets at once
        // (not 60 s later) finds it gone, and no request is sent to it meanwhile.
        QVERIFY(balancer.setServerState(u"b"_s, ServerAdminState::Ready));
        QCOMPARE(countServers(client, 10).value("a"), 10);
        QTRY_VERIFY_WITH_TIMEOUT(!balancer.snapshot().backends.at(1).healthy, 2000);
        QCOMPARE(downEvents(), 1);
        QVERIFY(!balancer.snapshot().backends.at(1).check.passed);
        QCOMPARE(countServers(client, 10).value("a"), 10);
    }

    void ipHashIsStickyAndAlgorithmsSwitchLive()
    {
        Balancer balancer(options(u"ip-hash"_s, workers()));
        QVERIFY(balancer.start(nullptr));
        BlockingHttpClient client(balancer.port());
        QCOMPARE(countServers(client, 50).size(), 1);
        QVERIFY(balancer.setAlgorithm(core::BalancingAlgorithm::LeastConnections));
        QCOMPARE(countServers(client, 50).size(), 2);
        const MetricsSnapshot snapshot = balancer.snapshot();
        QVERIFY(std::any_of(snapshot.events.cbegin(), snapshot.events.cend(),
                            [](const auto &e) { return e.text.contains(u"least-connections"_s); }));
    }

    void forwardingHeaders()
    {
        ThreadedHttpServer backend(
            [](const HttpRequest &) { return HttpResponse::text(200, "hi"); });
        Balancer balancer(
            options(u"round-robin"_s, {{u"echo"_s, u"127.0.0.1"_s, backend.port(), 1}}));
        QVERIFY(balancer.start(nullptr));
        BlockingHttpClient client(balancer.port());
        const auto response =
            client.exchange("GET /x?y=1 HTTP/1.1\r\nHost: www.foobar.com\r\n"
                            "X-Forwarded-For: 203.0.113.9\r\nConnection: keep-alive\r\n\r\n");
        QVERIFY(response);
        QCOMPARE(response->headers.value("X-Served-By"), QByteArray("echo"));
        QCOMPARE(response->headers.value("Via"), QByteArray("1.1 topolab"));
        const QList<HttpRequest> seen = backend.requests();
        const auto forwarded = std::find_if(
            seen.cbegin(), seen.cend(), [](const HttpRequest &r) { return r.target == "/x?y=1"; });
        QVERIFY(forwarded != seen.cend());
        QCOMPARE(forwarded->headers.value("X-Forwarded-For"), QByteArray("203.0.113.9, 127.0.0.1"));
        QCOMPARE(forwarded->headers.value("X-Forwarded-Proto"), QByteArray("http"));
        QCOMPARE(forwarded->headers.value("Host"), QByteArray("www.foobar.com"));
        QVERIFY(!forwarded->headers.contains("Connection"));
    }

    void killedWorkerIsRoutedAroundAndComesBack()
    {
        auto one = startTestWorker(u"server-1"_s, m_site.path());
        auto two = startTestWorker(u"server-2"_s, m_site.path());
        QVERIFY(one && two);
        Balancer balancer(options(u"round-robin"_s, backendsFor(*one, *two)));
        QVERIFY(balancer.start(nullptr));
        BlockingHttpClient client(balancer.port());
        QCOMPARE(countServers(client, 200).value("failed"), 0);

        const quint16 port = two->port();
        two->kill();
        // No GET may fail: the first one to hit the dead server is retried on the live one.
        const QHash<QByteArray, int> during = countServers(client, 300);
        QCOMPARE(during.value("failed"), 0);
        QVERIFY(during.value("server-2") <= 1);
        QCOMPARE(balancer.snapshot().backends.at(1).healthy, false);

        two = startTestWorker(u"server-2"_s, m_site.path(), port);
        QVERIFY(two);
        QTRY_VERIFY_WITH_TIMEOUT(balancer.snapshot().backends.at(1).healthy, 3000);
        const QHash<QByteArray, int> after = countServers(client, 100);
        QCOMPARE(after.value("server-1"), 50);
        QCOMPARE(after.value("server-2"), 50);
        const auto events = balancer.snapshot().events;
        QVERIFY(events.size() >= 2);
    }

    void workerKilledUnderConcurrentLoadCostsNoGet()
    {
        auto one = startTestWorker(u"server-1"_s, m_site.path());
        auto two = startTestWorker(u"server-2"_s, m_site.path());
        QVERIFY(one && two);
        Balancer balancer(options(u"round-robin"_s, backendsFor(*one, *two)));
        QVERIFY(balancer.start(nullptr));
        const std::optional<LoadReport> run =
            runPageLoad(balancer.port(), 16, kKillLoad, [&] { two->kill(); });
        QVERIFY(run);
        const LoadReport &report = *run;
        QCOMPARE(report.failed, 0);
        QCOMPARE(report.completed, kKillLoad);
        // The test site has only index.html, so the other pages of the mix are 404s; what matters
        // is that none failed on the server side.
        QCOMPARE(report.statusClasses[4], 0);
        QCOMPARE(report.statusClasses[1] + report.statusClasses[3], kKillLoad);
        QVERIFY2(report.servedBy.value(u"server-2"_s) > 0 &&
                     report.servedBy.value(u"server-1"_s) > kKillLoad / 2,
                 qPrintable(QString::number(report.servedBy.value(u"server-2"_s))));
    }

    void twoThreadsShareOnePortAndOneViewOfHealth()
    {
        auto one = startTestWorker(u"server-1"_s, m_site.path());
        auto two = startTestWorker(u"server-2"_s, m_site.path());
        QVERIFY(one && two);
        BalancerOptions o = options(u"round-robin"_s, backendsFor(*one, *two));
        o.threads = 2;
        Balancer balancer(o);
        QString error;
        QVERIFY2(balancer.start(&error), qPrintable(error));
        const std::optional<LoadReport> run =
            runPageLoad(balancer.port(), 32, kKillLoad, [&] { two->kill(); });
        QVERIFY(run);
        const LoadReport &report = *run;
        QCOMPARE(report.failed, 0);
        QCOMPARE(report.completed, kKillLoad);
        QCOMPARE(report.statusClasses[4], 0);
        // Whichever thread saw it first, the server went down once, for both threads.
        QVERIFY(!balancer.snapshot().backends.at(1).healthy);
        const auto downEvents = [&] {
            int count = 0;
            for (const auto &event : balancer.snapshot().events)
                count += event.backend == u"server-2"_s ? 1 : 0;
            return count;
        };
        QCOMPARE(downEvents(), 1);

        // Back up for both threads: the health checks run on one thread, and clients of every
        // thread (many connections, spread over both) reach server 2 again.
        const quint16 port = two->port();
        two = startTestWorker(u"server-2"_s, m_site.path(), port);
        QVERIFY(two);
        QTRY_VERIFY_WITH_TIMEOUT(balancer.snapshot().backends.at(1).healthy, 3000);
        QCOMPARE(downEvents(), 2);
        const std::optional<LoadReport> after = runPageLoad(balancer.port(), 32, 2000);
        QVERIFY(after);
        QCOMPARE(after->failed, 0);
        QVERIFY(after->servedBy.value(u"server-2"_s) > 700);
        QVERIFY(after->servedBy.value(u"server-1"_s) > 700);
    }

    void frozenWorkerUnderConcurrentLoadCostsNoGet()
    {
        auto one = startTestWorker(u"server-1"_s, m_site.path());
        auto two = startTestWorker(u"server-2"_s, m_site.path());
        QVERIFY(one && two);
        // The default health checks (every second, down after two failures): the per-try
        // timeout must carry the requests until they notice.
        BalancerOptions o = options(u"round-robin"_s, backendsFor(*one, *two));
        o.healthInterval = 1000ms;
        o.responseTimeout = 10000ms;
        Balancer balancer(o);
        QVERIFY(balancer.start(nullptr));
        LoadOptions load = pageLoad(balancer.port(), 16);
        load.duration = 4000ms;
        LoadGenerator generator(load);
        QSignalSpy finished(&generator, &LoadGenerator::finished);
        QTimer::singleShot(300, this, [&] { QVERIFY(two->pause()); });
        generator.start();
        QVERIFY(finished.wait(30000));
        QVERIFY(two->resume());
        const LoadReport &report = generator.report();
        QCOMPARE(report.failed, 0);
        QCOMPARE(report.statusClasses[4], 0);
        QVERIFY(report.completed > 100);
        // The frozen server was found out by the checks while the requests went around it.
        QCOMPARE(balancer.snapshot().backends.at(1).healthy, false);
        // A request caught by the freeze waited one per-try timeout, not the response timeout.
        QVERIFY2(report.latency.percentile(1.0) < 2000 * 1000,
                 qPrintable(QString::number(report.latency.percentile(1.0))));
    }

    void aLoadSpikeOnSlowServersDoesNotRunRequestsTwice()
    {
        // Servers that take 100 ms, then (a load spike) 500 ms: longer than the 400 ms per-try
        // timeout, but not unusual for these servers, so nothing may be resent.
        const auto pace = [](std::atomic<int> &served) {
            return [&served](const HttpRequest &request) {
                if (request.target == "/")
                    QThread::msleep(++served <= 3 ? 100 : 500);
                return HttpResponse::text(200, "slow");
            };
        };
        std::atomic<int> servedA{0};
        std::atomic<int> servedB{0};
        ThreadedHttpServer a(pace(servedA));
        ThreadedHttpServer b(pace(servedB));
        BalancerOptions o = options(u"round-robin"_s, standIns(a, b));
        o.healthInterval = 60000ms;
        o.responseTimeout = 5000ms;
        Balancer balancer(o);
        QVERIFY(balancer.start(nullptr));
        BlockingHttpClient client(balancer.port());
        const int requests = 10;
        for (int i = 0; i < requests; ++i) {
            const auto response = client.get("/", 10000);
            QVERIFY(response);
            QCOMPARE(response->status, 200);
        }
        QCOMPARE(servedA + servedB, requests);
    }

    // A GET slower than the per-try timeout on a server that keeps answering other requests is
    // a slow page, not a frozen server: it runs once, on the server that got it.
    void aSlowPageOnABusyServerIsNotRunTwice()
    {
        std::atomic<int> slowRuns{0};
        const auto handler = [&slowRuns](const HttpRequest &request) {
            if (request.target == "/slow")
                ++slowRuns;
            return HttpResponse::text(200, "page");
        };
        const auto delay = [](const HttpRequest &request) {
            return request.target == "/slow" ? 1200ms : 0ms;
        };
        ThreadedHttpServer a(handler);
        ThreadedHttpServer b(handler);
        a.setDelay(delay);
        b.setDelay(delay);
        BalancerOptions o = options(u"round-robin"_s, standIns(a, b));
        o.healthInterval = 60000ms;
        o.responseTimeout = 5000ms;
        QCOMPARE(o.tryTimeout, 400ms);
        Balancer balancer(o);
        QVERIFY(balancer.start(nullptr));
        std::optional<HttpResponse> slow;
        std::thread slowClient([&] {
            BlockingHttpClient client(balancer.port());
            slow = client.get("/slow", 10000);
        });
        // Joined on every way out, a failed QVERIFY included.
        const auto joined = qScopeGuard([&] {
            if (slowClient.joinable())
                slowClient.join();
        });
        // Quick pages to both servers meanwhile, for longer than the slow page takes.
        LoadOptions load = pageLoad(balancer.port(), 4);
        load.duration = 1600ms;
        LoadGenerator generator(load);
        QSignalSpy finished(&generator, &LoadGenerator::finished);
        generator.start();
        QVERIFY(finished.wait(30000));
        QCOMPARE(generator.report().failed, 0);
        QVERIFY(generator.report().completed > 50);
        slowClient.join();
        QVERIFY(slow);
        QCOMPARE(slow->status, 200);
        QCOMPARE(slowRuns.load(), 1);
    }

    void anAnswerOnOneThreadShowsTheServerAliveToAll()
    {
        // The slow-page rule above, with two threads: the server's quick answers may all go
        // through the other thread's connections.
        const BalancerOptions o = options(
            u"round-robin"_s, {{u"a"_s, u"127.0.0.1"_s, 1, 1}, {u"b"_s, u"127.0.0.1"_s, 2, 1}});
        TrafficMetrics metrics({u"a"_s, u"b"_s}, [] { return qint64{0}; });
        BackendHealth health(o.backends);
        BalancerCore slowThread(o, metrics, health);
        BalancerCore otherThread(o, metrics, health);
        const qint64 slowSent = slowThread.nowNs();
        QTest::qSleep(2);
        const qint64 laterSent = otherThread.nowNs();
        QVERIFY(laterSent > slowSent);
        QVERIFY(!slowThread.answeredLaterRequest(0, slowSent));
        otherThread.recordResponse(0, laterSent);
        QVERIFY(slowThread.answeredLaterRequest(0, slowSent));
        QVERIFY(!slowThread.answeredLaterRequest(1, slowSent));
        QVERIFY(!slowThread.answeredLaterRequest(0, laterSent));
    }

    void aConnectionClosingWithAnswersUnreadCostsNoCpu()
    {
        // The idle timeout passes while much of an answer waits for a client that does not
        // read, so the connection closes after writing; then the client half-closes. The
        // connection must wait for it without busy-looping on its readable end, and give up
        // after another idle timeout.
        HttpServerOptions serverOptions;
        serverOptions.idleTimeout = 300ms;
        serverOptions.maxPendingOutput = 256 << 20;
        ThreadedHttpServer server(
            [](const HttpRequest &) { return HttpResponse::text(200, QByteArray(64 << 20, 'x')); },
            serverOptions);
        const int client = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        QVERIFY(client >= 0);
        const auto closeClient = qScopeGuard([client] { ::close(client); });
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(server.port());
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::connect(client, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
        const QByteArray request = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
        QCOMPARE(::send(client, request.constData(), request.size(), 0), request.size());
        QTest::qWait(600); // the answer is written as far as the buffers take it; idle times out
        ::shutdown(client, SHUT_WR);
        QTest::qWait(100);
        timespec before{};
        timespec after{};
        ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &before);
        QTest::qWait(1000);
        ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &after);
        const qint64 cpuMs =
            (after.tv_sec - before.tv_sec) * 1000 + (after.tv_nsec - before.tv_nsec) / 1000000;
        QVERIFY2(cpuMs < 300, qPrintable(u"%1 ms of CPU in 1 s of waiting"_s.arg(cpuMs)));
        // Given up on by now: what the client reads ends, rather than waiting for ever.
        char buffer[1 << 16];
        qint64 received = 0;
        for (;;) {
            const ssize_t n = ::recv(client, buffer, sizeof buffer, MSG_DONTWAIT);
            if (n <= 0) {
                QVERIFY2(n == 0 || errno != EAGAIN, "the connection is still open");
                break;
            }
            received += n;
        }
        QVERIFY(received < (64 << 20));
    }

    void headAndNotModifiedKeepTheirFraming()
    {
        ThreadedHttpServer backend([](const HttpRequest &request) {
            if (request.headers.contains("If-None-Match")) {
                HttpResponse notModified;
                notModified.status = 304;
                notModified.headers.set("ETag", "\"v1\"");
                return notModified;
            }
            return HttpResponse::text(200, QByteArray(4999, 'x'));
        });
        Balancer balancer(options(u"round-robin"_s, {{u"b"_s, u"127.0.0.1"_s, backend.port(), 1}}));
        QVERIFY(balancer.start(nullptr));
        BlockingHttpClient client(balancer.port());
        const auto head = client.exchange("HEAD / HTTP/1.1\r\nHost: a\r\n\r\n", true);
        QVERIFY(head);
        QCOMPARE(head->status, 200);
        QCOMPARE(head->headers.value("Content-Length"), QByteArray("5000"));
        QVERIFY(head->body.isEmpty());
        const auto cached =
            client.exchange("GET / HTTP/1.1\r\nHost: a\r\nIf-None-Match: \"v1\"\r\n\r\n");
        QVERIFY(cached);
        QCOMPARE(cached->status, 304);
        // The same connection still works: nothing was left half-read on either side.
        const auto full = client.get("/");
        QVERIFY(full);
        QCOMPARE(full->body.size(), 5000);
    }

    void pipelinedRequestsAreAnsweredInOrder()
    {
        ThreadedHttpServer backend(
            [](const HttpRequest &request) { return HttpResponse::text(200, request.target); });
        Balancer balancer(options(u"round-robin"_s, {{u"b"_s, u"127.0.0.1"_s, backend.port(), 1}}));
        QVERIFY(balancer.start(nullptr));
        BlockingHttpClient client(balancer.port());
        QByteArray burst;
        for (int i = 0; i < 20; ++i)
            burst += "GET /r" + QByteArray::number(i) + " HTTP/1.1\r\nHost: a\r\n\r\n";
        const auto first = client.exchange(burst);
        QVERIFY(first);
        QCOMPARE(first->body, QByteArray("/r0\n"));
        for (int i = 1; i < 20; ++i) {
            const auto next = client.receive();
            QVERIFY(next);
            QCOMPARE(next->body, "/r" + QByteArray::number(i) + "\n");
        }
    }

    void postIsNotResentAfterItReachedABackend()
    {
        ResettingBackend crashing;
        ThreadedHttpServer healthy(
            [](const HttpRequest &) { return HttpResponse::text(201, "stored"); });
        BalancerOptions o =
            options(u"round-robin"_s, {{u"crashing"_s, u"127.0.0.1"_s, crashing.port(), 1},
                                       {u"healthy"_s, u"127.0.0.1"_s, healthy.port(), 1}});
        o.healthInterval = 60000ms; // only requests decide health here
        Balancer balancer(o);
        QVERIFY(balancer.start(nullptr));
        BlockingHttpClient client(balancer.port());
        const auto response =
            client.exchange("POST /api/posts HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}");
        QVERIFY(response);
        QCOMPARE(response->status, 502);
        const QList<HttpRequest> seen = healthy.requests();
        const auto postsSeen = std::count_if(
            seen.cbegin(), seen.cend(), [](const HttpRequest &r) { return r.method == "POST"; });
        QCOMPARE(postsSeen, 0);
        // A GET that meets the same crash is retried on the other server once, and succeeds.
        BlockingHttpClient again(balancer.port());
        const auto get = again.get("/");
        QVERIFY(get);
        QCOMPARE(get->status, 201);
    }

    void tricklingClientStillGets408()
    {
        BalancerOptions o = options(u"round-robin"_s, workers());
        o.headerTimeout = 400ms;
        Balancer balancer(o);
        QVERIFY(balancer.start(nullptr));
        BlockingHttpClient client(balancer.port());
        QVERIFY(client.get("/"));
        const QByteArray request = "GET / HTTP/1.1\r\nHost: a\r\nX-Slow: aaaaaaaaaaaaaaaaaaaa";
        QElapsedTimer clock;
        clock.start();
        std::optional<HttpResponse> response;
        for (qsizetype i = 0; i < request.size() && !response; ++i) {
            client.socket().write(request.mid(i, 1));
            client.socket().flush();
            response = client.receive(false, 100);
        }
        QVERIFY(response);
        QCOMPARE(response->status, 408);
        QVERIFY(clock.elapsed() < 2000);
    }

    void backendClosingItsConnectionKeepsTheClients()
    {
        ThreadedHttpServer backend([](const HttpRequest &) {
            HttpResponse response = HttpResponse::text(200, "bye");
            response.keepAlive = false; // "Connection: close" from the backend
            return response;
        });
        Balancer balancer(options(u"round-robin"_s, {{u"b"_s, u"127.0.0.1"_s, backend.port(), 1}}));
        QVERIFY(balancer.start(nullptr));
        BlockingHttpClient client(balancer.port());
        for (int i = 0; i < 3; ++i) {
            const auto response = client.get("/");
            QVERIFY(response);
            QCOMPARE(response->status, 200);
            QVERIFY(response->keepAlive);
        }
        QTest::qWait(50);
        QCOMPARE(client.socket().state(), QAbstractSocket::ConnectedState);
    }

    void blankLinesDoNotPostponeTheHeaderDeadline()
    {
        BalancerOptions o = options(u"round-robin"_s, workers());
        o.headerTimeout = 400ms;
        o.idleTimeout = 400ms;
        Balancer balancer(o);
        QVERIFY(balancer.start(nullptr));
        BlockingHttpClient client(balancer.port());
        QVERIFY(client.connectToServer());
        QElapsedTimer clock;
        clock.start();
        std::optional<HttpResponse> response;
        while (!response && clock.elapsed() < 3000) {
            client.socket().write("\r\n");
            client.socket().flush();
            response = client.receive(false, 100);
        }
        QVERIFY(response);
        QCOMPARE(response->status, 408);
        QVERIFY2(clock.elapsed() < 1500, qPrintable(QString::number(clock.elapsed())));
    }

    void noHealthyBackendGets503WithTheReason()
    {
        QTcpServer placeholder;
        QVERIFY(placeholder.listen(QHostAddress::LocalHost));
        const quint16 closedPort = placeholder.serverPort();
        placeholder.close();
        Balancer balancer(options(u"round-robin"_s, {{u"gone"_s, u"127.0.0.1"_s, closedPort, 1}}));
        QVERIFY(balancer.start(nullptr));
        BlockingHttpClient client(balancer.port());
        const auto response = client.get("/");
        QVERIFY(response);
        QCOMPARE(response->status, 503);
        QVERIFY2(response->body.contains("no healthy backend: gone"), response->body.constData());
    }

    void badInputGetsItsStatusAndTheBalancerKeepsServing_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("malformed") << QByteArray("GET / HTTP/1.1\r\nHost test\r\n\r\n") << 400;
        QTest::newRow("garbage") << QByteArray(
                                        "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n")
                                 << 400;
        QTest::newRow("headers over 16 KiB")
            << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + QByteArray(17 * 1024, 'a') +
                          "\r\n\r\n")
            << 431;
        QTest::newRow("length and chunked")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: "
                          "chunked\r\n\r\n0\r\n\r\n")
            << 400;
        QTest::newRow("two lengths") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: "
                                                   "5\r\nContent-Length: 6\r\n\r\nhello!")
                                     << 400;
        QTest::newRow("upgrade")
            << QByteArray(
                   "GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")
            << 501;
    }

    void badInputGetsItsStatusAndTheBalancerKeepsServing()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        Balancer balancer(options(u"round-robin"_s, workers()));
        QVERIFY(balancer.start(nullptr));
        BlockingHttpClient bad(balancer.port());
        const auto response = bad.exchange(request);
        QVERIFY(response);
        QCOMPARE(response->status, status);
        QVERIFY(!response->keepAlive);
        BlockingHttpClient good(balancer.port());
        const auto ok = good.get("/");
        QVERIFY(ok);
        QCOMPARE(ok->status, 200);
    }

    void slowClientGets408()
    {
        BalancerOptions o = options(u"round-robin"_s, workers());
        o.headerTimeout = 300ms;
        Balancer balancer(o);
        QVERIFY(balancer.start(nullptr));
        BlockingHttpClient client(balancer.port());
        QVERIFY(client.connectToServer());
        client.socket().write("GET / HTTP/1.1\r\nHost: a\r\n");
        const auto response = client.receive(false, 3000);
        QVERIFY(response);
        QCOMPARE(response->status, 408);
    }

    void slowBackendGets504()
    {
        QTcpServer silent; // accepts (in the kernel) and never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        BalancerOptions o =
            options(u"round-robin"_s, {{u"silent"_s, u"127.0.0.1"_s, silent.serverPort(), 1}});
        o.responseTimeout = 300ms;
        o.healthInterval = 60000ms;
        Balancer balancer(o);
        QVERIFY(balancer.start(nullptr));
        BlockingHttpClient client(balancer.port());
        const auto response = client.get("/");
        QVERIFY(response);
        QCOMPARE(response->status, 504);
        QVERIFY(response->body.contains("silent"));
    }

    void connectionLimitGets503()
    {
        BalancerOptions o = options(u"round-robin"_s, workers());
        o.maxConnections = 2;
        Balancer balancer(o);
        QVERIFY(balancer.start(nullptr));
        BlockingHttpClient first(balancer.port());
        BlockingHttpClient second(balancer.port());
        QVERIFY(first.get("/"));
        QVERIFY(second.get("/"));
        BlockingHttpClient third(balancer.port());
        const auto refused = third.get("/");
        QVERIFY(refused);
        QCOMPARE(refused->status, 503);
        QVERIFY(refused->body.contains("connection limit"));
        QCOMPARE(first.get("/")->status, 200);
    }

    void busyPortIsAClearError()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost));
        BalancerOptions o = options(u"round-robin"_s, workers());
        o.port = squatter.serverPort();
        Balancer balancer(o);
        QString error;
        QVERIFY(!balancer.start(&error));
        QVERIFY2(error.contains(QString::number(o.port)) && error.contains(u"another port"_s),
                 qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestBalancer)
#include "tst_balancer.moc"
