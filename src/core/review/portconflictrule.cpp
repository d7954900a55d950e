#include "portconflictrule.h"

#include "core/kindcatalog.h"
#include "core/topology.h"
#include "reviewtext.h"

#include <QMap>

namespace topolab::core {

QList<Finding> PortConflictRule::check(const Topology &topology) const
{
    QMap<int, QStringList> listeners;
    for (const Node &node : topology.nodes()) {
        if (KindCatalog::listens(node.kind))
            listeners[topology.property(node.id, PropertyKey::port).toInt()].append(node.id);
    }
    QList<Finding> findings;
    for (auto it = listeners.cbegin(); it != listeners.cend(); ++it) {
        if (it->size() < 2)
            continue;
        const QString names = ReviewText::nodeNames(topology, *it);
        findings.append({id(), Severity::Error, *it,
                         tr("Port %1 is used %2 times").arg(it.key()).arg(it->size()),
                         tr("%1 all listen on port %2 of this machine; only the first to start "
                            "gets it, the others fail.")
                             .arg(names)
                             .arg(it.key()),
                         tr("Give each of them its own port in the inspector.")});
    }
    return findings;
}

} // namespace topolab::core
