#include "firewallsyntaxrule.h"

#include "core/kindcatalog.h"
#include "core/lab/firewallrulelist.h"
#include "core/topology.h"

using namespace Qt::StringLiterals;

namespace topolab::core {

QList<Finding> FirewallSyntaxRule::check(const Topology &topology) const
{
    QList<Finding> findings;
    for (const Node *firewall : topology.nodesOfKind(NodeKind::Firewall)) {
        const auto parsed = FirewallRuleList::parse(
            topology.property(firewall->id, PropertyKey::rules).toString());
        const auto *errors = std::get_if<QStringList>(&parsed);
        if (!errors)
            continue;
        for (const QString &error : *errors)
            findings.append({id(), Severity::Error, {firewall->id},
                             tr("A rule of \"%1\" does not parse").arg(firewall->name),
                             tr("%1 of \"%2\".").arg(error, firewall->name),
                             tr("Write it as: %1.").arg(FirewallRuleList::syntax())});
    }
    return findings;
}

} // namespace topolab::core
