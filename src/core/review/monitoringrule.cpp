#include "monitoringrule.h"

#include "core/topology.h"
#include "core/topologygraph.h"
#include "reviewtext.h"

#include <QSet>

namespace topolab::core {

QList<Finding> MonitoringRule::check(const Topology &topology) const
{
    const auto monitors = topology.nodesOfKind(NodeKind::Monitoring);
    QSet<QString> watched;
    for (const Node *monitor : monitors) {
        for (const Link &link : topology.linksFrom(monitor->id))
            watched.insert(link.to);
    }
    QStringList unwatched;
    for (const Node &node : topology.nodes()) {
        if (TopologyGraph::isServer(node.kind) && !watched.contains(node.id))
            unwatched.append(node.id);
    }
    if (unwatched.isEmpty())
        return {};
    if (monitors.isEmpty())
        return {{id(), Severity::Warning, unwatched, tr("No monitoring"),
                 tr("Nothing collects metrics or logs from the servers: a failing server, a "
                    "full disk or a slow query goes unnoticed until users complain."),
                 tr("Add a monitoring agent and link it to every server, so it collects request "
                    "rates, latency, errors and database metrics.")}};
    const QString names = ReviewText::nodeNames(topology, unwatched);
    return {{id(), Severity::Warning, unwatched, tr("%1 not monitored").arg(names),
             tr("No monitoring agent is linked to %1, so its failures go unnoticed.").arg(names),
             tr("Link a monitoring agent to %1.").arg(names)}};
}

} // namespace topolab::core
