#include "latencyhistogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace topolab::runtime {

namespace {

// Floating-point logarithms for every sample were 2 % of the balancer's processor time.
const std::array<qint64, LatencyHistogram::kBuckets> &upperBounds()
{
    static const auto bounds = [] {
        std::array<qint64, LatencyHistogram::kBuckets> b{};
        for (int bucket = 0; bucket < LatencyHistogram::kBuckets; ++bucket)
            b[static_cast<size_t>(bucket)] =
                static_cast<qint64>(std::floor(std::exp2(bucket / 4.0)));
        return b;
    }();
    return bounds;
}

} // namespace

int LatencyHistogram::bucketOf(qint64 microseconds)
{
    if (microseconds <= 1)
        return 0;
    // The smallest bucket whose bound holds the sample: at or above four per whole power of two
    // below it, and at most four more.
    const auto &bounds = upperBounds();
    int bucket =
        std::min(4 * (static_cast<int>(std::bit_width(static_cast<quint64>(microseconds))) - 1),
                 kBuckets - 1);
    while (bucket < kBuckets - 1 && bounds[static_cast<size_t>(bucket)] < microseconds)
        ++bucket;
    return bucket;
}

qint64 LatencyHistogram::upperBound(int bucket)
{
    return upperBounds()[static_cast<size_t>(bucket)];
}

void LatencyHistogram::record(qint64 microseconds)
{
    microseconds = std::max<qint64>(microseconds, 0);
    ++m_counts[static_cast<size_t>(bucketOf(microseconds))];
    ++m_count;
    m_max = std::max(m_max, microseconds);
}

void LatencyHistogram::merge(const LatencyHistogram &other)
{
    for (size_t i = 0; i < m_counts.size(); ++i)
        m_counts[i] += other.m_counts[i];
    m_count += other.m_count;
    m_max = std::max(m_max, other.m_max);
}

LatencyHistogram LatencyHistogram::fromCounts(const std::array<quint32, kBuckets> &counts,
                                              qint64 maximum)
{
    LatencyHistogram histogram;
    histogram.m_counts = counts;
    int highest = -1;
    for (int bucket = 0; bucket < kBuckets; ++bucket) {
        const quint32 count = counts[static_cast<size_t>(bucket)];
        histogram.m_count += count;
        if (count > 0)
            highest = bucket;
    }
    if (highest < 0)
        return histogram;
    histogram.m_max = std::max(maximum, highest == 0 ? 0 : upperBound(highest - 1) + 1);
    // The last bucket is open-ended.
    if (highest < kBuckets - 1)
        histogram.m_max = std::min(histogram.m_max, upperBound(highest));
    return histogram;
}

qint64 LatencyHistogram::percentile(double fraction) const
{
    if (m_count == 0)
        return 0;
    const auto rank = static_cast<qint64>(std::ceil(std::clamp(fraction, 0.0, 1.0) * m_count));
    qint64 seen = 0;
    for (size_t i = 0; i < m_counts.size(); ++i) {
        seen += m_counts[i];
        // The last bucket is open-ended: its samples are only known to be below the maximum.
        if (seen >= std::max<qint64>(rank, 1))
            return i + 1 == m_counts.size() ? m_max
                                            : std::min(upperBound(static_cast<int>(i)), m_max);
    }
    return m_max;
}

} // namespace topolab::runtime
