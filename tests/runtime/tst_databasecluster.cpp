#include "freeport.h"
#include "runtime/balancer/balancer.h"
#include "runtime/db/databasecluster.h"
#include "runtime/http/blockinghttpclient.h"
#include "testworker.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace Qt::StringLiterals;
using namespace topolab::runtime;
using namespace std::chrono_literals;

// A real MariaDB primary and replica, started by the test in a temporary folder, behind real
// worker processes and the balancer.
class TestDatabaseCluster : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_cache;
    std::optional<MariaDbInstallation> m_installation;
    std::unique_ptr<DatabaseCluster> m_cluster;
    std::unique_ptr<WorkerNode> m_one;
    std::unique_ptr<WorkerNode> m_two;
    std::unique_ptr<Balancer> m_balancer;

    std::unique_ptr<WorkerNode> worker(const QString &name)
    {
        return startTestWorker(name, m_dir.path(), 0, m_cluster->appAddress(m_cluster->primary()),
                               m_cluster->appAddress(m_cluster->replica()));
    }

    std::optional<HttpResponse> post(const QByteArray &body,
                                     const QByteArray &type = "application/json")
    {
        BlockingHttpClient client(m_balancer->port());
        return client.exchange("POST /api/posts HTTP/1.1\r\nHost: a\r\nContent-Type: " + type +
                               "\r\nContent-Length: " + QByteArray::number(body.size()) +
                               "\r\n\r\n" + body);
    }

    static bool processAlive(qint64 pid)
    {
        return pid > 0 && ::kill(static_cast<pid_t>(pid), 0) == 0;
    }

private slots:
    void initTestCase()
    {
        QString error;
        m_installation = MariaDbInstallation::find(&error);
        QVERIFY2(m_installation, qPrintable(error));
        m_cache = m_dir.filePath(u"cache"_s);

        QElapsedTimer cold;
        cold.start();
        m_cluster = std::make_unique<DatabaseCluster>(
            *m_installation,
            DatabaseCluster::Options{m_dir.filePath(u"cluster"_s), freePort(), freePort()});
        QVERIFY2(m_cluster->start(&error, m_cache), qPrintable(error));
        qInfo("cold start of primary and replica: %lld ms", cold.elapsed());

        m_one = worker(u"server-1"_s);
        m_two = worker(u"server-2"_s);
        QVERIFY(m_one && m_two);
        BalancerOptions options;
        options.backends = {{u"server-1"_s, u"127.0.0.1"_s, m_one->port(), 1},
                            {u"server-2"_s, u"127.0.0.1"_s, m_two->port(), 1}};
        options.healthInterval = 200ms;
        m_balancer = std::make_unique<Balancer>(options);
        QVERIFY(m_balancer->start(&error));
    }

    void replicationIsRunning()
    {
        QTRY_VERIFY_WITH_TIMEOUT(m_cluster->replicationStatus().healthy(), 10000);
        const ReplicationStatus status = m_cluster->replicationStatus();
        QVERIFY(status.lagSeconds >= 0);
        QString error;
        const auto readOnly = m_cluster->replica()->query(u"SELECT @@read_only AS ro"_s, &error);
        QCOMPARE(readOnly.value(0).value(u"ro"_s).toInt(), 1);
    }

    void postThroughTheBalancerIsReadableFromTheReplica()
    {
        const auto created = post(R"({"author": "Ada", "message": "Hello from the test"})");
        QVERIFY(created);
        QCOMPARE(created->status, 201);
        const QJsonObject answer = QJsonDocument::fromJson(created->body).object();
        QVERIFY(answer.value(u"id"_s).toInteger() > 0);
        QVERIFY(answer.value(u"server"_s).toString().startsWith(u"server-"_s));

        // The row reaches the replica by replication, and reads come from the replica.
        QString error;
        QTRY_COMPARE_WITH_TIMEOUT(
            m_cluster->replica()
                ->query(u"SELECT COUNT(*) AS n FROM foobar.posts WHERE author = 'Ada'"_s, &error)
                .value(0)
                .value(u"n"_s)
                .toInt(),
            1, 10000);
        BlockingHttpClient client(m_balancer->port());
        const auto listed = client.get("/api/posts?limit=5");
        QVERIFY(listed);
        QCOMPARE(listed->status, 200);
        const QJsonArray posts =
            QJsonDocument::fromJson(listed->body).object().value(u"posts"_s).toArray();
        QVERIFY(!posts.isEmpty());
        QCOMPARE(posts.first().toObject().value(u"message"_s).toString(), u"Hello from the test"_s);
    }

    void theAppUserHasOnlyWhatItNeeds()
    {
        QString error;
        const auto grants =
            m_cluster->primary()->query(u"SHOW GRANTS FOR 'foobar_app'@'127.0.0.1'"_s, &error);
        QString all;
        for (const QVariantMap &row : grants)
            all += row.first().toString() + u'\n';
        QVERIFY2(all.contains(u"GRANT SELECT, INSERT ON `foobar`.*"_s), qPrintable(all));
        QVERIFY(!all.contains(u"ALL PRIVILEGES"_s));

        // Root is reachable only through the private socket, on both servers.
        for (MariaDbServer *server : {m_cluster->primary(), m_cluster->replica()}) {
            QTRY_COMPARE_WITH_TIMEOUT(
                server
                    ->query(u"SELECT COUNT(*) AS n FROM mysql.global_priv WHERE User = 'root' "
                            "AND Host <> 'localhost'"_s,
                            &error)
                    .value(0)
                    .value(u"n"_s)
                    .toInt(),
                0, 10000);
        }
        QSqlDatabase tcpRoot = QSqlDatabase::addDatabase(u"QMYSQL"_s, u"tcp-root"_s);
        tcpRoot.setHostName(u"127.0.0.1"_s);
        tcpRoot.setPort(m_cluster->primary()->options().port);
        tcpRoot.setUserName(u"root"_s);
        QVERIFY(!tcpRoot.open());
        tcpRoot = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"tcp-root"_s);
    }

    void badPostsGet400WithAJsonReason_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<int>("status");
        QTest::newRow("not json") << QByteArray("hello") << QByteArray("application/json") << 400;
        QTest::newRow("not an object")
            << QByteArray("[1]") << QByteArray("application/json") << 400;
        QTest::newRow("missing author")
            << QByteArray(R"({"message": "x"})") << QByteArray("application/json") << 400;
        QTest::newRow("number message") << QByteArray(R"({"author": "a", "message": 5})")
                                        << QByteArray("application/json") << 400;
        QTest::newRow("long message")
            << QByteArray(R"({"author": "a", "message": ")" + QByteArray(501, 'm') + R"("})")
            << QByteArray("application/json") << 400;
        QTest::newRow("form post") << QByteArray("author=a&message=b")
                                   << QByteArray("application/x-www-form-urlencoded") << 415;
        QTest::newRow("huge body")
            << QByteArray(5000, ' ') << QByteArray("application/json") << 413;
    }

    void badPostsGet400WithAJsonReason()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, type);
        QFETCH(int, status);
        const auto response = post(body, type);
        QVERIFY(response);
        QCOMPARE(response->status, status);
        QVERIFY(QJsonDocument::fromJson(response->body).object().contains(u"error"_s));
    }

    void frozenPrimaryDelaysOnlyWrites()
    {
        QVERIFY(m_cluster->primary()->pause());
        BlockingHttpClient writer(m_balancer->port());
        const QByteArray body = R"({"author": "Cy", "message": "while the primary is frozen"})";
        QVERIFY(writer.connectToServer());
        writer.socket().write(
            "POST /api/posts HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
            "Content-Length: " +
            QByteArray::number(body.size()) + "\r\n\r\n" + body);
        writer.socket().flush();

        // Pages, health checks and replica reads go on while the write waits on the primary.
        BlockingHttpClient reader(m_balancer->port());
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 1500) {
            const auto page = reader.get("/api/posts?limit=1", 1000);
            QVERIFY(page);
            QCOMPARE(page->status, 200);
        }
        const MetricsSnapshot snapshot = m_balancer->snapshot();
        QVERIFY(snapshot.backends.at(0).healthy && snapshot.backends.at(1).healthy);

        QVERIFY(m_cluster->primary()->resume());
        const auto written = writer.receive(false, 15000);
        QVERIFY(written);
        QVERIFY2(written->status == 201 || written->status == 503, written->body.constData());
    }

    void stoppedPrimaryFailsWritesButNotReads()
    {
        m_cluster->primary()->stop();
        const auto refused = post(R"({"author": "Bob", "message": "while the primary is down"})");
        QVERIFY(refused);
        QCOMPARE(refused->status, 503);
        QVERIFY2(refused->body.contains("database unavailable"), refused->body.constData());
        BlockingHttpClient client(m_balancer->port());
        for (int i = 0; i < 4; ++i) {
            const auto read = client.get("/api/posts");
            QVERIFY(read);
            QCOMPARE(read->status, 200);
        }

        // Back up, the workers reconnect by themselves.
        QString error;
        DataDirectoryCache cache(*m_installation, m_cache);
        QVERIFY2(m_cluster->primary()->start(cache, &error), qPrintable(error));
        const auto accepted = post(R"({"author": "Bob", "message": "after the restart"})");
        QVERIFY(accepted);
        const auto again = accepted->status == 201
                               ? accepted
                               : post(R"({"author": "Bob", "message": "after the restart"})");
        QCOMPARE(again->status, 201);
    }

    void warmStartIsFastAndStopLeavesNothing()
    {
        const qint64 primaryPid = m_cluster->primary()->pid();
        const qint64 replicaPid = m_cluster->replica()->pid();
        m_balancer.reset();
        m_one.reset();
        m_two.reset();
        m_cluster.reset();
        QVERIFY(!processAlive(primaryPid));
        QVERIFY(!processAlive(replicaPid));

        QElapsedTimer warm;
        warm.start();
        DatabaseCluster again(*m_installation, DatabaseCluster::Options{m_dir.filePath(u"warm"_s),
                                                                        freePort(), freePort()});
        QString error;
        QVERIFY2(again.start(&error, m_cache), qPrintable(error));
        const qint64 elapsed = warm.elapsed();
        qInfo("warm start of primary and replica: %lld ms", elapsed);
        QVERIFY2(elapsed < 5000, qPrintable(QString::number(elapsed)));
    }

    void postsSurviveARestartAndNoPasswordReachesTheLogs()
    {
        const QString kept = m_dir.filePath(u"kept"_s);
        const auto count = [](MariaDbServer *server) {
            QString error;
            const QList<QVariantMap> rows = server->query(
                u"SELECT COUNT(*) AS n FROM foobar.posts WHERE message = 'kept'"_s, &error);
            return rows.isEmpty() ? -1 : rows.first().value(u"n"_s).toInt();
        };
        QString error;
        QString appPassword;
        {
            DatabaseCluster first(*m_installation,
                                  DatabaseCluster::Options{m_dir.filePath(u"run-a"_s), freePort(),
                                                           freePort(), u"foobar"_s, u"foobar_app"_s,
                                                           kept});
            QVERIFY2(first.start(&error, m_cache), qPrintable(error));
            appPassword = first.appPassword();
            QVERIFY2(
                first.primary()->execute({u"INSERT INTO foobar.posts (author, message, server) "
                                          "VALUES ('test', 'kept', 'none')"_s},
                                         &error),
                qPrintable(error));
            QTRY_COMPARE_WITH_TIMEOUT(count(first.replica()), 1, 5000);
        }
        // A new run: new ports, a new run folder, new passwords; the same data.
        DatabaseCluster second(*m_installation,
                               DatabaseCluster::Options{m_dir.filePath(u"run-b"_s), freePort(),
                                                        freePort(), u"foobar"_s, u"foobar_app"_s,
                                                        kept});
        QVERIFY2(second.start(&error, m_cache), qPrintable(error));
        QCOMPARE(count(second.primary()), 1);
        QCOMPARE(count(second.replica()), 1);
        QVERIFY(second.appPassword() != appPassword);
        QTRY_VERIFY2_WITH_TIMEOUT(second.replicationStatus().ioRunning &&
                                      second.replicationStatus().sqlRunning,
                                  qPrintable(second.replicationStatus().error), 10000);

        // Users are created from password hashes: neither password is in the binary logs of the
        // primary nor in the replica's relay logs.
        QStringList logs;
        for (const QString &server : {u"primary"_s, u"replica"_s}) {
            QDir data(kept + u'/' + server);
            for (const QString &name :
                 data.entryList({u"binlog.*"_s, u"*relay-bin.*"_s}, QDir::Files))
                logs.append(data.filePath(name));
        }
        QVERIFY2(logs.size() >= 4, qPrintable(logs.join(u", "_s)));
        for (const QString &path : std::as_const(logs)) {
            QFile log(path);
            QVERIFY(log.open(QIODevice::ReadOnly));
            const QByteArray bytes = log.readAll();
            QVERIFY2(!bytes.contains(appPassword.toLatin1()), qPrintable(path));
            QVERIFY2(!bytes.contains(second.appPassword().toLatin1()), qPrintable(path));
            QVERIFY2(!bytes.contains("IDENTIFIED BY '"), qPrintable(path));
        }
    }

    void busyPortNamesThePort()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost));
        DatabaseCluster cluster(
            *m_installation,
            DatabaseCluster::Options{m_dir.filePath(u"busy"_s), squatter.serverPort(), 0});
        QString error;
        QVERIFY(!cluster.start(&error, m_cache));
        QVERIFY2(error.contains(u"port %1"_s.arg(squatter.serverPort())), qPrintable(error));
    }

    void brokenInstallDbIsReported()
    {
        MariaDbInstallation broken = *m_installation;
        broken.installDb = u"/bin/false"_s;
        broken.version = u"broken-test"_s;
        DataDirectoryCache cache(broken, m_dir.filePath(u"broken-cache"_s));
        QString error;
        QVERIFY(!cache.copyTo(m_dir.filePath(u"nowhere"_s), &error));
        QVERIFY2(error.contains(u"failed to initialise"_s), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseCluster)
#include "tst_databasecluster.moc"
