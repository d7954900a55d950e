#include "balancerpairrule.h"

#include "core/kindcatalog.h"
#include "core/lab/balancerpair.h"
#include "core/topology.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace topolab::core {

namespace {

QSet<QString> serversOf(const Topology &topology, const QString &balancer)
{
    QSet<QString> servers;
    for (const Link &link : topology.linksFrom(balancer)) {
        if (topology.node(link.to)->kind == NodeKind::WebServer)
            servers.insert(link.to);
    }
    return servers;
}

} // namespace

QList<Finding> BalancerPairRule::check(const Topology &topology) const
{
    QList<Finding> findings;
    const BalancerPair pair = BalancerPair::of(topology);
    for (const QString &id : pair.others) {
        if (!topology.property(id, PropertyKey::standby).toBool())
            continue;
        const Node *extra = topology.node(id);
        findings.append({this->id(), Severity::Warning, {id},
                         tr("\"%1\" is a second standby").arg(extra->name),
                         tr("A floating IP is shared by one active balancer and one standby; "
                            "\"%1\" is not run.")
                             .arg(extra->name),
                         tr("Clear \"Standby of the active balancer\" on \"%1\", or remove it.")
                             .arg(extra->name)});
    }
    if (!pair.isPair())
        return findings;
    const Node *active = topology.node(pair.active);
    const Node *standby = topology.node(pair.standby);
    if (topology.property(active->id, PropertyKey::standby).toBool())
        findings.append({id(), Severity::Warning, {active->id},
                         tr("Every balancer is marked standby"),
                         tr("\"%1\" acts as the active balancer of the pair although it is "
                            "marked standby.")
                             .arg(active->name),
                         tr("Clear \"Standby of the active balancer\" on \"%1\".")
                             .arg(active->name)});
    const int activePriority = topology.property(active->id, PropertyKey::priority).toInt();
    const int standbyPriority = topology.property(standby->id, PropertyKey::priority).toInt();
    if (standbyPriority >= activePriority)
        findings.append(
            {id(), Severity::Error, {standby->id, active->id},
             tr("Standby \"%1\" does not have a lower VRRP priority than \"%2\"")
                 .arg(standby->name, active->name),
             tr("The balancer with the higher priority holds the floating IP (at equal ones, the "
                "higher address), so \"%1\" at %2 against %3 would take it from the active "
                "balancer.")
                 .arg(standby->name)
                 .arg(standbyPriority)
                 .arg(activePriority),
             tr("Give \"%1\" a priority below %2, such as %3.")
                 .arg(standby->name)
                 .arg(activePriority)
                 .arg(std::max(1, activePriority - 50))});
    // One address for the pair, the active balancer's: a standby's own is never used.
    const QString activeFloating =
        topology.property(active->id, PropertyKey::floatingIp).toString().trimmed();
    const QString standbyFloating =
        topology.property(standby->id, PropertyKey::floatingIp).toString().trimmed();
    if (!standbyFloating.isEmpty() && standbyFloating != activeFloating)
        findings.append(
            {id(),
             Severity::Warning,
             {standby->id, active->id},
             tr("Standby \"%1\" names another floating IP than \"%2\"")
                 .arg(standby->name, active->name),
             tr("The pair shares the active balancer's floating IP (%1); the standby's %2 is "
                "not used.")
                 .arg(activeFloating.isEmpty() ? tr("chosen by Topolab") : activeFloating,
                      standbyFloating),
             tr("Give \"%1\" the same floating IP as \"%2\", or clear it.")
                 .arg(standby->name, active->name)});
    const QSet<QString> activeServers = serversOf(topology, active->id);
    const QSet<QString> standbyServers = serversOf(topology, standby->id);
    QStringList missing;
    for (const QString &server : activeServers) {
        if (!standbyServers.contains(server))
            missing.append(u"\"%1\""_s.arg(topology.node(server)->name));
    }
    missing.sort();
    if (!missing.isEmpty())
        findings.append(
            {id(), Severity::Warning, {standby->id},
             tr("Standby \"%1\" is not linked to every server of \"%2\"")
                 .arg(standby->name, active->name),
             tr("After a failover the site is served by the active balancer's servers through "
                "\"%1\", which the drawing does not link to %2.")
                 .arg(standby->name, missing.join(u", "_s)),
             tr("Link \"%1\" to the same web servers as \"%2\".").arg(standby->name, active->name)});
    return findings;
}

} // namespace topolab::core
