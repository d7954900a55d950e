// Benchmark of live control, not a test: how long Start takes until every node is healthy (cold
// and warm MariaDB cache), the request rate the cluster sustains through the balancer running
// inside the window while the charts update, the window's event-loop stalls meanwhile, and the
// same load through HAProxy in front of the same two workers, as the reference.
//   tests/bench/gui.sh   (builds this and runs it offscreen; prints a Markdown table)

#include "freeport.h"
#include "gui/canvas/nodeitem.h"
#include "gui/canvas/topologyscene.h"
#include "gui/designeditor.h"
#include "gui/live/livesession.h"
#include "gui/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <algorithm>

using namespace Qt::StringLiterals;
using namespace topolab;

namespace {

QTextStream out(stdout);

void waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done() && clock.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
}

bool allHealthy(const gui::MainWindow &window)
{
    const QStringList ids{u"lb"_s,    u"web-1"_s,      u"web-2"_s,     u"app-1"_s,
                          u"app-2"_s, u"db-primary"_s, u"db-replica"_s};
    return std::all_of(ids.cbegin(), ids.cend(), [&](const QString &id) {
        return window.scene()->nodeItem(id)->stateBadge() == u"healthy"_s;
    });
}

qint64 timedStart(gui::MainWindow &window)
{
    QElapsedTimer clock;
    clock.start();
    window.startClusterAction()->trigger();
    waitUntil([&] { return allHealthy(window); }, 180000);
    return allHealthy(window) ? clock.elapsed() : -1;
}

void stopCluster(gui::MainWindow &window)
{
    window.stopClusterAction()->trigger();
    waitUntil([&] { return !window.session().isActive(); }, 60000);
}

struct LoadResult {
    runtime::LoadReport report;
    QList<qint64> stallsMs; // how late each 5 ms tick of the window's event loop came
};

// Runs closed-loop load through `port` for `seconds` while a 5 ms timer on the window's thread
// records how late the event loop serves it.
LoadResult measure(gui::MainWindow &window, quint16 port, int connections, int seconds,
                   const QList<int> &mix)
{
    LoadResult result;
    runtime::LoadOptions options;
    options.port = port;
    options.staticShare = mix.value(0);
    options.readShare = mix.value(1);
    options.writeShare = mix.value(2);
    options.concurrency = connections;
    options.duration = std::chrono::seconds(seconds);
    bool finished = false;
    QMetaObject::Connection done =
        QObject::connect(&window.session().host(), &runtime::ClusterHost::loadFinished, &window,
                         [&](const runtime::LoadReport &report) {
                             result.report = report;
                             finished = true;
                         });
    QElapsedTimer tick;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout,
                     [&] { result.stallsMs.append(std::max<qint64>(0, tick.restart() - 5)); });
    tick.start();
    probe.start();
    window.session().host().startLoad(options);
    waitUntil([&] { return finished; }, (seconds + 30) * 1000);
    probe.stop();
    QObject::disconnect(done);
    std::sort(result.stallsMs.begin(), result.stallsMs.end());
    return result;
}

qint64 percentile(const QList<qint64> &sorted, double fraction)
{
    if (sorted.isEmpty())
        return 0;
    return sorted.at(
        std::min<qsizetype>(sorted.size() - 1, static_cast<qsizetype>(fraction * sorted.size())));
}

QString row(const QString &name, const LoadResult &result, double reference)
{
    const double rate = result.report.rate();
    return u"| %1 | %2 | %3 ms | %4 | %5 | %6 ms | %7 ms |\n"_s.arg(name)
        .arg(rate, 0, 'f', 0)
        .arg(result.report.latency.percentile(0.99) / 1000.0, 0, 'f', 2)
        .arg(result.report.failed)
        .arg(reference > 0 ? rate / reference : 1.0, 0, 'f', 2)
        .arg(percentile(result.stallsMs, 0.99))
        .arg(result.stallsMs.isEmpty() ? 0 : result.stallsMs.last());
}

} // namespace

int main(int argc, char *argv[])
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const int connections = qEnvironmentVariableIntValue("CONNECTIONS") > 0
                                ? qEnvironmentVariableIntValue("CONNECTIONS")
                                : 64;
    const int seconds = qEnvironmentVariableIntValue("DURATION") > 0
                            ? qEnvironmentVariableIntValue("DURATION")
                            : 10;
    // MIX=100:0:0 measures pages only (the balancer's path); the default mixes in the database.
    QList<int> mix{70, 20, 10};
    if (const QStringList parts = qEnvironmentVariable("MIX").split(u':'); parts.size() == 3)
        mix = {parts.at(0).toInt(), parts.at(1).toInt(), parts.at(2).toInt()};
    QTemporaryDir cache;
    gui::MainWindow window;
    window.setWorkerProgram(QStringLiteral(TOPOLAB_BINARY), cache.path());
    window.openTemplate(u"foobar"_s);
    for (const QString &id : {u"lb"_s, u"web-1"_s, u"web-2"_s, u"db-primary"_s, u"db-replica"_s})
        window.editor().setProperty(id, u"port"_s, freePort());
    window.resize(1600, 1000);
    window.show();

    const qint64 cold = timedStart(window);
    stopCluster(window);
    const qint64 warm = timedStart(window);
    if (cold < 0 || warm < 0) {
        out << "bench: the cluster did not become healthy; see the Logs panel output above\n";
        return 1;
    }
    const quint16 balancerPort =
        static_cast<quint16>(window.document().topology().property(u"lb"_s, u"port"_s).toInt());
    const LoadResult inWindow = measure(window, balancerPort, connections, seconds, mix);

    // HAProxy in front of the same two workers, driven by the same load generator.
    QTemporaryDir haproxyDir;
    const quint16 haproxyPort = freePort();
    QFile config(haproxyDir.filePath(u"haproxy.cfg"_s));
    config.open(QIODevice::WriteOnly);
    const auto &topology = window.document().topology();
    config.write(u"global\n  maxconn 4000\ndefaults\n  mode http\n  timeout connect 5s\n"
                 "  timeout client 30s\n  timeout server 30s\n  option http-keep-alive\n"
                 "frontend f\n  bind 127.0.0.1:%1\n  default_backend b\nbackend b\n"
                 "  balance roundrobin\n  server s1 127.0.0.1:%2\n  server s2 127.0.0.1:%3\n"_s
                     .arg(haproxyPort)
                     .arg(topology.property(u"web-1"_s, u"port"_s).toInt())
                     .arg(topology.property(u"web-2"_s, u"port"_s).toInt())
                     .toUtf8());
    config.close();
    QProcess haproxy;
    haproxy.start(u"/usr/sbin/haproxy"_s, {u"-f"_s, config.fileName(), u"-db"_s});
    LoadResult reference;
    // Started is not listening: wait for the port, and give up if HAProxy exits instead.
    bool listening = false;
    if (haproxy.waitForStarted(5000)) {
        for (int i = 0; i < 100 && !listening && haproxy.state() == QProcess::Running; ++i) {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, haproxyPort);
            listening = probe.waitForConnected(100);
            if (!listening)
                QThread::msleep(50);
        }
    }
    if (listening) {
        reference = measure(window, haproxyPort, connections, seconds, mix);
        haproxy.terminate();
        haproxy.waitForFinished(5000);
    }
    stopCluster(window);

    out << "Start to all nodes healthy: cold " << cold << " ms, warm " << warm << " ms\n\n";
    out << "| balancer | requests/s | p99 latency | failed | requests/s vs HAProxy | "
           "window stall p99 (during this run) | window stall max |\n"
           "|---|---:|---:|---:|---:|---:|---:|\n";
    const double haproxyRate = reference.report.rate();
    out << row(u"Topolab, inside the window with charts"_s, inWindow, haproxyRate);
    if (haproxyRate > 0)
        out << row(u"HAProxy (same workers, same client)"_s, reference, haproxyRate);
    else
        out << "HAProxy was not measured: /usr/sbin/haproxy did not start or listen; its "
               "output: "
            << QString::fromLocal8Bit(haproxy.readAll()).trimmed() << "\n";
    out << "\nconnections " << connections << ", " << seconds << " s each, closed loop, mix "
        << mix.value(0) << ':' << mix.value(1) << ':' << mix.value(2) << " pages:reads:writes\n";
    return 0;
}
