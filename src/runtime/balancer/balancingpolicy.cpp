#include "balancingpolicy.h"

#include "iphashpolicy.h"
#include "leastconnectionspolicy.h"
#include "roundrobinpolicy.h"
#include "weightedroundrobinpolicy.h"

namespace topolab::runtime {

std::unique_ptr<BalancingPolicy> makeBalancingPolicy(const QString &algorithm)
{
    if (algorithm == QLatin1StringView("round-robin"))
        return std::make_unique<RoundRobinPolicy>();
    if (algorithm == QLatin1StringView("weighted"))
        return std::make_unique<WeightedRoundRobinPolicy>();
    if (algorithm == QLatin1StringView("least-connections"))
        return std::make_unique<LeastConnectionsPolicy>();
    if (algorithm == QLatin1StringView("ip-hash"))
        return std::make_unique<IpHashPolicy>();
    return nullptr;
}

} // namespace topolab::runtime
