#include "balancingpolicy.h"

#include "iphashpolicy.h"
#include "leastconnectionspolicy.h"
#include "roundrobinpolicy.h"
#include "weightedroundrobinpolicy.h"

namespace topolab::runtime {

std::unique_ptr<BalancingPolicy> makeBalancingPolicy(core::BalancingAlgorithm algorithm)
{
    switch (algorithm) {
    case core::BalancingAlgorithm::RoundRobin:
        return std::make_unique<RoundRobinPolicy>();
    case core::BalancingAlgorithm::Weighted:
        return std::make_unique<WeightedRoundRobinPolicy>();
    case core::BalancingAlgorithm::LeastConnections:
        return std::make_unique<LeastConnectionsPolicy>();
    case core::BalancingAlgorithm::IpHash:
        return std::make_unique<IpHashPolicy>();
    }
    Q_UNREACHABLE();
}

} // namespace topolab::runtime
