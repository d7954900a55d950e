#pragma once

#include "balancingpolicy.h"

namespace topolab::runtime {

// Sticky sessions: the same client address always reaches the same backend while it is healthy.
// Uses rendezvous hashing, so when a backend fails only its clients move, and they come back
// when it recovers.
class IpHashPolicy final : public BalancingPolicy {
public:
    core::BalancingAlgorithm algorithm() const override { return core::BalancingAlgorithm::IpHash; }
    std::optional<int> pick(std::span<const BackendStatus> backends,
                            const PickContext &context) override;
};

} // namespace topolab::runtime
