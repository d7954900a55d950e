#include "firewalleddesign.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace Qt::StringLiterals;

// `topolab run` and `topolab scan` with every machine a host of its own: the real binary, real
// namespaces, MariaDB, workers and nftables. Skipped where the system allows no lab (say why).
class TestLab : public QObject {
    Q_OBJECT

    struct Run {
        int code = -1;
        QString out;
        QString err;
    };

    QTemporaryDir m_dir;
    QString m_plain;
    QString m_behindFirewall;
    QString m_fixed;

    QProcessEnvironment environment(bool oneHost = false) const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"XDG_CACHE_HOME"_s, m_dir.filePath(u"cache"_s));
        environment.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"data"_s));
        if (oneHost)
            environment.insert(u"TOPOLAB_LAB"_s, u"host"_s);
        else
            environment.remove(u"TOPOLAB_LAB"_s);
        return environment;
    }

    Run topolab(const QStringList &arguments, bool oneHost = false)
    {
        QProcess process;
        process.setProcessEnvironment(environment(oneHost));
        process.start(QStringLiteral(TOPOLAB_BINARY), arguments);
        if (!process.waitForStarted(10000) || !process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished();
            return {};
        }
        return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

    // Every network namespace any process is in now.
    static QSet<QString> namespaces()
    {
        QSet<QString> found;
        for (const QString &pid : QDir(u"/proc"_s).entryList(QDir::Dirs)) {
            const QString link = QFile::symLinkTarget(u"/proc/%1/ns/net"_s.arg(pid));
            // "net:[4026531833]": the namespace, whichever process is in it.
            if (!link.isEmpty())
                found.insert(link.section(u'/', -1));
        }
        return found;
    }

    // The run folders a Topolab with this pid made (their owner.pid); other tests running at
    // the same time have their own.
    static QStringList runFoldersOf(qint64 pid)
    {
        QStringList owned;
        const QDir temp(QDir::tempPath());
        for (const QString &name : temp.entryList({u"topolab-run-*"_s}, QDir::Dirs)) {
            QFile owner(temp.filePath(name + u"/owner.pid"_s));
            if (owner.open(QIODevice::ReadOnly) && owner.readAll().trimmed().toLongLong() == pid)
                owned.append(name);
        }
        return owned;
    }

    // Whether any process is in one of `spaces` (namespace links such as "net:[4026531833]").
    static bool anyProcessIn(const QSet<QString> &spaces)
    {
        return namespaces().intersects(spaces);
    }

    // "Load balancer 10.20.0.10", … of a --json report.
    static QStringList hostsOf(const QJsonObject &report)
    {
        QStringList hosts;
        for (const QJsonValue &host : report.value(u"hosts"_s).toArray())
            hosts.append(host[u"name"_s].toString() + u" "_s + host[u"address"_s].toString());
        return hosts;
    }

    static QStringList childrenOf(qint64 pid)
    {
        QStringList children;
        for (const QString &entry : QDir(u"/proc"_s).entryList(QDir::Dirs)) {
            QFile stat(u"/proc/%1/stat"_s.arg(entry));
            if (!stat.open(QIODevice::ReadOnly))
                continue;
            const QList<QByteArray> fields = stat.readAll().split(')').value(1).split(' ');
            // " S PPID …": state, then the parent.
            if (fields.value(2).toLongLong() == pid && fields.value(1) != "Z")
                children.append(entry);
        }
        return children;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const Run probe = topolab({u"template"_s, u"foobar"_s});
        QCOMPARE(probe.code, 0);
        m_plain = m_dir.filePath(u"foobar.topo.json"_s);
        QFile plain(m_plain);
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.write(probe.out.toUtf8());
        plain.close();
        // The same design with a firewall between the name and the balancer.
        const QJsonObject json =
            withFirewallInFront(QJsonDocument::fromJson(probe.out.toUtf8()).object());
        m_behindFirewall = m_dir.filePath(u"firewall.topo.json"_s);
        QFile walled(m_behindFirewall);
        QVERIFY(walled.open(QIODevice::WriteOnly));
        walled.write(QJsonDocument(json).toJson());
        const Run fixed = topolab({u"template"_s, u"foobar-fixed"_s});
        QCOMPARE(fixed.code, 0);
        m_fixed = m_dir.filePath(u"fixed.topo.json"_s);
        QFile fixedFile(m_fixed);
        QVERIFY(fixedFile.open(QIODevice::WriteOnly));
        fixedFile.write(fixed.out.toUtf8());
    }

    void theTemplateRunsWithEveryMachineAHost()
    {
        const Run run = topolab({u"run"_s, m_plain, u"--requests"_s, u"500"_s, u"--json"_s});
        QCOMPARE(run.code, 0);
        const QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8()).object();
        if (!report.value(u"oneHostReason"_s).toString().isEmpty())
            QSKIP(qPrintable(report.value(u"oneHostReason"_s).toString()));
        QCOMPARE(report.value(u"client"_s).toObject().value(u"completed"_s).toInt(), 500);
        QCOMPARE(report.value(u"client"_s).toObject().value(u"failed"_s).toInt(), 0);
        const QStringList hosts = hostsOf(report);
        QCOMPARE(hosts, (QStringList{u"Load balancer 10.20.0.10"_s, u"Server 1 10.20.0.21"_s,
                                     u"Server 2 10.20.0.22"_s, u"MySQL primary 10.20.0.31"_s,
                                     u"MySQL replica 10.20.0.32"_s, u"internet 203.0.113.10"_s}));
        // The servers wrote across hosts, and the replica copied it from its own.
        QVERIFY(report.value(u"database"_s)[u"writes"_s].toInt() > 0);
        QVERIFY2(report.value(u"database"_s)[u"replicationRunning"_s].toBool(),
                 qPrintable(run.err));
    }

    void theScanFindsTheDatabaseOnlyWithoutAFirewall()
    {
        const auto open = [this](const QString &file) {
            const Run scan = topolab({u"scan"_s, u"--json"_s, file});
            QStringList found;
            for (const QJsonValue &port :
                 QJsonDocument::fromJson(scan.out.toUtf8()).object()[u"ports"_s].toArray()) {
                if (port[u"state"_s] == u"open"_s)
                    found.append(
                        u"%1:%2"_s.arg(port[u"host"_s].toString()).arg(port[u"port"_s].toInt()));
            }
            return std::pair{scan, found};
        };
        const auto [plain, exposed] = open(m_plain);
        if (plain.err.contains(u"one host"_s, Qt::CaseInsensitive))
            QSKIP(qPrintable(plain.err));
        QCOMPARE(plain.code, 0);
        QVERIFY2(exposed.contains(u"MySQL primary:3307"_s), qPrintable(exposed.join(u", "_s)));
        QVERIFY(exposed.contains(u"Load balancer:80"_s));
        const auto [walled, reachable] = open(m_behindFirewall);
        QCOMPARE(walled.code, 0);
        QCOMPARE(reachable, QStringList{u"Load balancer:80"_s});
        // The fixed design: only the pair's floating IP, on the web port.
        const auto [fixed, public_] = open(m_fixed);
        QCOMPARE(fixed.code, 0);
        QCOMPARE(public_, QStringList{u"floating IP:80"_s});
    }

    void aFirewallThatCannotRunLetsNothingThrough()
    {
        // Rules that do not parse, run anyway (--force): the firewall is down, and closed.
        const QString file = m_dir.filePath(u"badrule.topo.json"_s);
        {
            QFile plain(m_plain);
            QVERIFY(plain.open(QIODevice::ReadOnly));
            QFile bad(file);
            QVERIFY(bad.open(QIODevice::WriteOnly));
            bad.write(
                QJsonDocument(withFirewallInFront(QJsonDocument::fromJson(plain.readAll()).object(),
                                                  u"allow tcp 99999 from nowhere"_s))
                    .toJson());
        }
        const Run scan = topolab({u"scan"_s, u"--json"_s, u"--force"_s, file});
        if (scan.err.contains(u"one host"_s, Qt::CaseInsensitive))
            QSKIP(qPrintable(scan.err));
        QCOMPARE(scan.code, 0);
        QVERIFY2(scan.err.contains(u"its rules do not parse"_s) &&
                     scan.err.contains(u"It forwards nothing meanwhile"_s),
                 qPrintable(scan.err));
        const QJsonObject report = QJsonDocument::fromJson(scan.out.toUtf8()).object();
        QVERIFY(report[u"firewall"_s].toBool());
        for (const QJsonValue &port : report[u"ports"_s].toArray())
            QVERIFY2(port[u"state"_s] != u"open"_s,
                     qPrintable(u"%1:%2 answers through a firewall that is down"_s
                                    .arg(port[u"host"_s].toString())
                                    .arg(port[u"port"_s].toInt())));
    }

    void theFixedTemplateServesThroughTheFloatingIp()
    {
        const Run run = topolab({u"run"_s, m_fixed, u"--requests"_s, u"300"_s, u"--json"_s});
        QCOMPARE(run.code, 0);
        const QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8()).object();
        if (!report.value(u"oneHostReason"_s).toString().isEmpty())
            QSKIP("no lab here");
        QCOMPARE(report[u"client"_s][u"completed"_s].toInt(), 300);
        QCOMPARE(report[u"client"_s][u"failed"_s].toInt(), 0);
        const QJsonObject floating = report[u"floatingIp"_s].toObject();
        QCOMPARE(floating[u"address"_s].toString(), u"10.20.0.100"_s);
        QCOMPARE(floating[u"holder"_s].toString(), u"Load balancer"_s);
        QVERIFY(floating[u"failovers"_s].toArray().isEmpty());
        const QStringList hosts = hostsOf(report);
        QVERIFY2(hosts.contains(u"Load balancer 2 10.20.0.11"_s) &&
                     hosts.contains(u"Firewall 10.20.0.1"_s),
                 qPrintable(hosts.join(u", "_s)));
        QVERIFY(report[u"notRun"_s].toArray().isEmpty());
    }

    void theFirewallCountsWhatItDrops()
    {
        const Run run =
            topolab({u"run"_s, m_behindFirewall, u"--requests"_s, u"200"_s, u"--json"_s});
        QCOMPARE(run.code, 0);
        const QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8()).object();
        if (!report.value(u"oneHostReason"_s).toString().isEmpty())
            QSKIP("no lab here");
        QCOMPARE(report[u"client"_s][u"completed"_s].toInt(), 200);
        QCOMPARE(report[u"firewallDrops"_s].toInt(), 0);
        QVERIFY(!report[u"notRun"_s].toArray().contains(u"firewall"_s));
    }

    void theOneHostFallbackStillRunsTheTemplate()
    {
        const Run run = topolab({u"run"_s, m_plain, u"--requests"_s, u"500"_s, u"--json"_s}, true);
        QCOMPARE(run.code, 0);
        const QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(report[u"client"_s][u"completed"_s].toInt(), 500);
        QVERIFY(report[u"hosts"_s].toArray().isEmpty());
        QVERIFY(report[u"oneHostReason"_s].toString().contains(u"TOPOLAB_LAB=host"_s));
        QVERIFY(run.err.contains(u"One host: TOPOLAB_LAB=host"_s));
        // Said once.
        QCOMPARE(run.err.count(u"TOPOLAB_LAB=host"_s), 1);
    }

    void nothingIsLeftAfterAStopAFailedStartOrASigkill()
    {
        // A failed start: the balancer's port is busy.
        QTcpServer busy;
        QVERIFY(busy.listen(QHostAddress::LocalHost, 0));
        QFile design(m_plain);
        QVERIFY(design.open(QIODevice::ReadOnly));
        const QByteArray text = design.readAll().replace(
            "\"port\": 8080", "\"port\": " + QByteArray::number(busy.serverPort()));
        const QString busyFile = m_dir.filePath(u"busy.topo.json"_s);
        QFile out(busyFile);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text);
        out.close();
        QProcess failing;
        failing.setProcessEnvironment(environment());
        failing.start(QStringLiteral(TOPOLAB_BINARY),
                      {u"run"_s, busyFile, u"--requests"_s, u"1"_s});
        QVERIFY(failing.waitForFinished(30000));
        const QString err = QString::fromUtf8(failing.readAllStandardError());
        QVERIFY2(failing.exitCode() != 0 && err.contains(u"in use"_s), qPrintable(err));
        QVERIFY(runFoldersOf(failing.processId()).isEmpty());

        // SIGKILL of a lab that holds its cluster up.
        QProcess lab;
        lab.setProcessEnvironment(environment());
        lab.start(QStringLiteral(TOPOLAB_BINARY),
                  {u"run"_s, m_behindFirewall, u"--requests"_s, u"0"_s, u"--hold"_s});
        QVERIFY(lab.waitForStarted());
        const qint64 pid = lab.processId();
        // Two workers, two databases and the folder sweeper.
        QTRY_VERIFY_WITH_TIMEOUT(childrenOf(pid).size() >= 5, 30000);
        QVERIFY(!runFoldersOf(pid).isEmpty());
        // The lab's own namespace (its internet host) and those its servers run in. Asked again
        // until all are there: a child just forked is still in its parent's until it enters its
        // host (seen once on a loaded machine).
        QSet<QString> spaces;
        const auto namespacesOfTheLab = [&] {
            spaces.clear();
            for (const QString &process : childrenOf(pid) + QStringList{QString::number(pid)})
                spaces.insert(
                    QFile::symLinkTarget(u"/proc/%1/ns/net"_s.arg(process)).section(u'/', -1));
            spaces.remove(QFile::symLinkTarget(u"/proc/self/ns/net"_s).section(u'/', -1));
            return spaces.size();
        };
        QTRY_VERIFY_WITH_TIMEOUT(namespacesOfTheLab() >= 5, 10000);
        // A held run scans on request, as topolab scan does, while it serves.
        QByteArray said;
        QTRY_VERIFY_WITH_TIMEOUT((said += lab.readAllStandardError()).contains("Ctrl-C stops it"),
                                 30000);
        lab.write("scan\n");
        QByteArray scanned;
        QTRY_VERIFY_WITH_TIMEOUT((scanned += lab.readAllStandardOutput()).contains("only the site"),
                                 5000);
        QVERIFY2(scanned.contains("Load balancer") && scanned.contains("filtered"),
                 scanned.constData());
        ::kill(static_cast<pid_t>(pid), SIGKILL);
        QVERIFY(lab.waitForFinished(5000));
        QTRY_VERIFY_WITH_TIMEOUT(childrenOf(pid).isEmpty(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!anyProcessIn(spaces), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(runFoldersOf(pid).isEmpty(), 5000);
    }
};

QTEST_GUILESS_MAIN(TestLab)
#include "tst_lab.moc"
