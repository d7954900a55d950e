#pragma once

#include "trafficbucket.h"

#include <QList>
#include <QString>

namespace topolab::runtime {

// A copy of the balancer's counters at one moment, safe to read on any thread.
struct MetricsSnapshot {
    struct Backend {
        QString name;
        bool healthy = true;
        TrafficBucket total;
        QList<TrafficBucket> recent; // oldest first, one per bucket interval
    };
    // Something worth a marker on the time charts: a backend going down or up, or a change of
    // the balancer itself (backend empty).
    struct Event {
        enum class Kind { Down, Up, Change };
        qint64 timeMs;
        Kind kind;
        QString backend;
        QString text;
    };

    qint64 takenMs = 0;
    qint64 bucketMs = 1000;
    QList<Backend> backends;
    // Requests no backend could take (no healthy backend, connection limit, malformed).
    TrafficBucket unrouted;
    QList<TrafficBucket> unroutedRecent; // like Backend::recent
    // The newest events (at most TrafficMetrics::kMaxEvents) and how many there ever were, so a
    // reader can tell which of them it has not seen yet.
    QList<Event> events;
    qint64 eventsEver = 0;

    // Requests counted in the recent buckets of all backends.
    qint64 recentRequests() const
    {
        qint64 sum = 0;
        for (const Backend &backend : backends) {
            for (const TrafficBucket &bucket : backend.recent)
                sum += bucket.requests;
        }
        return sum;
    }
};

} // namespace topolab::runtime
