#include "duplicatelinkrule.h"

#include "core/topology.h"

#include <QMap>

namespace topolab::core {

QList<Finding> DuplicateLinkRule::check(const Topology &topology) const
{
    QMap<std::pair<QString, QString>, QStringList> linksByEnds;
    for (const Link &link : topology.links())
        linksByEnds[{link.from, link.to}].append(link.id);
    QList<Finding> findings;
    for (auto it = linksByEnds.cbegin(); it != linksByEnds.cend(); ++it) {
        if (it->size() < 2)
            continue;
        const QString from = topology.node(it.key().first)->name;
        const QString to = topology.node(it.key().second)->name;
        findings.append({id(),
                         Severity::Warning,
                         {it.key().first, it.key().second},
                         tr("%1 links from \"%2\" to \"%3\"").arg(it->size()).arg(from, to),
                         tr("Links %1 all connect \"%2\" to \"%3\"; extra copies add nothing and "
                            "make the drawing misleading.")
                             .arg(it->join(QStringLiteral(", ")), from, to),
                         tr("Delete all but one of them.")});
    }
    return findings;
}

} // namespace topolab::core
