#pragma once

#include "runtime/balancer/serveradminstate.h"
#include "trafficbucket.h"

#include <QList>
#include <QString>

namespace topolab::runtime {

// A copy of the balancer's counters at one moment, safe to read on any thread.
struct MetricsSnapshot {
    // The newest health check of a backend.
    struct Check {
        qint64 atMs = -1; // -1: none yet
        bool passed = false;
        qint64 durationUs = 0;
        QString result; // "answered 200", "connection refused", …
    };
    struct Backend {
        QString name;
        bool healthy = true;
        TrafficBucket total;
        QList<TrafficBucket> recent; // oldest first, one per bucket interval
        // When its health or operator state last changed, and how long it has been down in all.
        qint64 sinceMs = 0;
        qint64 downtimeMs = 0;
        Check check;
        // As the balancer's threads share them at the moment of the snapshot.
        ServerAdminState admin = ServerAdminState::Ready;
        int weight = 1;
        int inFlight = 0;
        int openConnections = 0;
        qint64 connectionsEver = 0;

        // Draining with nothing left in flight: out of the rotation, safe to stop.
        bool drained() const { return admin == ServerAdminState::Drain && inFlight == 0; }
    };
    // Something worth a marker on the time charts: a backend going down or up, the operator
    // changing a backend (Admin), or a change of the balancer itself (backend empty).
    struct Event {
        enum class Kind { Down, Up, Admin, Change };
        qint64 timeMs;
        Kind kind;
        QString backend;
        QString text;
        // A few words for a chart marker ("draining", "weight 3"); empty: as `text`.
        QString summary = {};
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
