#include "singlepointoffailurerule.h"

#include "core/kindcatalog.h"
#include "core/topology.h"
#include "core/topologygraph.h"

#include <QSet>

namespace topolab::core {

QList<Finding> SinglePointOfFailureRule::check(const Topology &topology) const
{
    QList<Finding> findings;
    // Only nodes that requests can reach take part: a second balancer dropped on the canvas but
    // not yet linked is no redundancy. Without any entry point every node counts.
    const QStringList entries = TopologyGraph::entryPoints(topology);
    const QSet<QString> inPath = TopologyGraph::reachableFrom(topology, entries);
    const auto serving = [&](NodeKind kind) {
        QList<const Node *> nodes = topology.nodesOfKind(kind);
        if (!entries.isEmpty())
            nodes.removeIf([&](const Node *node) { return !inPath.contains(node->id); });
        return nodes;
    };

    auto balancers = serving(NodeKind::LoadBalancer);
    balancers.removeIf([&](const Node *node) { return topology.linksFrom(node->id).isEmpty(); });
    if (balancers.size() == 1) {
        const Node *balancer = balancers.first();
        findings.append(
            {id(),
             Severity::Warning,
             {balancer->id},
             tr("Load balancer \"%1\" is a single point of failure").arg(balancer->name),
             tr("Every request passes through \"%1\". If it stops, the site is down even though "
                "the servers behind it are healthy.")
                 .arg(balancer->name),
             tr("Add a second load balancer: a pair in active-passive mode sharing a floating IP "
                "(keepalived/VRRP), or active-active behind DNS.")});
    }

    QList<const Node *> primaries;
    for (const Node *database : serving(NodeKind::Database)) {
        if (topology.property(database->id, PropertyKey::role) == DatabaseRole::primary)
            primaries.append(database);
    }
    if (primaries.size() == 1) {
        const Node *primary = primaries.first();
        findings.append(
            {id(),
             Severity::Warning,
             {primary->id},
             tr("Primary \"%1\" is a single point of failure for writes").arg(primary->name),
             tr("Only \"%1\" accepts writes. If it fails, replicas keep serving reads but every "
                "write fails until a replica is promoted.")
                 .arg(primary->name),
             tr("Automate failover so a replica is promoted when the primary fails, or run a "
                "multi-primary cluster such as Galera.")});
    }

    // A lone firewall that requests pass through is as fatal as a lone balancer.
    const auto firewalls = serving(NodeKind::Firewall);
    if (firewalls.size() == 1 && inPath.contains(firewalls.first()->id) &&
        !topology.linksFrom(firewalls.first()->id).isEmpty()) {
        const Node *firewall = firewalls.first();
        findings.append({id(),
                         Severity::Warning,
                         {firewall->id},
                         tr("Firewall \"%1\" is a single point of failure").arg(firewall->name),
                         tr("Every request passes through \"%1\". If it fails or a rule change "
                            "goes wrong, the whole site is unreachable.")
                             .arg(firewall->name),
                         tr("Run a second firewall in a failover pair, or give each server its "
                            "own host firewall instead of one in front of all.")});
    }

    const struct {
        NodeKind kind;
        const char *tier;
    } tiers[] = {{NodeKind::WebServer, QT_TR_NOOP("web")},
                 {NodeKind::AppServer, QT_TR_NOOP("application")}};
    for (const auto &tier : tiers) {
        const auto nodes = serving(tier.kind);
        if (nodes.size() != 1)
            continue;
        const Node *only = nodes.first();
        findings.append(
            {id(),
             Severity::Warning,
             {only->id},
             tr("The %1 tier is a single server, \"%2\"").arg(tr(tier.tier), only->name),
             tr("All %1 requests depend on \"%2\"; when it fails or is being updated, "
                "they all fail.")
                 .arg(tr(tier.tier), only->name),
             tr("Add a second %1 server behind the load balancer.").arg(tr(tier.tier))});
    }
    return findings;
}

} // namespace topolab::core
