#pragma once

#include <QStringList>
#include <optional>

namespace topolab::core {

// How a load balancer chooses a server for each request: the balancer's "algorithm" property,
// which the runtime's policies, the exports and the command line all name the same way.
enum class BalancingAlgorithm { RoundRobin, Weighted, LeastConnections, IpHash };

inline constexpr BalancingAlgorithm kBalancingAlgorithms[] = {
    BalancingAlgorithm::RoundRobin, BalancingAlgorithm::Weighted,
    BalancingAlgorithm::LeastConnections, BalancingAlgorithm::IpHash};

// "round-robin", "weighted", "least-connections", "ip-hash": as design files store them.
inline QString balancingAlgorithmName(BalancingAlgorithm algorithm)
{
    switch (algorithm) {
    case BalancingAlgorithm::RoundRobin:
        return QStringLiteral("round-robin");
    case BalancingAlgorithm::Weighted:
        return QStringLiteral("weighted");
    case BalancingAlgorithm::LeastConnections:
        return QStringLiteral("least-connections");
    case BalancingAlgorithm::IpHash:
        return QStringLiteral("ip-hash");
    }
    return {};
}

inline std::optional<BalancingAlgorithm> balancingAlgorithmFromName(QStringView name)
{
    for (BalancingAlgorithm algorithm : kBalancingAlgorithms) {
        if (name == balancingAlgorithmName(algorithm))
            return algorithm;
    }
    return std::nullopt;
}

inline QStringList balancingAlgorithmNames()
{
    QStringList names;
    for (BalancingAlgorithm algorithm : kBalancingAlgorithms)
        names.append(balancingAlgorithmName(algorithm));
    return names;
}

} // namespace topolab::core
