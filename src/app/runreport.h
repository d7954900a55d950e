#pragma once

#include "runtime/cluster/clustercontroller.h"
#include "runtime/load/loadreport.h"

#include <QJsonObject>

namespace topolab::app {

// What `topolab run` prints at the end: per server requests, share, errors and latency
// percentiles as the balancer measured them, the client's view, and the database's work.
struct RunReport {
    struct Server {
        QString id;   // as X-Served-By says
        QString name; // as the design says
        qint64 requests = 0;
        qint64 errors = 0;
        double p50Ms = 0;
        double p95Ms = 0;
        double p99Ms = 0;
    };

    QString design;
    QString url;
    QString algorithm;
    qint64 startMs = 0;
    QList<Server> servers;
    qint64 unrouted = 0;
    runtime::LoadReport client;
    qint64 dbReads = 0;
    qint64 dbWrites = 0;
    runtime::ReplicationStatus replication;
    bool hasReplica = false;
    QStringList notRun;
    // In a lab, every machine's host; empty in one-host mode, with the reason.
    struct Host {
        QString name;
        QString address;
        QString role;
    };
    QList<Host> hosts;
    QString oneHostReason;
    qint64 firewallDrops = -1; // -1: no firewall running
    // A balancer pair's floating IP, the balancer holding it now ("" for none) and its moves.
    QString floatingAddress;
    QString floatingHolder;
    struct Failover {
        QString from;
        QString to;
        qint64 ms = 0;
    };
    QList<Failover> failovers;

    // The names of the balancers holding the floating IP now, "A and B" were VRRP wrong.
    static QString floatingHolderNames(const runtime::ClusterController &cluster);
    // "floating IP 10.20.0.100: held by Load balancer 2"
    static QString floatingLine(const QString &address, const QString &holder);
    static RunReport collect(runtime::ClusterController &cluster, const runtime::LoadReport &load,
                             qint64 startMs);
    QString text() const;
    QJsonObject json() const;
};

} // namespace topolab::app
