#pragma once

#include "balancingpolicy.h"

#include <vector>

namespace topolab::runtime {

// nginx's smooth weighted round-robin: weights 5, 1, 1 give a a b a c a a, not a a a a a b c, so
// even a heavy backend never gets long bursts.
class WeightedRoundRobinPolicy final : public BalancingPolicy {
public:
    core::BalancingAlgorithm algorithm() const override
    {
        return core::BalancingAlgorithm::Weighted;
    }
    std::optional<int> pick(std::span<const BackendStatus> backends,
                            const PickContext &context) override;

private:
    std::vector<qint64> m_current;
};

} // namespace topolab::runtime
