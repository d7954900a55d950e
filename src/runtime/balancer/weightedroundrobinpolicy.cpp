#include "weightedroundrobinpolicy.h"

namespace topolab::runtime {

std::optional<int> WeightedRoundRobinPolicy::pick(std::span<const BackendStatus> backends,
                                                  const PickContext &context)
{
    m_current.resize(backends.size(), 0);
    qint64 total = 0;
    std::optional<int> best;
    for (size_t i = 0; i < backends.size(); ++i) {
        if (!eligible(backends, static_cast<int>(i), context)) {
            // Out of the rotation (down, drained): coming back, it starts even with the others
            // instead of with the credit it had, which would send it a burst.
            if (!backends[i].healthy || !backends[i].accepting)
                m_current[i] = 0;
            continue;
        }
        const qint64 weight = std::max(backends[i].weight, 1);
        m_current[i] += weight;
        total += weight;
        if (!best || m_current[i] > m_current[static_cast<size_t>(*best)])
            best = static_cast<int>(i);
    }
    if (best)
        m_current[static_cast<size_t>(*best)] -= total;
    return best;
}

} // namespace topolab::runtime
