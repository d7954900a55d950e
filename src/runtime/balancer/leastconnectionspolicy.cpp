#include "leastconnectionspolicy.h"

namespace topolab::runtime {

std::optional<int> LeastConnectionsPolicy::pick(std::span<const BackendStatus> backends,
                                                const PickContext &context)
{
    std::optional<int> best;
    for (size_t i = 0; i < backends.size(); ++i) {
        const size_t candidate = (m_next + i) % backends.size();
        if (!eligible(backends, static_cast<int>(candidate), context))
            continue;
        if (!best) {
            best = static_cast<int>(candidate);
            continue;
        }
        // Compare active/weight without division: a.active * b.weight < b.active * a.weight.
        const BackendStatus &a = backends[candidate];
        const BackendStatus &b = backends[static_cast<size_t>(*best)];
        if (qint64(a.activeRequests) * std::max(b.weight, 1) <
            qint64(b.activeRequests) * std::max(a.weight, 1))
            best = static_cast<int>(candidate);
    }
    if (best)
        m_next = static_cast<size_t>(*best) + 1;
    return best;
}

} // namespace topolab::runtime
