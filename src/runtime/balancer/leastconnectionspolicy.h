#pragma once

#include "balancingpolicy.h"

namespace topolab::runtime {

// The backend with the fewest requests in flight relative to its weight; ties go round-robin, so
// an idle cluster still alternates.
class LeastConnectionsPolicy final : public BalancingPolicy {
public:
    core::BalancingAlgorithm algorithm() const override
    {
        return core::BalancingAlgorithm::LeastConnections;
    }
    std::optional<int> pick(std::span<const BackendStatus> backends,
                            const PickContext &context) override;

private:
    size_t m_next = 0;
};

} // namespace topolab::runtime
