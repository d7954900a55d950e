#pragma once

#include "runtime/cluster/clusteraction.h"
#include "runtime/cluster/clustersample.h"
#include "runtime/cluster/nodestate.h"
#include "runtime/load/loadoptions.h"
#include "runtime/load/loadreport.h"
#include "runtime/net/exposurereport.h"

#include <QJsonObject>
#include <QString>
#include <optional>

namespace topolab::runtime {

// The values that cross between the lab process and the window, as JSON. The lab process may be
// another version than the window: a field that is missing or of the wrong type reads as the
// struct's default, an unknown name or an out-of-range bucket is skipped, and nothing in the input
// can make the reader fail. Every field written is read back exactly.
class LabCodec final {
public:
    static QJsonObject toJson(const ClusterSample &sample);
    static ClusterSample sampleFromJson(const QJsonObject &json);
    static QJsonObject toJson(const MetricsSnapshot &snapshot);
    static MetricsSnapshot snapshotFromJson(const QJsonObject &json);
    static QJsonObject toJson(const TrafficBucket &bucket);
    static TrafficBucket bucketFromJson(const QJsonObject &json);
    // Only the non-empty buckets, as a sample holds hundreds of histograms of a few samples each:
    // {"n": count, "max": µs, "b": [[bucket, count], …]}.
    static QJsonObject toJson(const LatencyHistogram &histogram);
    static LatencyHistogram histogramFromJson(const QJsonObject &json);
    static QJsonObject toJson(const LoadReport &report);
    static LoadReport loadReportFromJson(const QJsonObject &json);
    static QJsonObject toJson(const LoadOptions &options);
    static LoadOptions loadOptionsFromJson(const QJsonObject &json);
    static QJsonObject toJson(const ReplicationStatus &status);
    static ReplicationStatus replicationFromJson(const QJsonObject &json);
    // {from, site, firewall, error (only when set), ports: [{host, address, port, role, state}]},
    // as `topolab scan --json` prints it too.
    static QJsonObject toJson(const ExposureReport &report);
    static ExposureReport exposureFromJson(const QJsonObject &json);
};

} // namespace topolab::runtime
