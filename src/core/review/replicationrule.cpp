#include "replicationrule.h"

#include "core/kindcatalog.h"
#include "core/topology.h"

namespace topolab::core {

QList<Finding> ReplicationRule::check(const Topology &topology) const
{
    QList<Finding> findings;
    for (const Node *database : topology.nodesOfKind(NodeKind::Database)) {
        if (topology.property(database->id, PropertyKey::role) != DatabaseRole::replica)
            continue;
        const QList<Link> incoming = topology.linksTo(database->id);
        // LinkRules only lets a primary link to a database, so any database source is a primary.
        const bool replicates = std::any_of(incoming.cbegin(), incoming.cend(), [&](const Link &l) {
            return topology.node(l.from)->kind == NodeKind::Database;
        });
        if (replicates)
            continue;
        findings.append(
            {id(),
             Severity::Error,
             {database->id},
             tr("Replica \"%1\" has no primary").arg(database->name),
             tr("A replica copies every write from its primary. With no primary "
                "linked to it, it never receives data and its reads are empty."),
             tr("Draw a link from the primary database to \"%1\".").arg(database->name)});
    }
    return findings;
}

} // namespace topolab::core
