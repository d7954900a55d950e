#include "runreport.h"

#include "runtime/net/labnetwork.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

using namespace Qt::StringLiterals;
using namespace topolab::runtime;

namespace topolab::app {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(RunReport)
};

double ms(qint64 microseconds)
{
    return static_cast<double>(microseconds) / 1000.0;
}

} // namespace

QString RunReport::floatingHolderNames(const ClusterController &cluster)
{
    QStringList holders;
    for (const QString &holder : cluster.floatingHolders())
        holders.append(cluster.plan().nodeName(holder));
    // Two names here would be VRRP gone wrong, and the report must say so, not hide it.
    return holders.join(u" and "_s);
}

QString RunReport::floatingLine(const QString &address, const QString &holder)
{
    return holder.isEmpty() ? Tr::tr("floating IP %1: held by no balancer").arg(address)
                            : Tr::tr("floating IP %1: held by %2").arg(address, holder);
}

RunReport RunReport::collect(ClusterController &cluster, const LoadReport &load, qint64 startMs)
{
    RunReport report;
    const core::ClusterPlan &plan = cluster.plan();
    report.design = plan.designName;
    report.notRun = plan.notRun;
    report.startMs = startMs;
    report.client = load;
    if (cluster.balancer()) {
        report.algorithm = core::balancingAlgorithmName(plan.balancer.algorithm);
        const MetricsSnapshot snapshot = cluster.siteSnapshot(0);
        for (const MetricsSnapshot::Backend &backend : snapshot.backends) {
            const LatencyHistogram &latency = backend.total.latency;
            QString label = backend.name;
            for (const core::ClusterPlan::Worker &worker : plan.workers)
                if (worker.name == backend.name)
                    label = worker.label;
            report.servers.append({backend.name, label, backend.total.requests,
                                   backend.total.errors(), ms(latency.percentile(0.50)),
                                   ms(latency.percentile(0.95)), ms(latency.percentile(0.99))});
        }
        report.unrouted = snapshot.unrouted.requests;
    }
    // The workers count their own database work; ask each directly, not through the balancer.
    for (const core::ClusterPlan::Worker &worker : plan.workers) {
        const std::optional<QJsonObject> counters = cluster.workerStats(worker, 2000);
        if (!counters)
            continue;
        report.dbReads += counters->value(u"dbReads"_s).toInteger();
        report.dbWrites += counters->value(u"dbWrites"_s).toInteger();
    }
    report.url = cluster.url();
    report.firewallDrops = cluster.firewallDrops();
    if (const LabNetwork *lab = cluster.lab()) {
        for (const LabNetwork::Machine &machine : lab->machines())
            report.hosts.append({machine.name, machine.address, machine.role});
        report.hosts.append({u"internet"_s, lab->internetAddress(), u"internet"_s});
        if (plan.standby) {
            report.floatingAddress = plan.floatingAddress;
            report.floatingHolder = floatingHolderNames(cluster);
            for (const ClusterController::Failover &move : cluster.failovers())
                report.failovers.append(
                    {plan.nodeName(move.from), plan.nodeName(move.to), move.ms});
        }
    }
    if (DatabaseCluster *database = cluster.database(); database && database->replica()) {
        report.hasReplica = true;
        report.replication = database->replicationStatus();
    }
    return report;
}

QString RunReport::text() const
{
    qint64 total = 0;
    for (const Server &server : servers)
        total += server.requests;
    qsizetype nameWidth = 14;
    for (const Server &server : servers)
        nameWidth = std::max(nameWidth, server.name.size());
    const int width = -static_cast<int>(nameWidth);
    QString out = Tr::tr("\n%1 behind %2 (%3)\n\n").arg(design, url, algorithm);
    out += u"%1 %2 %3 %4 %5 %6 %7\n"_s.arg(Tr::tr("server"), width)
               .arg(Tr::tr("requests"), 9)
               .arg(Tr::tr("share"), 7)
               .arg(Tr::tr("errors"), 7)
               .arg(Tr::tr("p50 ms"), 8)
               .arg(Tr::tr("p95 ms"), 8)
               .arg(Tr::tr("p99 ms"), 8);
    for (const Server &server : servers) {
        const double share =
            total > 0 ? 100.0 * static_cast<double>(server.requests) / static_cast<double>(total)
                      : 0;
        out += u"%1 %2 %3% %4 %5 %6 %7\n"_s.arg(server.name, width)
                   .arg(server.requests, 9)
                   .arg(share, 6, 'f', 1)
                   .arg(server.errors, 7)
                   .arg(server.p50Ms, 8, 'f', 2)
                   .arg(server.p95Ms, 8, 'f', 2)
                   .arg(server.p99Ms, 8, 'f', 2);
    }
    if (unrouted > 0)
        out += Tr::tr("%1 requests found no healthy server\n").arg(unrouted);
    out += (client.openLoop
                ? Tr::tr("\nclient: %1 responses, %2 failed, in %3 s (%4 requests/s); latency p50 "
                         "%5 ms, p99 %6 ms, measured from when each request was due\n")
                : Tr::tr("\nclient: %1 responses, %2 failed, in %3 s (%4 requests/s); latency p50 "
                         "%5 ms, p99 %6 ms\n"))
               .arg(client.completed)
               .arg(client.failed)
               .arg(static_cast<double>(client.elapsedMs) / 1000.0, 0, 'f', 2)
               .arg(client.rate(), 0, 'f', 0)
               .arg(ms(client.latency.percentile(0.5)), 0, 'f', 2)
               .arg(ms(client.latency.percentile(0.99)), 0, 'f', 2);
    out += Tr::tr("database: %1 reads (replica), %2 writes (primary)").arg(dbReads).arg(dbWrites);
    if (hasReplica)
        out += replication.healthy()
                   ? Tr::tr("; replication running, lag %1 s").arg(replication.lagSeconds)
                   : Tr::tr("; replication NOT running: %1").arg(replication.error);
    out += u"\n"_s;
    if (!hosts.isEmpty()) {
        QStringList listed;
        for (const Host &host : hosts)
            listed.append(u"%1 %2"_s.arg(host.name, host.address));
        out += Tr::tr("hosts: %1\n").arg(listed.join(u", "_s));
    } else if (!oneHostReason.isEmpty()) {
        out += Tr::tr("one host: %1\n").arg(oneHostReason);
    }
    if (!floatingAddress.isEmpty()) {
        out += floatingLine(floatingAddress, floatingHolder) + u'\n';
        for (const Failover &move : failovers)
            out += Tr::tr("floating IP moved from %1 to %2 after %3 s\n")
                       .arg(move.from, move.to)
                       .arg(static_cast<double>(move.ms) / 1000.0, 0, 'f', 1);
    }
    if (firewallDrops >= 0)
        out += Tr::tr("firewall: %n packet(s) dropped\n", nullptr, static_cast<int>(firewallDrops));
    if (!notRun.isEmpty())
        out += Tr::tr("not run on this machine: %1\n").arg(notRun.join(u"; "_s));
    return out;
}

QJsonObject RunReport::json() const
{
    QJsonArray hostList;
    for (const Host &host : hosts)
        hostList.append(QJsonObject{
            {u"name"_s, host.name}, {u"address"_s, host.address}, {u"role"_s, host.role}});
    QJsonArray moves;
    for (const Failover &move : failovers)
        moves.append(QJsonObject{{u"from"_s, move.from}, {u"to"_s, move.to}, {u"ms"_s, move.ms}});
    QJsonArray serverList;
    for (const Server &server : servers)
        serverList.append(QJsonObject{{u"id"_s, server.id},
                                      {u"name"_s, server.name},
                                      {u"requests"_s, server.requests},
                                      {u"errors"_s, server.errors},
                                      {u"p50Ms"_s, server.p50Ms},
                                      {u"p95Ms"_s, server.p95Ms},
                                      {u"p99Ms"_s, server.p99Ms}});
    return {{u"design"_s, design},
            {u"url"_s, url},
            {u"algorithm"_s, algorithm},
            {u"startMs"_s, startMs},
            {u"servers"_s, serverList},
            {u"unrouted"_s, unrouted},
            {u"client"_s, QJsonObject{{u"openLoop"_s, client.openLoop},
                                      {u"completed"_s, client.completed},
                                      {u"failed"_s, client.failed},
                                      {u"elapsedMs"_s, client.elapsedMs},
                                      {u"rate"_s, client.rate()},
                                      {u"p50Ms"_s, ms(client.latency.percentile(0.5))},
                                      {u"p99Ms"_s, ms(client.latency.percentile(0.99))}}},
            {u"database"_s, QJsonObject{{u"reads"_s, dbReads},
                                        {u"writes"_s, dbWrites},
                                        {u"replicationRunning"_s, replication.healthy()},
                                        {u"lagSeconds"_s, replication.lagSeconds},
                                        {u"replicationError"_s, replication.error}}},
            {u"hosts"_s, hostList},
            {u"oneHostReason"_s, oneHostReason},
            {u"firewallDrops"_s, firewallDrops},
            {u"floatingIp"_s, floatingAddress.isEmpty()
                                  ? QJsonValue()
                                  : QJsonObject{{u"address"_s, floatingAddress},
                                                {u"holder"_s, floatingHolder},
                                                {u"failovers"_s, moves}}},
            {u"notRun"_s, QJsonArray::fromStringList(notRun)}};
}

} // namespace topolab::app
