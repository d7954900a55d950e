#pragma once

#include "metricssnapshot.h"

#include <QJsonObject>
#include <QStringList>

namespace topolab::runtime {

// The balancer's servers as an operator reads them, in the manner of HAProxy's stats page: one
// row per server with its state and since when, the last health check, weight, requests in
// flight, connections, requests, errors by class, bytes, downtime and latency over the recent
// buckets. The window's backend table and `topolab run --hold` both show it from here.
class BackendTable final {
public:
    enum Column {
        Server,
        State,
        Since,
        LastCheck,
        Weight,
        InFlight,
        Connections,
        Requests,
        Errors4xx,
        Errors5xx,
        BytesIn,
        BytesOut,
        Downtime,
        P50,
        P99,
        ColumnCount
    };

    static QString header(Column column);
    // Words are aligned left, figures right.
    static bool isWords(Column column) { return column <= LastCheck; }
    // What the column means, for a tooltip.
    static QString explanation(Column column);
    // "up", "down", "draining (3 in flight)", "drained", "maintenance", "maintenance (down)".
    static QString state(const MetricsSnapshot::Backend &backend);
    // The cell of `column` for `backend`, sampled at `nowMs`; `label` is the server's name.
    static QString cell(const MetricsSnapshot::Backend &backend, const QString &label, qint64 nowMs,
                        Column column);
    // Every server of `snapshot` (named by `labels`, backend name → label; missing: the
    // backend's name) as aligned columns, a header line first.
    static QString text(const MetricsSnapshot &snapshot, const QHash<QString, QString> &labels);
    // One server as JSON, numbers as numbers (milliseconds, bytes, microseconds).
    static QJsonObject json(const MetricsSnapshot::Backend &backend, const QString &label,
                            qint64 nowMs);

    static QString duration(qint64 ms);
    static QString bytes(qint64 count);
    static QString latency(qint64 microseconds);
    // The merged latency of the recent buckets.
    static LatencyHistogram recentLatency(const MetricsSnapshot::Backend &backend);
};

} // namespace topolab::runtime
