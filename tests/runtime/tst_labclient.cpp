#include "core/clusterplan.h"
#include "core/topologyfile.h"
#include "freeport.h"
#include "runtime/cluster/labclient.h"
#include "runtime/cluster/labsockets.h"
#include "runtime/http/blockinghttpclient.h"
#include "runtime/net/usernamespace.h"
#include "runtime/net/vrrpinstance.h"
#include "topologybuilder.h"

#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace topolab;
using namespace topolab::runtime;
using K = core::NodeKind;

// The window's way to a lab: a real `topolab run --hold` in namespaces, started or attached to
// through the lab protocol, with the pair's failover and a load from the internet host.
class TestLabClient : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    // Two balancers sharing a floating IP in front of two web servers; no databases, which
    // only make a start slower.
    static core::Topology pair(int port)
    {
        core::Topology topology =
            TopologyBuilder()
                .node(u"lb"_s, K::LoadBalancer, {{u"port"_s, port}, {u"healthIntervalMs"_s, 200}})
                .node(u"lb-2"_s, K::LoadBalancer,
                      {{u"port"_s, port},
                       {u"standby"_s, true},
                       {u"priority"_s, 100},
                       {u"healthIntervalMs"_s, 200}})
                .node(u"web-1"_s, K::WebServer, {{u"port"_s, 8081}})
                .node(u"web-2"_s, K::WebServer, {{u"port"_s, 8082}})
                .link(u"lb"_s, u"web-1"_s)
                .link(u"lb"_s, u"web-2"_s)
                .link(u"lb-2"_s, u"web-1"_s)
                .link(u"lb-2"_s, u"web-2"_s)
                .build();
        topology.setName(u"pair"_s);
        return topology;
    }

    static core::ClusterPlan planOf(const core::Topology &topology)
    {
        return std::get<core::ClusterPlan>(core::ClusterPlan::fromTopology(topology));
    }

    // This test's children that have not ended: none may be left after a stop.
    static QStringList children()
    {
        QStringList found;
        const QString self = QString::number(::getpid());
        for (const QString &pid : QDir(u"/proc"_s).entryList(QDir::Dirs)) {
            QFile stat(u"/proc/%1/stat"_s.arg(pid));
            if (!stat.open(QIODevice::ReadOnly))
                continue;
            const QList<QByteArray> fields = stat.readAll().split(')').value(1).split(' ');
            if (fields.value(2) == self.toUtf8() && fields.value(1) != "Z")
                found.append(pid);
        }
        return found;
    }

private slots:
    void init()
    {
        QString why;
        if (!UserNamespace::isAvailable(&why))
            QSKIP(qPrintable(u"no lab on this machine: "_s + why));
        if (const QString missing = VrrpInstance::missingTool(); !missing.isEmpty())
            QSKIP(qPrintable(missing));
    }

    void aWindowStartsDrivesAndStopsALab()
    {
        const core::Topology topology = pair(freePort());
        LabClient lab(QStringLiteral(TOPOLAB_BINARY), m_dir.filePath(u"cache"_s));
        QSignalSpy started(&lab, &LabClient::started);
        QSignalSpy stopped(&lab, &LabClient::stopped);
        QSignalSpy states(&lab, &LabClient::stateChanged);
        QSignalSpy samples(&lab, &LabClient::sampled);
        QSignalSpy moves(&lab, &LabClient::failedOver);
        QSignalSpy loads(&lab, &LabClient::loadFinished);
        QSignalSpy done(&lab, &LabClient::actionDone);
        lab.start(topology, planOf(topology), m_dir.filePath(u"data"_s));
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 60000);
        QVERIFY2(started.first().at(0).toBool(),
                 qPrintable(started.first().at(1).toStringList().join(u'\n')));
        QVERIFY(lab.runsLab());
        const QString url = lab.url();
        QVERIFY2(url.startsWith(u"http://127.0.0.1:"_s), qPrintable(url));
        QTRY_VERIFY_WITH_TIMEOUT(samples.count() >= 3, 5000);
        QCOMPARE(samples.last().at(0).value<ClusterSample>().traffic.backends.size(), 2);

        // The desktop reaches the site through the forward, as a browser would.
        BlockingHttpClient desktop(static_cast<quint16>(QUrl(url).port()));
        const auto page = desktop.get("/");
        QVERIFY(page && page->status == 200);

        // The window's load runs from the internet host, through the floating IP.
        LoadOptions options;
        options.requests = 300;
        options.staticShare = 100;
        options.readShare = options.writeShare = 0;
        lab.startLoad(options);
        QTRY_COMPARE_WITH_TIMEOUT(loads.count(), 1, 30000);
        const auto report = loads.first().at(0).value<LoadReport>();
        QCOMPARE(report.completed, 300);
        QCOMPARE(report.failed, 0);

        // The exposure scan runs in the lab, from the internet host, and answers this window:
        // without a firewall the servers' own ports answer besides the floating IP's.
        QSignalSpy scanned(&lab, &LabClient::exposureScanned);
        lab.scanExposure();
        QTRY_COMPARE_WITH_TIMEOUT(scanned.count(), 1, 5000);
        const auto exposure = scanned.first().at(0).value<ExposureReport>();
        QVERIFY2(exposure.error.isEmpty(), qPrintable(exposure.error));
        QCOMPARE(exposure.site, planOf(topology).floatingAddress);
        QStringList open;
        for (const ExposureReport::Result &result : exposure.open())
            open.append(u"%1:%2"_s.arg(result.target.machine).arg(result.target.port));
        QVERIFY2(open.contains(u"floating IP:80"_s), qPrintable(open.join(u", "_s)));
        QVERIFY2(open.contains(u"web-1:8081"_s), qPrintable(open.join(u", "_s)));
        QVERIFY(!exposure.exposed().isEmpty());
        QVERIFY(exposure.count(ExposureReport::Outcome::Refused) > 0);

        // A drain reaches both balancers; the lab says it is done.
        lab.setServerState(u"web-1"_s, ServerAdminState::Drain);
        QTRY_VERIFY(!done.isEmpty());
        QCOMPARE(done.last().at(0).value<ClusterAction>(), ClusterAction::Drain);
        lab.setServerState(u"web-1"_s, ServerAdminState::Ready);

        // Killed under the window's load, through the protocol: the floating IP moves, the
        // window hears when, and the load goes on through the standby.
        QSignalSpy progress(&lab, &LabClient::loadProgress);
        options.requests = 0;
        options.duration = std::chrono::milliseconds(5000);
        lab.startLoad(options);
        QTRY_VERIFY(progress.count() >= 2);
        lab.kill(u"lb"_s);
        QTRY_COMPARE_WITH_TIMEOUT(moves.count(), 1, 15000);
        const qint64 atFailover = progress.last().at(0).value<LoadReport>().completed;
        QTRY_COMPARE_WITH_TIMEOUT(loads.count(), 2, 15000);
        const auto underFault = loads.last().at(0).value<LoadReport>();
        QVERIFY2(
            underFault.completed > atFailover + 500,
            qPrintable(u"%1 answered at the failover, %2 at the end, %3 failed"_s.arg(atFailover)
                           .arg(underFault.completed)
                           .arg(underFault.failed)));
        // Nothing answered for at most a second at the failover: the progress reports, four a
        // second, stand still no longer than that.
        qint64 last = -1;
        int still = 0;
        int longest = 0;
        for (const QList<QVariant> &tick : std::as_const(progress)) {
            const qint64 completed = tick.at(0).value<LoadReport>().completed;
            still = completed == last ? still + 1 : 0;
            longest = std::max(longest, still);
            last = completed;
        }
        QVERIFY2(longest <= 4, qPrintable(u"no answer for %1 reports in a row"_s.arg(longest)));
        // The charts go on: samples keep coming, from the standby now, with the servers'
        // totals of both balancers.
        const qsizetype sampled = samples.count();
        QTRY_VERIFY_WITH_TIMEOUT(samples.count() >= sampled + 3, 3000);
        qint64 total = 0;
        for (const auto &backend : samples.last().at(0).value<ClusterSample>().traffic.backends)
            total += backend.total.requests;
        QVERIFY2(total >= underFault.completed,
                 qPrintable(u"%1 < %2"_s.arg(total).arg(underFault.completed)));
        // And the rate charts get the seconds after the failover, served by the standby.
        const MetricsSnapshot after = samples.last().at(0).value<ClusterSample>().traffic;
        qint64 recent = 0;
        for (const MetricsSnapshot::Backend &backend : after.backends)
            for (const TrafficBucket &bucket : backend.recent)
                if (bucket.startMs > after.takenMs - 4000)
                    recent += bucket.requests;
        QVERIFY2(recent > 500,
                 qPrintable(u"%1 requests in the last seconds' buckets"_s.arg(recent)));
        QCOMPARE(moves.first().at(0).toString(), u"lb-2"_s);
        QVERIFY2(moves.first().at(1).toString().startsWith(u"floating IP moved to lb-2 after"_s),
                 qPrintable(moves.first().at(1).toString()));
        QVERIFY(std::any_of(states.cbegin(), states.cend(), [](const QList<QVariant> &s) {
            return s.at(0) == u"lb"_s && s.at(1).value<NodeState>() == NodeState::Down;
        }));

        // An unknown command is refused with the reason, and the lab keeps running.
        QSignalSpy failed(&lab, &LabClient::actionFailed);
        lab.control(ClusterAction::Weight, u"lb"_s);
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY(failed.first().at(0).toString().contains(u"kill, pause, resume and restart"_s));

        lab.stop();
        QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, 30000);
        QVERIFY(!lab.isRunning());
        QTRY_VERIFY2_WITH_TIMEOUT(children().isEmpty(), qPrintable(children().join(u' ')), 5000);
    }

    void aBusyPortIsMarkedOnTheBalancer()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost));
        const core::Topology topology = pair(squatter.serverPort());
        LabClient lab(QStringLiteral(TOPOLAB_BINARY), m_dir.filePath(u"cache"_s));
        QSignalSpy started(&lab, &LabClient::started);
        QSignalSpy states(&lab, &LabClient::stateChanged);
        lab.start(topology, planOf(topology), {});
        QCOMPARE(started.count(), 1);
        QVERIFY(!started.first().at(0).toBool());
        QCOMPARE(states.count(), 1);
        QCOMPARE(states.first().at(0).toString(), u"lb"_s);
        QVERIFY2(states.first().at(2).toString().contains(QString::number(squatter.serverPort())),
                 qPrintable(states.first().at(2).toString()));
        QVERIFY(children().isEmpty());
    }

    void aWindowAttachesToAHeldRunAndDetachesWithoutStoppingIt()
    {
        const QString file = m_dir.filePath(u"pair.topo.json"_s);
        QVERIFY(!core::TopologyFile::save(pair(freePort()), file));
        QString error;
        const QString socket = LabSockets::newPath(&error);
        QVERIFY2(!socket.isEmpty(), qPrintable(error));
        QProcess held;
        held.setProgram(QStringLiteral(TOPOLAB_BINARY));
        held.setArguments({u"run"_s, file, u"--hold"_s, u"--requests"_s, u"0"_s, u"--control"_s,
                           socket, u"--cache-folder"_s, m_dir.filePath(u"cache"_s),
                           u"--data-folder"_s, m_dir.filePath(u"held"_s)});
        held.start();
        QVERIFY(held.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(LabSockets::listening().contains(socket), 60000);
        {
            LabClient window(QStringLiteral(TOPOLAB_BINARY));
            QSignalSpy attached(&window, &LabClient::attached);
            QSignalSpy started(&window, &LabClient::started);
            window.attach(socket);
            QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 5000);
            QVERIFY(started.first().at(0).toBool());
            QCOMPARE(attached.count(), 1);
            QCOMPARE(attached.first().at(1).toString(), QFileInfo(file).absoluteFilePath());
            QVERIFY(attached.first().at(0).toJsonObject().contains(u"nodes"_s));
            QSignalSpy samples(&window, &LabClient::sampled);
            QTRY_VERIFY_WITH_TIMEOUT(samples.count() >= 2, 5000);
        }
        // Detached: the held run goes on, and another window can stop it.
        QTest::qWait(300);
        QCOMPARE(held.state(), QProcess::Running);
        LabClient stopper(QStringLiteral(TOPOLAB_BINARY));
        QSignalSpy stopped(&stopper, &LabClient::stopped);
        stopper.attach(socket);
        QTRY_VERIFY_WITH_TIMEOUT(stopper.isRunning(), 5000);
        stopper.stop();
        QTRY_COMPARE_WITH_TIMEOUT(held.state(), QProcess::NotRunning, 30000);
        QCOMPARE(held.exitCode(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, 5000);
        QVERIFY(!LabSockets::listening().contains(socket));
    }

    void aLabThatEndsUnaskedSaysSo()
    {
        const core::Topology topology = pair(freePort());
        LabClient lab(QStringLiteral(TOPOLAB_BINARY), m_dir.filePath(u"cache"_s));
        QSignalSpy started(&lab, &LabClient::started);
        QSignalSpy stopped(&lab, &LabClient::stopped);
        QSignalSpy failed(&lab, &LabClient::actionFailed);
        lab.start(topology, planOf(topology), m_dir.filePath(u"data"_s));
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 60000);
        QVERIFY(started.first().at(0).toBool());
        // The lab process is this test's only child; it dies as by the OOM killer.
        const QStringList labs = children();
        QCOMPARE(labs.size(), 1);
        QVERIFY(::kill(labs.first().toInt(), SIGKILL) == 0);
        QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, 10000);
        QCOMPARE(failed.count(), 1);
        QVERIFY2(failed.first().at(0).toString().startsWith(
                     u"The lab ended, not at this window's request (it crashed or was killed)"_s),
                 qPrintable(failed.first().at(0).toString()));
        QCOMPARE(started.count(), 1);
        QVERIFY(!lab.isRunning());
    }

    void stoppingWhileStartingIsNoFailedStart()
    {
        const core::Topology topology = pair(freePort());
        LabClient lab(QStringLiteral(TOPOLAB_BINARY), m_dir.filePath(u"cache"_s));
        QSignalSpy started(&lab, &LabClient::started);
        QSignalSpy stopped(&lab, &LabClient::stopped);
        QSignalSpy failed(&lab, &LabClient::actionFailed);
        lab.start(topology, planOf(topology), m_dir.filePath(u"data"_s));
        QTest::qWait(300);
        QVERIFY(started.isEmpty());
        lab.stop();
        QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, 30000);
        QVERIFY(started.isEmpty());
        QVERIFY(failed.isEmpty());
        QTRY_VERIFY2_WITH_TIMEOUT(children().isEmpty(), qPrintable(children().join(u' ')), 5000);
    }

    void aLabThatNeverComesUpIsStopped()
    {
        // A lab hung on its way up: it neither listens nor ends.
        const QString program = m_dir.filePath(u"hung-lab"_s);
        QFile script(program);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("#!/bin/sh\necho 'Starting MySQL primary…' >&2\nexec sleep 600\n");
        script.close();
        QVERIFY(script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        const core::Topology topology = pair(freePort());
        LabClient lab(program);
        lab.setUpDeadline(std::chrono::milliseconds(1500));
        QSignalSpy started(&lab, &LabClient::started);
        QSignalSpy stopped(&lab, &LabClient::stopped);
        lab.start(topology, planOf(topology), {});
        QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, 10000);
        QCOMPARE(started.count(), 1);
        QVERIFY(!started.first().at(0).toBool());
        const QStringList said = started.first().at(1).toStringList();
        QVERIFY2(said.contains(u"Starting MySQL primary…"_s), qPrintable(said.join(u'\n')));
        QVERIFY2(said.last().startsWith(u"The lab was not up after 1 s and was stopped"_s),
                 qPrintable(said.join(u'\n')));
        QVERIFY(children().isEmpty());
    }

    void attachingWhereNoLabListensSaysSo()
    {
        LabClient window(QStringLiteral(TOPOLAB_BINARY));
        QSignalSpy started(&window, &LabClient::started);
        window.attach(m_dir.filePath(u"nobody.sock"_s));
        QCOMPARE(started.count(), 1);
        QVERIFY(!started.first().at(0).toBool());
        QVERIFY(started.first().at(1).toStringList().first().contains(u"no lab listens"_s));
    }
};

QTEST_GUILESS_MAIN(TestLabClient)
#include "tst_labclient.moc"
