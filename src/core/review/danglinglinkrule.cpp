#include "danglinglinkrule.h"

#include "core/topology.h"
#include "core/topologygraph.h"

namespace topolab::core {

QList<Finding> DanglingLinkRule::check(const Topology &topology) const
{
    if (topology.nodes().size() < 2)
        return {};
    const QSet<QString> reached =
        TopologyGraph::reachableFrom(topology, TopologyGraph::entryPoints(topology));
    QList<Finding> findings;
    for (const Node &node : topology.nodes()) {
        const bool linked =
            !topology.linksFrom(node.id).isEmpty() || !topology.linksTo(node.id).isEmpty();
        if (!linked) {
            findings.append(
                {id(),
                 Severity::Warning,
                 {node.id},
                 tr("\"%1\" is not connected").arg(node.name),
                 tr("\"%1\" has no links, so it takes no part in the design.").arg(node.name),
                 tr("Link it to the nodes it serves or depends on, or delete it.")});
            continue;
        }
        // Monitoring agents are sources of their own: nothing needs to route requests to them.
        if (node.kind == NodeKind::Monitoring || reached.contains(node.id))
            continue;
        findings.append({id(),
                         Severity::Warning,
                         {node.id},
                         tr("No request reaches \"%1\"").arg(node.name),
                         tr("No path of links leads from DNS or a client to \"%1\", so it and "
                            "the links it starts carry no traffic.")
                             .arg(node.name),
                         tr("Link \"%1\" from the tier in front of it (for a web server, the load "
                            "balancer), or delete it.")
                             .arg(node.name)});
    }
    return findings;
}

} // namespace topolab::core
