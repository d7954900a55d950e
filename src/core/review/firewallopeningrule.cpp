#include "firewallopeningrule.h"

#include "core/kindcatalog.h"
#include "core/lab/firewallrulelist.h"
#include "core/topology.h"

using namespace Qt::StringLiterals;

namespace topolab::core {

namespace {

using Place = FirewallRuleList::Place;

// What a rule opens, in words; empty for a place the internet is meant to reach or that is not
// behind the firewall.
QString behind(const FirewallRuleList::Endpoint &to)
{
    switch (to.place) {
    case Place::Databases:
        return FirewallOpeningRule::tr("the databases");
    case Place::Servers:
    case Place::Apps:
        return FirewallOpeningRule::tr("the servers");
    case Place::Balancers:
        return FirewallOpeningRule::tr("the balancers' own addresses");
    case Place::Any:
        return FirewallOpeningRule::tr("every machine behind it");
    case Place::Address:
        return to.address;
    case Place::Internet:
    case Place::Public:
        break;
    }
    return {};
}

} // namespace

QList<Finding> FirewallOpeningRule::check(const Topology &topology) const
{
    QList<Finding> findings;
    for (const Node *firewall : topology.nodesOfKind(NodeKind::Firewall)) {
        if (topology.property(firewall->id, u"defaultPolicy"_s).toString() == u"allow"_s)
            findings.append({id(),
                             Severity::Warning,
                             {firewall->id},
                             tr("\"%1\" lets everything in").arg(firewall->name),
                             tr("Its default policy is allow: whatever the internet sends passes "
                                "to every machine behind it, the databases' ports included."),
                             tr("Set its Default policy to deny, and allow only the web ports "
                                "to the public address.")});
        const auto parsed =
            FirewallRuleList::parse(topology.property(firewall->id, PropertyKey::rules).toString());
        const auto *rules = std::get_if<QList<FirewallRuleList::Rule>>(&parsed);
        if (!rules)
            continue; // firewall-syntax says why
        for (qsizetype i = 0; i < rules->size(); ++i) {
            const FirewallRuleList::Rule &rule = rules->at(i);
            const bool fromOutside =
                rule.from.place == Place::Internet || rule.from.place == Place::Any;
            const QString opened = behind(rule.to);
            if (rule.action != FirewallRuleList::Action::Allow || !fromOutside || opened.isEmpty())
                continue;
            findings.append(
                {id(),
                 Severity::Warning,
                 {firewall->id},
                 tr("\"%1\" lets the internet reach %2").arg(firewall->name, opened),
                 tr("Rule %1 (\"%2\") allows %3 from %4 to %5.")
                     .arg(i + 1)
                     .arg(rule.text, rule.protocol,
                          rule.from.place == Place::Internet ? tr("the internet") : tr("anyone"),
                          opened),
                 tr("Let the internet reach only the public address (to public); name the "
                    "machines behind the firewall that may connect (from app, from servers).")});
        }
    }
    return findings;
}

} // namespace topolab::core
