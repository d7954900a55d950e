#pragma once

#include <QtGlobal>
#include <array>

namespace topolab::runtime {

// Latencies in log-scale buckets: four per power of two of microseconds, from 1 µs to about 16 s.
// Fixed size, so a histogram per backend per second keeps memory bounded; percentiles are exact
// to within one bucket (about 19 %).
class LatencyHistogram final {
public:
    static constexpr int kBuckets = 97;

    void record(qint64 microseconds);
    void merge(const LatencyHistogram &other);
    qint64 count() const { return m_count; }
    // The latency at or below which `fraction` (0..1) of the samples fall, in microseconds: the
    // upper bound of the bucket that holds that sample. 0 when empty.
    qint64 percentile(double fraction) const;
    qint64 maximum() const { return m_max; }
    // The samples in one bucket (0 ≤ bucket < kBuckets); with fromCounts, a histogram crosses to
    // another process as its buckets.
    quint32 countAt(int bucket) const { return m_counts[static_cast<size_t>(bucket)]; }
    // A histogram with these bucket counts. `maximum` is moved into the highest non-empty bucket
    // (0 when all are empty), where record() would have left it, so that maximum() and
    // percentile() agree with the counts whatever the source sent.
    static LatencyHistogram fromCounts(const std::array<quint32, kBuckets> &counts, qint64 maximum);

    static int bucketOf(qint64 microseconds);
    static qint64 upperBound(int bucket);

private:
    std::array<quint32, kBuckets> m_counts{};
    qint64 m_count = 0;
    qint64 m_max = 0;
};

} // namespace topolab::runtime
