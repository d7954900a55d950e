#include "backendcountrule.h"

#include "core/topology.h"
#include "core/topologygraph.h"

namespace topolab::core {

QList<Finding> BackendCountRule::check(const Topology &topology) const
{
    QList<Finding> findings;
    for (const Node *balancer : topology.nodesOfKind(NodeKind::LoadBalancer)) {
        QStringList backends;
        for (const Link &link : topology.linksFrom(balancer->id)) {
            if (TopologyGraph::isHttpServer(topology.node(link.to)->kind) &&
                !backends.contains(link.to))
                backends.append(link.to);
        }
        if (backends.size() >= 2)
            continue;
        if (backends.isEmpty()) {
            findings.append({id(),
                             Severity::Error,
                             {balancer->id},
                             tr("\"%1\" has no backend").arg(balancer->name),
                             tr("The load balancer has no web or application server to send "
                                "requests to, so every request fails with 503."),
                             tr("Link it to at least two web servers.")});
            continue;
        }
        findings.append({id(),
                         Severity::Warning,
                         {balancer->id, backends.first()},
                         tr("\"%1\" has only one backend").arg(balancer->name),
                         tr("With a single backend there is nothing to balance, and when \"%1\" "
                            "fails the balancer has nowhere to send requests.")
                             .arg(topology.node(backends.first())->name),
                         tr("Add a second web server and link the balancer to it.")});
    }
    return findings;
}

} // namespace topolab::core
