#include "balancerpair.h"

#include "core/kindcatalog.h"
#include "core/topology.h"

namespace topolab::core {

BalancerPair BalancerPair::of(const Topology &topology)
{
    BalancerPair pair;
    const QList<const Node *> balancers = topology.nodesOfKind(NodeKind::LoadBalancer);
    const auto isStandby = [&](const Node *node) {
        return topology.property(node->id, PropertyKey::standby).toBool();
    };
    for (const Node *node : balancers) {
        if (!isStandby(node)) {
            pair.active = node->id;
            break;
        }
    }
    if (pair.active.isEmpty() && !balancers.isEmpty())
        pair.active = balancers.first()->id;
    for (const Node *node : balancers) {
        if (node->id == pair.active)
            continue;
        if (pair.standby.isEmpty() && isStandby(node))
            pair.standby = node->id;
        else
            pair.others.append(node->id);
    }
    return pair;
}

} // namespace topolab::core
