#include "freeport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace Qt::StringLiterals;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

// Where the runs keep their MariaDB data folder cache: inside the test's temporary folder, not
// the user's cache.
QString g_cacheHome;
// Where the runs keep their designs' databases: also inside the test's temporary folder.
QString g_dataHome;

Run topolab(const QStringList &arguments, const QByteArray &input = {})
{
    QProcess process;
    // No display: headless commands must never need one.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(u"DISPLAY"_s);
    environment.remove(u"WAYLAND_DISPLAY"_s);
    environment.remove(u"QT_QPA_PLATFORM"_s);
    if (!g_cacheHome.isEmpty()) {
        environment.insert(u"XDG_CACHE_HOME"_s, g_cacheHome);
        environment.insert(u"XDG_DATA_HOME"_s, g_dataHome);
    }
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(TOPOLAB_BINARY), arguments);
    if (!process.waitForStarted(10000))
        return {};
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QByteArray read(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool write(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

// The template with every listening port moved to a free one, so runs do not depend on what
// else this machine serves.
QByteArray templateOnFreePorts(const QByteArray &design)
{
    QJsonObject root = QJsonDocument::fromJson(design).object();
    QJsonArray nodes = root.value(u"nodes"_s).toArray();
    for (qsizetype i = 0; i < nodes.size(); ++i) {
        QJsonObject node = nodes.at(i).toObject();
        QJsonObject properties = node.value(u"properties"_s).toObject();
        if (properties.contains(u"port"_s))
            properties.insert(u"port"_s, freePort());
        node.insert(u"properties"_s, properties);
        nodes.replace(i, node);
    }
    root.insert(u"nodes"_s, nodes);
    return QJsonDocument(root).toJson();
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_foobar;
    // What startHeldRun() read of the run's standard error.
    QByteArray m_heldErr;

    // Starts `topolab run DESIGN --requests 0 --hold` on a copy of the template with free ports and
    // waits until the cluster is up; returns the design's path, empty on failure.
    QString startHeldRun(QProcess &process, const QString &name, const QStringList &extra = {})
    {
        const QString design = m_dir.filePath(name + u".topo.json"_s);
        if (!write(design, templateOnFreePorts(read(m_foobar))))
            return {};
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"XDG_CACHE_HOME"_s, g_cacheHome);
        environment.insert(u"XDG_DATA_HOME"_s, g_dataHome);
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(TOPOLAB_BINARY),
                      QStringList{u"run"_s, design, u"--requests"_s, u"0"_s, u"--hold"_s} + extra);
        if (!process.waitForStarted())
            return {};
        QByteArray err;
        QElapsedTimer clock;
        clock.start();
        while (!err.contains("Ctrl-C stops it") && clock.elapsed() < 20000) {
            process.waitForReadyRead(200);
            err += process.readAllStandardError();
        }
        m_heldErr = err;
        return err.contains("Ctrl-C stops it") ? design : QString();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        g_cacheHome = m_dir.filePath(u"cache"_s);
        g_dataHome = m_dir.filePath(u"data"_s);
        const Run run = topolab({u"template"_s, u"foobar"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.err.isEmpty());
        m_foobar = m_dir.filePath(u"foobar.topo.json"_s);
        QVERIFY(write(m_foobar, run.out.toUtf8()));
    }

    void helpAndVersion()
    {
        for (const QString &flag : {u"--help"_s, u"-h"_s, u"help"_s}) {
            const Run run = topolab({flag});
            QCOMPARE(run.exitCode, 0);
            QVERIFY2(run.out.contains(u"review FILE"_s) && run.out.contains(u"template NAME"_s),
                     qPrintable(run.out));
        }
        const Run version = topolab({u"--version"_s});
        QCOMPARE(version.exitCode, 0);
        QVERIFY2(version.out.startsWith(u"topolab 0."_s), qPrintable(version.out));
        const Run reviewHelp = topolab({u"review"_s, u"--help"_s});
        QCOMPARE(reviewHelp.exitCode, 0);
        QVERIFY(reviewHelp.out.contains(u"--format"_s));
    }

    void unknownOptionIsAnError()
    {
        const Run run = topolab({u"--frobnicate"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"Unknown option \"--frobnicate\""_s), qPrintable(run.err));
    }

    void unknownCommandIsAnErrorWithoutADisplay()
    {
        // Before: "reveiw" opened the window (with no display: SIGABRT inside Qt's xcb plugin).
        const Run typo = topolab({u"reveiw"_s, m_foobar});
        QCOMPARE(typo.exitCode, 2);
        QVERIFY2(typo.err.contains(u"Unknown command \"reveiw\". Did you mean \"review\"?"_s),
                 qPrintable(typo.err));
        QVERIFY2(typo.err.contains(u"Commands: review, template, run, scan, balancer, worker, help"_s),
                 qPrintable(typo.err));
        const Run word = topolab({u"frobnicate"_s});
        QCOMPARE(word.exitCode, 2);
        QVERIFY2(word.err.contains(u"Unknown command \"frobnicate\"."_s) &&
                     !word.err.contains(u"Did you mean"_s),
                 qPrintable(word.err));
        const Run missing = topolab({m_dir.filePath(u"gone.topo.json"_s)});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains(u"gone.topo.json: no such file"_s), qPrintable(missing.err));
    }

    void templateWritesALoadableDesign()
    {
        const QJsonDocument document = QJsonDocument::fromJson(read(m_foobar));
        QCOMPARE(document.object().value(u"format"_s).toString(), u"topolab/1"_s);
        QCOMPARE(document.object().value(u"nodes"_s).toArray().size(), 10);

        const Run list = topolab({u"template"_s, u"--list"_s});
        QCOMPARE(list.exitCode, 0);
        QVERIFY(list.out.startsWith(u"foobar\t"_s));

        const Run unknown = topolab({u"template"_s, u"lamp"_s});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.out.isEmpty());
        QVERIFY2(unknown.err.contains(u"the templates are: foobar"_s), qPrintable(unknown.err));
    }

    void reviewOfTheTemplatePrintsTheFiveFindings()
    {
        const Run run = topolab({u"review"_s, m_foobar});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(u"0 errors, 5 warnings"_s), qPrintable(run.out));
        QCOMPARE(run.out.count(u"WARNING [single-point-of-failure]"_s), 2);
        QVERIFY(
            run.out.contains(u"Load balancer \"Load balancer\" is a single point of failure"_s));
        QVERIFY(run.out.contains(
            u"Primary \"MySQL primary\" is a single point of failure for writes"_s));
        QVERIFY(run.out.contains(u"WARNING [no-firewall]"_s));
        QVERIFY(run.out.contains(u"WARNING [no-https]"_s));
        QVERIFY(run.out.contains(u"WARNING [no-monitoring]"_s));
        QCOMPARE(run.out.count(u"Fix: "_s), 5);
    }

    void reviewAsJson()
    {
        const Run run = topolab({u"review"_s, u"--format"_s, u"json"_s, m_foobar});
        QCOMPARE(run.exitCode, 0);
        QJsonParseError error;
        const QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(report.value(u"errors"_s).toInt(), 0);
        QCOMPARE(report.value(u"warnings"_s).toInt(), 5);
        QStringList rules;
        for (const QJsonValue &finding : report.value(u"findings"_s).toArray())
            rules.append(finding[u"rule"_s].toString());
        QCOMPARE(rules, (QStringList{u"single-point-of-failure"_s, u"single-point-of-failure"_s,
                                     u"no-firewall"_s, u"no-https"_s, u"no-monitoring"_s}));
    }

    void reviewExitsOneWhenTheDesignHasErrors()
    {
        const QString path = m_dir.filePath(u"conflict.topo.json"_s);
        QVERIFY(write(path, R"({"format": "topolab/1", "name": "clash", "nodes": [
            {"id": "a", "kind": "web-server", "name": "A", "properties": {"port": 8080}},
            {"id": "b", "kind": "app-server", "name": "B", "properties": {"port": 8080}}],
            "links": [{"from": "a", "to": "b"}]})"));
        const Run run = topolab({u"review"_s, path});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(u"ERROR [port-conflict] Port 8080 is used 2 times"_s),
                 qPrintable(run.out));
    }

    void reviewReadsStandardInput()
    {
        const Run run = topolab({u"review"_s, u"-"_s}, read(m_foobar));
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(u"(stdin)"_s));
        const Run broken = topolab({u"review"_s, u"-"_s}, "{");
        QCOMPARE(broken.exitCode, 2);
        QVERIFY2(broken.err.contains(u"stdin: line 1, column 2"_s), qPrintable(broken.err));
    }

    void reviewExitsTwoWhenTheFileCannotBeRead()
    {
        const Run missing = topolab({u"review"_s, m_dir.filePath(u"none.topo.json"_s)});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains(u"none.topo.json: no such file"_s), qPrintable(missing.err));
        QVERIFY(missing.out.isEmpty());

        const Run broken = topolab(
            {u"review"_s, QStringLiteral(TOPOLAB_TEST_DATA "/broken/unknown-kind.topo.json")});
        QCOMPARE(broken.exitCode, 2);
        QVERIFY2(broken.err.contains(
                     u"unknown-kind.topo.json: nodes[1].kind: unknown kind \"router\""_s),
                 qPrintable(broken.err));
    }

    void runDrivesLoadThroughTheClusterAndStops()
    {
        const QString design = m_dir.filePath(u"free.topo.json"_s);
        QVERIFY(write(design, templateOnFreePorts(read(m_foobar))));
        const Run run = topolab({u"run"_s, design, u"--requests"_s, u"200"_s, u"--json"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8()).object();
        const QJsonArray servers = report.value(u"servers"_s).toArray();
        QCOMPARE(servers.size(), 2);
        QCOMPARE(servers.at(0).toObject().value(u"requests"_s).toInt(), 100);
        QCOMPARE(servers.at(1).toObject().value(u"requests"_s).toInt(), 100);
        QCOMPARE(report.value(u"client"_s).toObject().value(u"failed"_s).toInt(), 0);
        const QJsonObject database = report.value(u"database"_s).toObject();
        QVERIFY(database.value(u"writes"_s).toInt() > 0);
        QVERIFY(database.value(u"reads"_s).toInt() > 0);
        QVERIFY(database.value(u"replicationRunning"_s).toBool());
        QVERIFY(run.err.contains(u"Stopping"_s));
    }

    void runKeepsTheDesignsDataUnlessFreshDataIsAsked()
    {
        const QString design = m_dir.filePath(u"kept.topo.json"_s);
        QVERIFY(write(design, templateOnFreePorts(read(m_foobar))));
        const QStringList writes = {u"run"_s, design,     u"--requests"_s,
                                    u"20"_s,  u"--mix"_s, u"0:0:100"_s};
        const Run first = topolab(writes);
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        const QString folder = [&] {
            for (const QString &line : first.err.split(u'\n'))
                if (line.startsWith(u"Data: "_s))
                    return line.mid(6).section(u" ("_s, 0, 0);
            return QString();
        }();
        QVERIFY2(folder.startsWith(g_dataHome + u"/"_s), qPrintable(first.err));
        QVERIFY(QFileInfo::exists(folder + u"/primary/binlog.index"_s));
        QVERIFY(QFileInfo::exists(folder + u"/replica"_s));
        // Stop left the data where it was; the next run opens the same folder.
        QVERIFY(write(folder + u"/marker"_s, "still here"));
        const Run second = topolab(writes);
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        QVERIFY(second.err.contains(folder));
        QVERIFY(QFileInfo::exists(folder + u"/marker"_s));
        const Run fresh = topolab(QStringList(writes) << u"--fresh-data"_s);
        QVERIFY2(fresh.exitCode == 0, qPrintable(fresh.err));
        QVERIFY(!QFileInfo::exists(folder + u"/marker"_s));
        QVERIFY(QFileInfo::exists(folder + u"/primary/binlog.index"_s));
    }

    void runHoldStopsCleanlyOnCtrlC()
    {
        QProcess process;
        QVERIFY(!startHeldRun(process, u"hold"_s).isEmpty());
        ::kill(static_cast<pid_t>(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(20000));
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(process.readAllStandardError().contains("Stopping"));
    }

    // Reads from `process`'s output (stdout, or stderr) until `text` appears; all it read.
    static QByteArray readUntil(QProcess &process, const QByteArray &text, bool standardError)
    {
        QByteArray seen;
        QElapsedTimer clock;
        clock.start();
        while (!seen.contains(text) && clock.elapsed() < 10000) {
            process.waitForReadyRead(100);
            seen +=
                standardError ? process.readAllStandardError() : process.readAllStandardOutput();
        }
        return seen;
    }

    void runHoldTakesCommandsOnItsInput()
    {
        QProcess process;
        QVERIFY(!startHeldRun(process, u"commands"_s).isEmpty());
        const auto stop = qScopeGuard([&] {
            ::kill(static_cast<pid_t>(process.processId()), SIGINT);
            process.waitForFinished(20000);
        });
        process.write("show\n");
        // The table comes in one piece, its last line after Server 1's.
        const QByteArray table = readUntil(process, "\nServer 2", false);
        QVERIFY2(table.contains("Last check") && table.contains("Server 1  up"), table.constData());

        process.write("drain Server 1\n");
        QVERIFY(readUntil(process, "Server 1: drain", true).contains("Server 1: drain"));
        process.write("\n"); // an empty line shows the table too
        const QByteArray drained = readUntil(process, "drained", false);
        QVERIFY2(drained.contains("Server 1  drained"), drained.constData());

        process.write("weight server-2 7\n");
        QVERIFY(readUntil(process, "Server 2: weight 7", true).contains("weight 7"));
        process.write("drain nosuch\n");
        const QByteArray unknownServer = readUntil(process, "the servers are", true);
        QVERIFY2(unknownServer.contains("No server \"nosuch\" behind the balancer; the servers "
                                        "are: Server 1, Server 2."),
                 unknownServer.constData());
        process.write("frobnicate\n");
        const QByteArray unknown = readUntil(process, "this list", true);
        QVERIFY(unknown.contains("Unknown command \"frobnicate\""));
        QVERIFY(unknown.contains("drain SERVER"));
        QVERIFY(!unknown.contains("Did you mean"));
        process.write("drian Server 1\n");
        const QByteArray typo = readUntil(process, "this list", true);
        QVERIFY2(typo.contains("Unknown command \"drian\". Did you mean \"drain\"?"),
                 typo.constData());
        // The end of the commands leaves the cluster up; "stop" ends it as Ctrl-C would.
        process.closeWriteChannel();
        QTest::qWait(300);
        QCOMPARE(process.state(), QProcess::Running);
    }

    void runHoldStopsOnTheStopCommand()
    {
        QProcess process;
        QVERIFY(!startHeldRun(process, u"stopword"_s).isEmpty());
        const auto stop = qScopeGuard([&] {
            if (process.state() != QProcess::NotRunning) {
                ::kill(static_cast<pid_t>(process.processId()), SIGINT);
                process.waitForFinished(20000);
            }
        });
        process.write("quit\n");
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        const QByteArray said = m_heldErr + process.readAllStandardError();
        QVERIFY2(said.contains("Stopping"), said.constData());
        QVERIFY2(!said.contains("Unknown command"), said.constData());
    }

    void runHoldReadsCommandsFromAFile()
    {
        // Before: epoll cannot watch a file, so its commands were never read; and a last line
        // without a newline was dropped.
        const QString commands = m_dir.filePath(u"commands.txt"_s);
        QVERIFY(write(commands, "weight\tServer 2  4\ndrain server-1"));
        QProcess process;
        process.setStandardInputFile(commands);
        QVERIFY(!startHeldRun(process, u"fromfile"_s).isEmpty());
        const auto stop = qScopeGuard([&] {
            ::kill(static_cast<pid_t>(process.processId()), SIGINT);
            process.waitForFinished(20000);
        });
        const QByteArray said = m_heldErr + readUntil(process, "Server 1: drain", true);
        QVERIFY2(said.contains("Server 2: weight 4") && said.contains("Server 1: drain"),
                 said.constData());
    }

    void runHoldShowsTheTableAsJson()
    {
        QProcess process;
        QVERIFY(!startHeldRun(process, u"json"_s, {u"--json"_s}).isEmpty());
        const auto stop = qScopeGuard([&] {
            ::kill(static_cast<pid_t>(process.processId()), SIGINT);
            process.waitForFinished(20000);
        });
        readUntil(process, "}\n", false); // the run report
        process.write("maintenance Server 2\nshow\n");
        const QByteArray line = readUntil(process, "\"servers\"", false);
        const QByteArray json = line.mid(line.lastIndexOf("{\"servers\""));
        QByteArray rest = json;
        if (!rest.contains('\n'))
            rest += readUntil(process, "\n", false);
        const QJsonArray servers = QJsonDocument::fromJson(rest.left(rest.indexOf('\n')))
                                       .object()
                                       .value(u"servers"_s)
                                       .toArray();
        QCOMPARE(servers.size(), 2);
        QCOMPARE(servers.at(1).toObject().value(u"label"_s).toString(), u"Server 2"_s);
        QCOMPARE(servers.at(1).toObject().value(u"admin"_s).toString(), u"maintenance"_s);
        QCOMPARE(servers.at(0).toObject().value(u"admin"_s).toString(), u"ready"_s);
        QVERIFY(
            servers.at(0).toObject().value(u"lastCheck"_s).toObject().value(u"passed"_s).toBool());
    }

    void killedTopolabLeavesNoOrphans()
    {
        QProcess process;
        const QString design = startHeldRun(process, u"orphans"_s);
        QVERIFY(!design.isEmpty());
        const QString pid = QString::number(process.processId());
        QFile childrenFile(u"/proc/%1/task/%1/children"_s.arg(pid));
        QVERIFY(childrenFile.open(QIODevice::ReadOnly));
        const QList<QByteArray> children = childrenFile.readAll().trimmed().split(' ');
        // Two workers, primary, replica; in a lab also the sweeper of its run folder.
        QVERIFY2(children.size() == 4 || children.size() == 5, children.join(' ').constData());
        ::kill(static_cast<pid_t>(process.processId()), SIGKILL);
        QVERIFY(process.waitForFinished(5000));
        for (const QByteArray &child : children)
            QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(u"/proc/"_s + QString::fromLatin1(child)),
                                     15000);
    }

    void runRefusesADesignWithReviewErrorsUnlessForced()
    {
        // Before: the port conflict ran, and exit status 0. Server 1's application server on
        // its web server's port:
        const QString path = m_dir.filePath(u"clash.topo.json"_s);
        QJsonObject root = QJsonDocument::fromJson(templateOnFreePorts(read(m_foobar))).object();
        QJsonArray nodes = root.value(u"nodes"_s).toArray();
        const auto portOf = [&](const QString &id) {
            for (const QJsonValue &node : nodes)
                if (node[u"id"_s].toString() == id)
                    return node[u"properties"_s][u"port"_s].toInt();
            return 0;
        };
        const int webPort = portOf(u"web-1"_s);
        QVERIFY(webPort > 0);
        for (qsizetype i = 0; i < nodes.size(); ++i) {
            QJsonObject node = nodes.at(i).toObject();
            if (node.value(u"id"_s).toString() != u"app-1"_s)
                continue;
            QJsonObject properties = node.value(u"properties"_s).toObject();
            properties.insert(u"port"_s, webPort);
            node.insert(u"properties"_s, properties);
            nodes.replace(i, node);
        }
        root.insert(u"nodes"_s, nodes);
        QVERIFY(write(path, QJsonDocument(root).toJson()));
        const Run refused = topolab({u"run"_s, path, u"--requests"_s, u"10"_s});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(u"ERROR [port-conflict]"_s), qPrintable(refused.err));
        QVERIFY2(refused.err.contains(u"--force"_s), qPrintable(refused.err));
        QVERIFY2(!refused.err.contains(u"Starting"_s), qPrintable(refused.err));
        QVERIFY(refused.out.isEmpty());
        // Forced, it starts; the second server cannot listen on the first one's port.
        const Run forced = topolab({u"run"_s, path, u"--requests"_s, u"10"_s, u"--force"_s});
        QVERIFY2(forced.err.contains(u"Running it anyway (--force)."_s), qPrintable(forced.err));
        QVERIFY2(forced.err.contains(u"Starting"_s), qPrintable(forced.err));
    }

    void runHelpNamesTheCommandNotThePath()
    {
        const Run help = topolab({u"run"_s, u"--help"_s});
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.startsWith(u"Usage: topolab run [options] FILE"_s), qPrintable(help.out));
        QVERIFY2(!help.out.contains(QStringLiteral(TOPOLAB_BINARY)), qPrintable(help.out));
        QVERIFY2(!help.out.contains(u"--help-all"_s), qPrintable(help.out));
        QVERIFY(help.out.contains(u"--force"_s));
    }

    void runNamesServersAsTheDesignDoes()
    {
        const QString design = m_dir.filePath(u"names.topo.json"_s);
        QVERIFY(write(design, templateOnFreePorts(read(m_foobar))));
        const Run run = topolab({u"run"_s, design, u"--requests"_s, u"20"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // Closed loop: latency is not counted from when requests were due.
        QVERIFY2(!run.out.contains(u"when each request was due"_s), qPrintable(run.out));
        QVERIFY2(!run.out.contains(u"server-1"_s), qPrintable(run.out));
    }

    void runRefusesWhatCannotRun()
    {
        const QString path = m_dir.filePath(u"nolb.topo.json"_s);
        QVERIFY(write(path, R"({"format": "topolab/1", "name": "bare", "nodes": [
            {"id": "web", "kind": "web-server", "name": "Web"}]})"));
        const Run noBalancer = topolab({u"run"_s, path});
        QCOMPARE(noBalancer.exitCode, 2);
        QVERIFY2(noBalancer.err.contains(u"no load balancer"_s), qPrintable(noBalancer.err));
        const Run badCount = topolab({u"run"_s, m_foobar, u"--requests"_s, u"many"_s});
        QCOMPARE(badCount.exitCode, 2);
        QVERIFY(badCount.err.contains(u"--requests"_s));
        const Run badMix = topolab({u"run"_s, m_foobar, u"--mix"_s, u"1:2"_s});
        QCOMPARE(badMix.exitCode, 2);
    }

    void runHoldNeverRemovesWhatIsAtItsControlPath()
    {
        // A typo for the socket path names a file of the user's: it is refused, not replaced,
        // before anything starts.
        const QString notes = m_dir.filePath(u"notes.txt"_s);
        QVERIFY(write(notes, "keep me"));
        const Run run = topolab({u"run"_s, m_foobar, u"--hold"_s, u"--control"_s, notes});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"is not a socket; nothing was removed"_s), qPrintable(run.err));
        QVERIFY2(!run.err.contains(u"Starting"_s), qPrintable(run.err));
        QCOMPARE(read(notes), QByteArray("keep me"));
    }

    void scanSpeaksOfItselfAndTakesOnlyItsOptions()
    {
        const Run missing = topolab({u"scan"_s, m_dir.filePath(u"nope.topo.json"_s)});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.startsWith(u"Cannot scan "_s), qPrintable(missing.err));
        const Run none = topolab({u"scan"_s});
        QCOMPARE(none.exitCode, 2);
        QVERIFY2(none.err.contains(u"topolab scan takes exactly one FILE"_s) &&
                     none.err.contains(u"'topolab scan --help'"_s),
                 qPrintable(none.err));
        // Before: run's load and hold options were taken and did nothing.
        const Run held = topolab({u"scan"_s, m_foobar, u"--hold"_s});
        QCOMPARE(held.exitCode, 2);
        QVERIFY2(held.err.startsWith(
                     u"topolab scan takes --json, --force and one FILE, not \"--hold\""_s),
                 qPrintable(held.err));
        QVERIFY(!held.err.contains(u"Starting"_s));
    }

    void reviewUsageErrors()
    {
        const Run none = topolab({u"review"_s});
        QCOMPARE(none.exitCode, 2);
        QVERIFY(none.err.contains(u"exactly one FILE"_s));
        const Run format = topolab({u"review"_s, u"--format"_s, u"xml"_s, m_foobar});
        QCOMPARE(format.exitCode, 2);
        QVERIFY(format.err.contains(u"Unknown --format \"xml\""_s));
        const Run option = topolab({u"review"_s, u"--colour"_s, m_foobar});
        QCOMPARE(option.exitCode, 2);
        QVERIFY(option.err.contains(u"colour"_s));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
