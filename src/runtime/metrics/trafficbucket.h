#pragma once

#include "latencyhistogram.h"

namespace topolab::runtime {

// The traffic of one backend in one time slot (or in total): requests by status class, bytes
// sent to clients and the latency histogram.
struct TrafficBucket {
    qint64 startMs = 0;
    qint64 requests = 0;
    std::array<qint64, 5> statusClasses{}; // 1xx … 5xx
    qint64 bytes = 0;                      // sent to clients
    qint64 bytesIn = 0;                    // of the requests, as forwarded to the server
    LatencyHistogram latency;

    qint64 errors() const { return statusClasses[4]; }
    void add(int status, qint64 responseBytes, qint64 latencyUs, qint64 requestBytes = 0)
    {
        ++requests;
        if (status >= 100 && status < 600)
            ++statusClasses[static_cast<size_t>(status / 100 - 1)];
        bytes += responseBytes;
        bytesIn += requestBytes;
        latency.record(latencyUs);
    }
    void merge(const TrafficBucket &other)
    {
        requests += other.requests;
        for (size_t i = 0; i < statusClasses.size(); ++i)
            statusClasses[i] += other.statusClasses[i];
        bytes += other.bytes;
        bytesIn += other.bytesIn;
        latency.merge(other.latency);
    }
};

} // namespace topolab::runtime
