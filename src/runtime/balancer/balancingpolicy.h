#pragma once

#include "core/balancingalgorithm.h"

#include <QByteArray>
#include <QSet>
#include <QString>
#include <memory>
#include <optional>
#include <span>

namespace topolab::runtime {

// What a policy may know about a backend when it picks one.
struct BackendStatus {
    QString name;
    int weight = 1;
    bool healthy = true;
    int activeRequests = 0;
    // False while the operator drains it or has it in maintenance, or its weight is 0.
    bool accepting = true;
};

// The request being placed: who sent it, and which backends already failed it.
struct PickContext {
    QByteArray clientAddress;
    QSet<int> excluded;
};

// Chooses the backend for each request. Policies are deterministic given their inputs, so tests
// can check exact sequences; the balancer calls them on one thread only.
class BalancingPolicy {
public:
    virtual ~BalancingPolicy() = default;
    virtual core::BalancingAlgorithm algorithm() const = 0;
    // The index of the chosen backend, or nothing when no healthy, non-excluded backend is left.
    virtual std::optional<int> pick(std::span<const BackendStatus> backends,
                                    const PickContext &context) = 0;

    static bool eligible(std::span<const BackendStatus> backends, int index,
                         const PickContext &context)
    {
        const BackendStatus &backend = backends[static_cast<size_t>(index)];
        return backend.healthy && backend.accepting && !context.excluded.contains(index);
    }

protected:
    BalancingPolicy() = default;
    BalancingPolicy(const BalancingPolicy &) = default;
    BalancingPolicy &operator=(const BalancingPolicy &) = default;
};

std::unique_ptr<BalancingPolicy> makeBalancingPolicy(core::BalancingAlgorithm algorithm);

} // namespace topolab::runtime
