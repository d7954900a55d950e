#pragma once

#include "runtime/db/replicationstatus.h"
#include "runtime/metrics/metricssnapshot.h"

#include <QMetaType>

namespace topolab::runtime {

// What a running cluster looks like at one moment, for charts: the balancer's counters and the
// database work the workers report, as a plain value that crosses threads by copy.
struct ClusterSample {
    MetricsSnapshot traffic; // its takenMs is the clock every chart uses
    bool hasDatabase = false;
    qint64 dbSampledMs = -1; // when the database counters below were read, on the same clock
    qint64 dbReads = 0;      // totals since start, summed over the workers and their restarts
    qint64 dbWrites = 0;
    bool hasReplica = false;
    ReplicationStatus replication;
    // Packets the firewall dropped since start, read from its nft counters with the database's
    // (on the same clock, dbSampledMs); -1 without a firewall that runs.
    qint64 firewallDrops = -1;
};

} // namespace topolab::runtime

Q_DECLARE_METATYPE(topolab::runtime::ClusterSample)
