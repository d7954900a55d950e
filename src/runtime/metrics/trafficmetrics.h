#pragma once

#include "metricssnapshot.h"

#include <QMutex>
#include <functional>

namespace topolab::runtime {

// Counts every request per backend into fixed time buckets (a ring, so memory stays bounded
// however long it runs) and keeps the latest health transitions. Written on the balancer's thread,
// read by snapshot() from any thread.
class TrafficMetrics final {
public:
    using Clock = std::function<qint64()>; // milliseconds, monotonic

    TrafficMetrics(const QStringList &backends, Clock clock, qint64 bucketMs = 1000,
                   int bucketCount = 600);

    // `backend` -1 counts as unrouted.
    void record(int backend, int status, qint64 bytes, qint64 latencyUs, qint64 bytesIn = 0);
    void recordHealth(int backend, bool healthy, const QString &reason);
    void recordCheck(int backend, bool passed, qint64 durationUs, const QString &result);
    // The operator changed the backend (drain, weight, …): `text` says how, `summary` in brief.
    // A change of its state (drain, not a weight) restarts its "since".
    void recordAdmin(int backend, const QString &summary, const QString &text,
                     bool stateChanged = true);
    // The backend is down from the start (its server did not start), without an event.
    void startDown(int backend);
    void recordEvent(const QString &text);
    // The clock the buckets are kept by, in milliseconds.
    qint64 now() const { return m_clock(); }
    // Totals plus the most recent `recentBuckets` buckets (at most the ring size).
    MetricsSnapshot snapshot(int recentBuckets = 60) const;

    static constexpr int kMaxEvents = 1000;

private:
    struct Series {
        QString name;
        bool healthy = true;
        TrafficBucket total;
        QList<TrafficBucket> ring;
        qint64 sinceMs = 0;     // its health or operator state last changed
        qint64 downSinceMs = 0; // the current down period began
        qint64 downtimeMs = 0;  // of the down periods that have ended
        MetricsSnapshot::Check check;
    };
    TrafficBucket &bucketFor(Series &series, qint64 now);
    QList<TrafficBucket> recent(const Series &series, qint64 current, int count) const;

    mutable QMutex m_mutex;
    Clock m_clock;
    qint64 m_bucketMs;
    int m_bucketCount;
    QList<Series> m_series;
    Series m_unrouted;
    QList<MetricsSnapshot::Event> m_events;
    qint64 m_eventsEver = 0;

    void appendEvent(MetricsSnapshot::Event event);
};

} // namespace topolab::runtime
