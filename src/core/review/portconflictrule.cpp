#include "portconflictrule.h"

#include "core/kindcatalog.h"
#include "core/lab/balancerpair.h"
#include "core/topology.h"
#include "reviewtext.h"

#include <QMap>

namespace topolab::core {

QList<Finding> PortConflictRule::check(const Topology &topology) const
{
    // A group is one machine; nodes outside any group share the one machine drawn without frames.
    QMap<std::pair<QString, int>, QStringList> listeners;
    // A standby shares the active balancer's address and port: it is reached only through the
    // floating IP, on a machine of its own, and never runs beside the active one.
    const QString standby = BalancerPair::of(topology).standby;
    for (const Node &node : topology.nodes()) {
        if (node.id == standby)
            continue;
        // An external database listens on its own machine, not on this one.
        const bool external = topology.property(node.id, PropertyKey::external).toBool();
        if (KindCatalog::listens(node.kind) && !external)
            listeners[{node.group, topology.property(node.id, PropertyKey::port).toInt()}].append(
                node.id);
    }
    QList<Finding> findings;
    for (auto it = listeners.cbegin(); it != listeners.cend(); ++it) {
        if (it->size() < 2)
            continue;
        const QString port = QString::number(it.key().second);
        const QString machine =
            it.key().first.isEmpty() ? tr("the same machine") : tr("\"%1\"").arg(it.key().first);
        findings.append(
            {id(), Severity::Error, *it,
             tr("Port %1 is used %2 times on %3").arg(port, QString::number(it->size()), machine),
             tr("%1 all listen on port %2 of %3; only the first to start gets it, the others "
                "fail.")
                 .arg(ReviewText::nodeNames(topology, *it), port, machine),
             tr("Give each of them its own port in the inspector, or put them on different "
                "machines (groups).")});
    }
    return findings;
}

} // namespace topolab::core
