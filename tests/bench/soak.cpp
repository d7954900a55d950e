// Soak, not a test: the www.foobar.com template under a fixed request rate for an hour (default),
// with web server 2 killed and restarted every five minutes. Reports the RSS of every process at
// the start (after a minute's warm-up) and at the end, and the failed requests inside and outside
// the windows around each kill (kill to restart, plus the health checks' detection time).
//   tests/bench/soak.sh   (SOAK_MINUTES, SOAK_RATE, SOAK_KILL_EVERY_S; prints Markdown)

#include "core/templates.h"
#include "freeport.h"
#include "runtime/balancer/balancer.h"
#include "runtime/cluster/clustercontroller.h"
#include "runtime/load/loadgenerator.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace topolab;
using namespace std::chrono_literals;

namespace {

QTextStream out(stdout);

int setting(const char *name, int fallback)
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue(name, &ok);
    return ok && value > 0 ? value : fallback;
}

// This process and every process it started: pid → (name, RSS in KiB).
QMap<qint64, std::pair<QString, qint64>> processes()
{
    QMap<qint64, std::pair<QString, qint64>> found;
    const qint64 self = QCoreApplication::applicationPid();
    for (const QString &entry : QDir(u"/proc"_s).entryList(QDir::Dirs)) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        if (!isPid)
            continue;
        QFile status(u"/proc/%1/status"_s.arg(pid));
        if (!status.open(QIODevice::ReadOnly))
            continue;
        QString name;
        qint64 parent = -1;
        qint64 rss = 0;
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("Name:"))
                name = QString::fromLatin1(line.mid(5).trimmed());
            else if (line.startsWith("PPid:"))
                parent = line.mid(5).trimmed().toLongLong();
            else if (line.startsWith("VmRSS:"))
                rss = line.mid(6).trimmed().split(' ').first().toLongLong();
        }
        if (pid == self || parent == self)
            found.insert(pid, {pid == self ? u"soak (balancer, load)"_s : name, rss});
    }
    return found;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int minutes = setting("SOAK_MINUTES", 60);
    const int rate = setting("SOAK_RATE", 100);
    const int killEverySeconds = setting("SOAK_KILL_EVERY_S", 300);

    auto loaded = core::Templates::load(u"foobar"_s);
    auto planned = core::ClusterPlan::fromTopology(std::get<core::Topology>(loaded));
    core::ClusterPlan plan = std::get<core::ClusterPlan>(planned);
    plan.balancer.port = freePort();
    for (core::ClusterPlan::Worker &worker : plan.workers)
        worker.port = freePort();
    plan.primary->port = freePort();
    plan.replica->port = freePort();
    QTemporaryDir cache;
    runtime::ClusterController cluster(plan, {QStringLiteral(TOPOLAB_BINARY), cache.path()});
    QStringList problems;
    if (!cluster.start(&problems)) {
        out << "the cluster did not start: " << problems.join(u"; "_s) << "\n";
        return 1;
    }
    QElapsedTimer clock;
    clock.start();
    const QString victim = plan.workers.at(1).nodeId;

    runtime::LoadOptions load;
    load.port = cluster.balancer()->port();
    load.rate = rate;
    load.duration = std::chrono::minutes(minutes);
    runtime::LoadGenerator generator(load);
    bool done = false;
    QObject::connect(&generator, &runtime::LoadGenerator::finished, &app, [&] {
        done = true;
        QCoreApplication::quit();
    });

    // Windows (ms on `clock`) in which failures are expected: from a kill until the restarted
    // server has passed its health checks, with a margin for the clocks' offset.
    QList<std::pair<qint64, qint64>> windows;
    QTimer killer;
    QObject::connect(&killer, &QTimer::timeout, &app, [&] {
        const qint64 at = clock.elapsed();
        cluster.kill(victim);
        QTimer::singleShot(10s, &app, [&, at] {
            QString error;
            if (!cluster.restart(victim, &error))
                out << "restart failed: " << error << "\n";
            windows.append({at - 2000, clock.elapsed() + 5000});
        });
    });
    killer.start(std::chrono::seconds(killEverySeconds));

    // 5xx per second and series (each backend, then the unrouted ones), from the balancer's own
    // one-second buckets, sampled well within their ring.
    QMap<std::pair<qint64, qsizetype>, qint64> errorsBySecond;
    const qint64 balancerOffset = clock.elapsed();
    const auto sample = [&] {
        const runtime::MetricsSnapshot snapshot = cluster.balancer()->snapshot(60);
        for (qsizetype series = 0; series <= snapshot.backends.size(); ++series) {
            const QList<runtime::TrafficBucket> &buckets = series < snapshot.backends.size()
                                                               ? snapshot.backends.at(series).recent
                                                               : snapshot.unroutedRecent;
            for (const runtime::TrafficBucket &bucket : buckets)
                errorsBySecond[{bucket.startMs, series}] = bucket.errors();
        }
    };
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, &app, sample);
    sampler.start(10s);

    QMap<qint64, std::pair<QString, qint64>> first;
    // After the warm-up: a minute, or a quarter of a short run.
    const auto warmUp = std::min<std::chrono::milliseconds>(60s, load.duration / 4);
    QTimer::singleShot(warmUp, &app, [&] { first = processes(); });
    generator.start();
    QCoreApplication::exec();
    sample();
    const QMap<qint64, std::pair<QString, qint64>> last = processes();
    const runtime::LoadReport &report = generator.report();

    qint64 inside = 0;
    qint64 outside = 0;
    for (auto it = errorsBySecond.cbegin(); it != errorsBySecond.cend(); ++it) {
        const qint64 at = it.key().first - balancerOffset;
        const bool expected = std::any_of(windows.cbegin(), windows.cend(), [&](const auto &w) {
            return at >= w.first && at <= w.second;
        });
        (expected ? inside : outside) += it.value();
    }

    out << "Soak: " << minutes << " min at " << rate << " requests/s, " << victim
        << " killed and restarted every " << killEverySeconds << " s (" << windows.size()
        << " times)\n\n";
    out << "| process | pid | RSS after the warm-up KiB | RSS at the end KiB | change |\n";
    out << "|---|---:|---:|---:|---:|\n";
    for (auto it = first.cbegin(); it != first.cend(); ++it) {
        const qint64 end = last.value(it.key()).second;
        out << "| " << it.value().first << " | " << it.key() << " | " << it.value().second << " | "
            << (end > 0 ? QString::number(end) : u"(restarted)"_s) << " | "
            << (end > 0 ? QString::number(100.0 * (end - it.value().second) / it.value().second,
                                          'f', 1) +
                              u" %"_s
                        : QString())
            << " |\n";
    }
    for (auto it = last.cbegin(); it != last.cend(); ++it) {
        if (!first.contains(it.key()))
            out << "| " << it.value().first << " (restarted) | " << it.key() << " | | "
                << it.value().second << " | |\n";
    }
    out << "\nRequests: " << report.completed << " answered, " << report.failed
        << " failed at the client (no answer); 5xx counted by the balancer: " << inside
        << " inside the kill windows, " << outside << " outside them. Status classes at the "
        << "client: 2xx " << report.statusClasses[1] << ", 4xx " << report.statusClasses[3]
        << ", 5xx " << report.statusClasses[4] << "; latency p99 "
        << report.latency.percentile(0.99) / 1000.0 << " ms, max "
        << report.latency.percentile(1.0) / 1000.0 << " ms.\n";
    cluster.stop();
    return done ? 0 : 1;
}
