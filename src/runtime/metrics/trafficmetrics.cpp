#include "trafficmetrics.h"

namespace topolab::runtime {

TrafficMetrics::TrafficMetrics(const QStringList &backends, Clock clock, qint64 bucketMs,
                               int bucketCount)
    : m_clock(std::move(clock))
    , m_bucketMs(bucketMs)
    , m_bucketCount(bucketCount)
{
    for (const QString &name : backends) {
        Series series;
        series.name = name;
        series.ring.resize(bucketCount);
        m_series.append(std::move(series));
    }
    m_unrouted.name = QStringLiteral("unrouted");
    m_unrouted.ring.resize(bucketCount);
}

TrafficBucket &TrafficMetrics::bucketFor(Series &series, qint64 now)
{
    const qint64 start = now - now % m_bucketMs;
    TrafficBucket &slot = series.ring[static_cast<qsizetype>((start / m_bucketMs) % m_bucketCount)];
    if (slot.startMs != start) {
        // The slot held an interval that has scrolled out of the window: reuse it.
        slot = TrafficBucket();
        slot.startMs = start;
    }
    return slot;
}

void TrafficMetrics::record(int backend, int status, qint64 bytes, qint64 latencyUs, qint64 bytesIn)
{
    const qint64 now = m_clock();
    QMutexLocker lock(&m_mutex);
    Series &series = backend < 0 || backend >= m_series.size() ? m_unrouted : m_series[backend];
    series.total.add(status, bytes, latencyUs, bytesIn);
    bucketFor(series, now).add(status, bytes, latencyUs, bytesIn);
}

void TrafficMetrics::recordCheck(int backend, bool passed, qint64 durationUs, const QString &result)
{
    const qint64 now = m_clock();
    QMutexLocker lock(&m_mutex);
    if (backend >= 0 && backend < m_series.size())
        m_series[backend].check = {now, passed, durationUs, result};
}

void TrafficMetrics::startDown(int backend)
{
    const qint64 now = m_clock();
    QMutexLocker lock(&m_mutex);
    if (backend < 0 || backend >= m_series.size())
        return;
    m_series[backend].healthy = false;
    m_series[backend].downSinceMs = now;
}

void TrafficMetrics::recordAdmin(int backend, const QString &summary, const QString &text,
                                 bool stateChanged)
{
    const qint64 now = m_clock();
    QMutexLocker lock(&m_mutex);
    if (backend < 0 || backend >= m_series.size())
        return;
    if (stateChanged)
        m_series[backend].sinceMs = now;
    appendEvent({now, MetricsSnapshot::Event::Kind::Admin, m_series[backend].name, text, summary});
}

void TrafficMetrics::recordHealth(int backend, bool healthy, const QString &reason)
{
    const qint64 now = m_clock();
    QMutexLocker lock(&m_mutex);
    if (backend < 0 || backend >= m_series.size())
        return;
    Series &series = m_series[backend];
    if (!series.healthy && healthy)
        series.downtimeMs += now - series.downSinceMs;
    else if (series.healthy && !healthy)
        series.downSinceMs = now;
    series.healthy = healthy;
    series.sinceMs = now;
    using Kind = MetricsSnapshot::Event::Kind;
    appendEvent({now, healthy ? Kind::Up : Kind::Down, m_series[backend].name, reason});
}

void TrafficMetrics::recordEvent(const QString &text)
{
    const qint64 now = m_clock();
    QMutexLocker lock(&m_mutex);
    appendEvent({now, MetricsSnapshot::Event::Kind::Change, {}, text});
}

void TrafficMetrics::appendEvent(MetricsSnapshot::Event event)
{
    m_events.append(std::move(event));
    ++m_eventsEver;
    if (m_events.size() > kMaxEvents)
        m_events.removeFirst();
}

MetricsSnapshot TrafficMetrics::snapshot(int recentBuckets) const
{
    recentBuckets = std::clamp(recentBuckets, 0, m_bucketCount);
    const qint64 now = m_clock();
    const qint64 current = now - now % m_bucketMs;
    QMutexLocker lock(&m_mutex);
    MetricsSnapshot snapshot;
    snapshot.takenMs = now;
    snapshot.bucketMs = m_bucketMs;
    snapshot.unrouted = m_unrouted.total;
    snapshot.unroutedRecent = recent(m_unrouted, current, recentBuckets);
    snapshot.events = m_events;
    snapshot.eventsEver = m_eventsEver;
    for (const Series &series : m_series) {
        MetricsSnapshot::Backend backend;
        backend.name = series.name;
        backend.healthy = series.healthy;
        backend.total = series.total;
        backend.recent = recent(series, current, recentBuckets);
        backend.sinceMs = series.sinceMs;
        backend.downtimeMs = series.downtimeMs + (series.healthy ? 0 : now - series.downSinceMs);
        backend.check = series.check;
        snapshot.backends.append(std::move(backend));
    }
    return snapshot;
}

QList<TrafficBucket> TrafficMetrics::recent(const Series &series, qint64 current, int count) const
{
    QList<TrafficBucket> buckets;
    buckets.reserve(count);
    for (qint64 start = current - (count - 1) * m_bucketMs; start <= current; start += m_bucketMs) {
        if (start < 0)
            continue;
        const TrafficBucket &slot =
            series.ring[static_cast<qsizetype>((start / m_bucketMs) % m_bucketCount)];
        TrafficBucket bucket = slot.startMs == start ? slot : TrafficBucket();
        bucket.startMs = start;
        buckets.append(bucket);
    }
    return buckets;
}

} // namespace topolab::runtime
