#pragma once

#include "runtime/metrics/latencyhistogram.h"

#include <QMap>
#include <QString>
#include <array>

namespace topolab::runtime {

// What a load run saw from the client side. Latency in open-loop runs counts from when each
// request was due, not when it was sent, so a stalled server cannot hide its queueing delay
// (no coordinated omission).
struct LoadReport {
    qint64 completed = 0;
    qint64 failed = 0; // no HTTP response at all (refused, reset, timed out)
    std::array<qint64, 5> statusClasses{};
    LatencyHistogram latency;
    QMap<QString, qint64> servedBy; // X-Served-By → responses
    qint64 reads = 0;
    qint64 writes = 0;
    qint64 elapsedMs = 0;
    // At a fixed rate (latency from when each request was due), not a fixed number of clients
    // (latency from when each was sent).
    bool openLoop = false;

    double rate() const { return elapsedMs > 0 ? completed * 1000.0 / elapsedMs : 0; }
};

} // namespace topolab::runtime
