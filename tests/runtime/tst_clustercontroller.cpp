#include "core/templates.h"
#include "freeport.h"
#include "runtime/cluster/clustercontroller.h"
#include "runtime/http/blockinghttpclient.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace Qt::StringLiterals;
using namespace topolab;
using namespace topolab::runtime;

// The whole www.foobar.com template run for real, with the fault-injection controls.
class TestClusterController : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_cache;

    static core::ClusterPlan templatePlan()
    {
        core::ClusterPlan plan = std::get<core::ClusterPlan>(core::ClusterPlan::fromTopology(
            std::get<core::Topology>(core::Templates::load(u"foobar"_s))));
        // The template's ports may be taken on a developer's machine; the test picks free ones.
        plan.balancer.port = freePort();
        plan.balancer.healthIntervalMs = 200;
        for (core::ClusterPlan::Worker &worker : plan.workers)
            worker.port = freePort();
        plan.primary->port = freePort();
        plan.replica->port = freePort();
        return plan;
    }

    static QHash<QByteArray, int> spread(quint16 port, int requests)
    {
        BlockingHttpClient client(port);
        QHash<QByteArray, int> counts;
        for (int i = 0; i < requests; ++i) {
            const auto response = client.get("/");
            counts[response && response->status == 200 ? response->headers.value("X-Served-By")
                                                       : "failed"]++;
        }
        return counts;
    }

    static bool alive(qint64 pid) { return pid > 0 && ::kill(static_cast<pid_t>(pid), 0) == 0; }

private slots:
    void templateRunsAndSurvivesFaults()
    {
        ClusterController cluster(templatePlan(), {QStringLiteral(TOPOLAB_BINARY), m_cache.path()});
        QSignalSpy states(&cluster, &ClusterController::stateChanged);
        QStringList problems;
        QVERIFY2(cluster.start(&problems), qPrintable(problems.join(u'\n')));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        for (const QString &id :
             {u"lb"_s, u"web-1"_s, u"app-1"_s, u"web-2"_s, u"db-primary"_s, u"db-replica"_s})
            QCOMPARE(cluster.state(id), NodeState::Healthy);
        QVERIFY(states.count() >= 12);
        const QString folder = cluster.runFolder();
        QVERIFY(QFileInfo(folder + u"/site/foobar/index.html"_s).exists());

        const quint16 port = cluster.balancer()->port();
        QHash<QByteArray, int> counts = spread(port, 100);
        QCOMPARE(counts.value("server-1"), 50);
        QCOMPARE(counts.value("server-2"), 50);

        // Kill server 2: its node goes down, traffic goes to server 1 without a failure.
        QVERIFY(cluster.kill(u"web-2"_s));
        QTRY_COMPARE(cluster.state(u"web-2"_s), NodeState::Down);
        QCOMPARE(cluster.state(u"app-2"_s), NodeState::Down);
        counts = spread(port, 50);
        QCOMPARE(counts.value("failed"), 0);
        QCOMPARE(counts.value("server-1"), 50);

        QString error;
        QVERIFY2(cluster.restart(u"web-2"_s, &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(cluster.balancer()->snapshot().backends.at(1).healthy, 5000);
        QCOMPARE(spread(port, 20).value("server-2"), 10);

        // A paused server is frozen: the balancer stops sending it requests after its checks fail.
        QVERIFY(cluster.pause(u"web-1"_s));
        QCOMPARE(cluster.state(u"web-1"_s), NodeState::Paused);
        QTRY_VERIFY_WITH_TIMEOUT(!cluster.balancer()->snapshot().backends.at(0).healthy, 5000);
        QCOMPARE(spread(port, 10).value("server-2"), 10);
        QVERIFY(cluster.resume(u"web-1"_s));
        QTRY_VERIFY_WITH_TIMEOUT(cluster.balancer()->snapshot().backends.at(0).healthy, 5000);

        // The primary killed: its node goes down with the reason.
        const qint64 primaryPid = cluster.database()->primary()->pid();
        QVERIFY(cluster.kill(u"db-primary"_s));
        QTRY_COMPARE(cluster.state(u"db-primary"_s), NodeState::Down);
        QVERIFY(!cluster.reason(u"db-primary"_s).isEmpty());
        QVERIFY(!alive(primaryPid));
        QVERIFY2(cluster.restart(u"db-primary"_s, &error), qPrintable(error));
        QCOMPARE(cluster.state(u"db-primary"_s), NodeState::Healthy);

        const qint64 replicaPid = cluster.database()->replica()->pid();
        cluster.stop();
        QVERIFY(!alive(replicaPid));
        QVERIFY(!QFileInfo::exists(folder));
        QCOMPARE(cluster.state(u"lb"_s), NodeState::Stopped);
    }

    void externalDatabasesAreUsedNotStarted()
    {
        // A MariaDB pair started outside the controller stands in for servers elsewhere.
        QString error;
        const auto installation = MariaDbInstallation::find(&error);
        QVERIFY2(installation, qPrintable(error));
        QTemporaryDir outside;
        DatabaseCluster existing(*installation, {outside.path(), freePort(), freePort()});
        QVERIFY2(existing.start(&error, m_cache.path()), qPrintable(error));
        // The application user reaches the replica by replication; wait for it.
        QTRY_COMPARE_WITH_TIMEOUT(
            existing.replica()
                ->query(u"SELECT COUNT(*) AS n FROM mysql.user WHERE user = 'foobar_app'"_s, &error)
                .value(0)
                .value(u"n"_s)
                .toInt(),
            1, 10000);

        core::ClusterPlan plan = templatePlan();
        for (auto [entry, server] : {std::pair{&*plan.primary, existing.primary()},
                                     std::pair{&*plan.replica, existing.replica()}}) {
            entry->external = true;
            entry->host = u"127.0.0.1"_s;
            entry->port = server->options().port;
            entry->user = u"foobar_app"_s;
            entry->schema = u"foobar"_s;
        }
        qputenv("TOPOLAB_DB_PASSWORD", existing.appPassword().toUtf8());
        ClusterController cluster(plan, {QStringLiteral(TOPOLAB_BINARY), m_cache.path()});
        QStringList problems;
        QVERIFY2(cluster.start(&problems), qPrintable(problems.join(u'\n')));
        qunsetenv("TOPOLAB_DB_PASSWORD");
        QVERIFY(!cluster.database()); // nothing started here
        QCOMPARE(cluster.state(u"db-primary"_s), NodeState::Healthy);
        QCOMPARE(cluster.state(u"db-replica"_s), NodeState::Healthy);

        BlockingHttpClient client(cluster.balancer()->port());
        const QByteArray body = R"({"author": "Ext", "message": "to an external primary"})";
        const auto created = client.exchange("POST /api/posts HTTP/1.1\r\nHost: a\r\nContent-Type: "
                                             "application/json\r\nContent-Length: " +
                                             QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QVERIFY(created);
        QCOMPARE(created->status, 201);
        QTRY_COMPARE_WITH_TIMEOUT(existing.replica()
                                      ->query(u"SELECT COUNT(*) AS n FROM foobar.posts"_s, &error)
                                      .value(0)
                                      .value(u"n"_s)
                                      .toInt(),
                                  1, 10000);
    }

    void unreachableExternalDatabaseIsDownWithTheReason()
    {
        core::ClusterPlan plan = templatePlan();
        plan.primary->external = true;
        plan.primary->host = u"127.0.0.1"_s;
        plan.primary->port = freePort(); // nothing listens there
        plan.primary->user = u"foobar_app"_s;
        plan.primary->schema = u"foobar"_s;
        ClusterController cluster(plan, {QStringLiteral(TOPOLAB_BINARY), m_cache.path()});
        QStringList problems;
        QVERIFY(cluster.start(&problems));
        QCOMPARE(cluster.state(u"db-primary"_s), NodeState::Down);
        QVERIFY2(cluster.reason(u"db-primary"_s).contains(u"TOPOLAB_DB_PASSWORD"_s),
                 qPrintable(cluster.reason(u"db-primary"_s)));
        QCOMPARE(cluster.state(u"db-replica"_s), NodeState::Down);
        QCOMPARE(cluster.state(u"web-1"_s), NodeState::Healthy);
    }

    void busyPortTakesDownOnlyThatNode()
    {
        core::ClusterPlan plan = templatePlan();
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost));
        plan.primary->port = squatter.serverPort();
        ClusterController cluster(plan, {QStringLiteral(TOPOLAB_BINARY), m_cache.path()});
        QStringList problems;
        QVERIFY(cluster.start(&problems));
        QCOMPARE(cluster.state(u"db-primary"_s), NodeState::Down);
        QVERIFY2(cluster.reason(u"db-primary"_s).contains(u"port %1"_s.arg(squatter.serverPort())),
                 qPrintable(cluster.reason(u"db-primary"_s)));
        QCOMPARE(cluster.state(u"web-1"_s), NodeState::Healthy);
        BlockingHttpClient client(cluster.balancer()->port());
        QCOMPARE(client.get("/")->status, 200);
        const auto api = client.get("/api/posts");
        QVERIFY(api);
        QCOMPARE(api->status, 503);
    }
};

QTEST_GUILESS_MAIN(TestClusterController)
#include "tst_clustercontroller.moc"
