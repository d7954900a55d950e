#pragma once

#include "balancingpolicy.h"

namespace topolab::runtime {

// Strict alternation over the healthy backends, as the seed design says: with two servers,
// requests go 1, 2, 1, 2 …
class RoundRobinPolicy final : public BalancingPolicy {
public:
    core::BalancingAlgorithm algorithm() const override
    {
        return core::BalancingAlgorithm::RoundRobin;
    }
    std::optional<int> pick(std::span<const BackendStatus> backends,
                            const PickContext &context) override;

private:
    size_t m_next = 0;
};

} // namespace topolab::runtime
