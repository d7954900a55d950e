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
    struct HealthEvent {
        qint64 timeMs;
        QString backend;
        bool healthy;
        QString reason;
    };

    qint64 takenMs = 0;
    qint64 bucketMs = 1000;
    QList<Backend> backends;
    // Requests no backend could take (no healthy backend, connection limit, malformed).
    TrafficBucket unrouted;
    QList<HealthEvent> events;
};

} // namespace topolab::runtime
