#include "freeport.h"
#include "runtime/http/blockinghttpclient.h"
#include "runtime/http/processlimits.h"
#include "threadedhttpserver.h"

#include <QProcess>
#include <QScopeGuard>
#include <QTest>
#include <sys/resource.h>

using namespace Qt::StringLiterals;
using namespace topolab::runtime;

// The balancer at the edge of its process's resources, run as `topolab balancer` so that its
// descriptor limit can be set for it alone.
class TestBalancerLimits : public QObject {
    Q_OBJECT

private:
    ThreadedHttpServer m_backend{[](const HttpRequest &) { return HttpResponse::text(200, "ok"); }};

    // Starts `topolab balancer` in front of the test backend; `descriptors` > 0 sets its limit.
    bool startBalancer(QProcess &process, quint16 port, rlim_t descriptors = 0)
    {
        if (descriptors > 0)
            process.setChildProcessModifier([descriptors] {
                const rlimit limit{descriptors, descriptors};
                ::setrlimit(RLIMIT_NOFILE, &limit);
            });
        process.start(QStringLiteral(TOPOLAB_BINARY),
                      {u"balancer"_s, u"--port"_s, QString::number(port), u"--backend"_s,
                       u"b=127.0.0.1:%1"_s.arg(m_backend.port()), u"--health-interval"_s,
                       u"200"_s});
        return process.waitForReadyRead(5000) && process.readAll().contains("balancing");
    }

    static void stop(QProcess &process)
    {
        process.terminate();
        if (!process.waitForFinished(5000))
            process.kill();
        process.waitForFinished(1000);
    }

private slots:
    void runningOutOfDescriptorsRefusesClientsButNeverMarksTheServerDown()
    {
#if defined(__SANITIZE_ADDRESS__)
        // UBSan's vptr check opens a pipe to look at memory; with no descriptor left it reports
        // every object as invalid (seen: a live QSocketNotifier whose vptr had not changed).
        QSKIP("the sanitizers' own checks need the file descriptors this test takes away");
#endif
        QProcess balancer;
        const quint16 port = freePort();
        const auto stopped = qScopeGuard([&] { stop(balancer); });
        QVERIFY(startBalancer(balancer, port, 64));
        BlockingHttpClient first(port);
        QCOMPARE(first.get("/")->status, 200);

        // Idle clients until the balancer has no descriptor left (each costs it one).
        std::vector<std::unique_ptr<QTcpSocket>> idle;
        for (int i = 0; i < 80; ++i) {
            idle.push_back(std::make_unique<QTcpSocket>());
            idle.back()->connectToHost(QHostAddress::LocalHost, port);
            QVERIFY(idle.back()->waitForConnected(2000));
        }
        QTest::qWait(200);
        BlockingHttpClient late(port);
        const auto refused = late.get("/");
        QVERIFY(refused);
        QCOMPARE(refused->status, 503);
        QVERIFY2(refused->body.contains("file descriptors"), refused->body.constData());
        // Health checks ran while no descriptor was free: none of them may count as a failure.
        QTest::qWait(1000);
        idle.clear();
        QTest::qWait(300);
        BlockingHttpClient after(port);
        const auto served = after.get("/");
        QVERIFY(served);
        QVERIFY2(served->status == 200, served->body.constData());
    }

    void softDescriptorLimitIsRaisedAndTheBacklogFollowsSomaxconn()
    {
        QProcess balancer;
        const quint16 port = freePort();
        const auto stopped = qScopeGuard([&] { stop(balancer); });
        QVERIFY(startBalancer(balancer, port));
        QFile limits(u"/proc/%1/limits"_s.arg(balancer.processId()));
        QVERIFY(limits.open(QIODevice::ReadOnly));
        const QByteArray line = [&] {
            for (const QByteArray &l : limits.readAll().split('\n'))
                if (l.startsWith("Max open files"))
                    return l.simplified();
            return QByteArray();
        }();
        const QList<QByteArray> fields = line.split(' ');
        QVERIFY2(fields.size() >= 5 && fields.at(3) == fields.at(4), line.constData());

        // ss shows a listening socket's accept queue limit in Send-Q.
        QProcess ss;
        ss.start(u"ss"_s, {u"-Hltn"_s, u"sport = :%1"_s.arg(port)});
        QVERIFY(ss.waitForFinished(5000));
        const QList<QByteArray> columns = ss.readAllStandardOutput().simplified().split(' ');
        QVERIFY(columns.size() >= 3);
        QCOMPARE(columns.at(2).toInt(), ProcessLimits::listenBacklog());
    }
};

QTEST_GUILESS_MAIN(TestBalancerLimits)
#include "tst_balancerlimits.moc"
