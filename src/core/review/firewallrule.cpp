#include "firewallrule.h"

#include "core/topology.h"
#include "core/topologygraph.h"
#include "reviewtext.h"

namespace topolab::core {

QList<Finding> FirewallRule::check(const Topology &topology) const
{
    QStringList exposed;
    for (const Node *server : TopologyGraph::frontServers(topology, false))
        exposed.append(server->id);
    if (exposed.isEmpty())
        return {};
    const QString names = ReviewText::nodeNames(topology, exposed);
    return {{id(), Severity::Warning, exposed, tr("No firewall in front of %1").arg(names),
             tr("Requests from the Internet reach %1 directly. Every port the machine opens "
                "(the database, SSH, admin pages) can be reached too.")
                 .arg(names),
             tr("Put a firewall in front of %1 that allows only ports 80 and 443, and give each "
                "server its own host firewall.")
                 .arg(names)}};
}

} // namespace topolab::core
