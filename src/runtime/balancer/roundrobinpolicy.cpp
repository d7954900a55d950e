#include "roundrobinpolicy.h"

namespace topolab::runtime {

std::optional<int> RoundRobinPolicy::pick(std::span<const BackendStatus> backends,
                                          const PickContext &context)
{
    for (size_t i = 0; i < backends.size(); ++i) {
        const size_t candidate = (m_next + i) % backends.size();
        if (eligible(backends, static_cast<int>(candidate), context)) {
            m_next = candidate + 1;
            return static_cast<int>(candidate);
        }
    }
    return std::nullopt;
}

} // namespace topolab::runtime
