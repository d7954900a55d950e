#include "clusterplan.h"

#include "kindcatalog.h"
#include "lab/balancerpair.h"
#include "lab/labaddresses.h"
#include "topologygraph.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace topolab::core {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ClusterPlan)
};

QString slug(const QString &text)
{
    static const QRegularExpression notAllowed(u"[^a-z0-9]+"_s);
    QString result = text.toLower().replace(notAllowed, u"-"_s);
    while (result.startsWith(u'-'))
        result.remove(0, 1);
    while (result.endsWith(u'-'))
        result.chop(1);
    return result;
}

const Node *firstTarget(const Topology &topology, const QString &from, NodeKind kind)
{
    for (const Link &link : topology.linksFrom(from)) {
        const Node *target = topology.node(link.to);
        if (target->kind == kind)
            return target;
    }
    return nullptr;
}

QList<const Node *> targets(const Topology &topology, const QString &from, NodeKind kind)
{
    QList<const Node *> found;
    for (const Link &link : topology.linksFrom(from)) {
        const Node *target = topology.node(link.to);
        if (target->kind == kind)
            found.append(target);
    }
    return found;
}

bool isRole(const Topology &topology, const Node *node, const QString &role)
{
    return topology.property(node->id, PropertyKey::role).toString() == role;
}

} // namespace

std::variant<ClusterPlan, QString> ClusterPlan::fromTopology(const Topology &topology)
{
    ClusterPlan plan;
    plan.designName = topology.name();
    const LabAddresses addresses(topology);
    const BalancerPair pair = BalancerPair::of(topology);
    if (pair.active.isEmpty())
        return Tr::tr("The design has no load balancer to run. Add one and link it to the web "
                      "servers.");
    const Node *lb = topology.node(pair.active);
    for (const QString &other : pair.others)
        plan.notRun.append(Tr::tr("load balancer \"%1\" (one active balancer and its standby run "
                                  "on this machine)")
                               .arg(topology.node(other)->name));
    const auto balancer = [&](const Node *node) {
        const auto value = [&](const QString &key) { return topology.property(node->id, key); };
        return Balancer{
            node->id, node->name, value(PropertyKey::port).toInt(),
            // The property is one of the names: the topology refuses anything else.
            balancingAlgorithmFromName(value(PropertyKey::algorithm).toString())
                .value_or(BalancingAlgorithm::RoundRobin),
            value(u"healthIntervalMs"_s).toInt(), value(u"healthRise"_s).toInt(),
            value(u"healthFall"_s).toInt(), addresses.of(node->id),
            value(PropertyKey::priority).toInt(), value(PropertyKey::preempt).toBool()};
    };
    plan.balancer = balancer(lb);
    if (pair.isPair()) {
        plan.standby = balancer(topology.node(pair.standby));
        plan.floatingAddress = addresses.floating();
    }

    QSet<QString> names;
    for (const Node *web : targets(topology, lb->id, NodeKind::WebServer)) {
        Worker worker;
        worker.nodeId = web->id;
        worker.label = web->group.isEmpty() ? web->name : web->group;
        QString name = slug(worker.label);
        if (name.isEmpty() || names.contains(name)) {
            name = web->id;
            worker.label = web->name;
        }
        names.insert(name);
        worker.name = name;
        worker.port = topology.property(web->id, PropertyKey::port).toInt();
        worker.weight = topology.property(web->id, PropertyKey::weight).toInt();
        worker.address = addresses.of(web->id);
        const Node *app = firstTarget(topology, web->id, NodeKind::AppServer);
        const Node *code = firstTarget(topology, web->id, NodeKind::Codebase);
        if (!code && app)
            code = firstTarget(topology, app->id, NodeKind::Codebase);
        worker.site = code ? topology.property(code->id, u"root"_s).toString() : u"foobar"_s;
        if (app) {
            worker.appNodeId = app->id;
            worker.hasApp = !targets(topology, app->id, NodeKind::Database).isEmpty();
        }
        plan.workers.append(worker);
    }
    if (plan.workers.isEmpty())
        return Tr::tr("Load balancer \"%1\" has no web server behind it. Link it to the web "
                      "servers it should balance.")
            .arg(lb->name);

    for (const Node *database : topology.nodesOfKind(NodeKind::Database)) {
        const auto value = [&](const QString &key) { return topology.property(database->id, key); };
        const Database entry{database->id,
                             database->name,
                             value(PropertyKey::port).toInt(),
                             value(PropertyKey::external).toBool(),
                             value(u"host"_s).toString(),
                             value(u"user"_s).toString(),
                             value(u"schema"_s).toString(),
                             addresses.of(database->id)};
        if (isRole(topology, database, DatabaseRole::primary) && !plan.primary)
            plan.primary = entry;
        else if (isRole(topology, database, DatabaseRole::replica) && !plan.replica)
            plan.replica = entry;
        else
            plan.notRun.append(Tr::tr("database \"%1\" (one primary and one replica run on this "
                                      "machine)")
                                   .arg(database->name));
    }
    for (const Node *firewall : topology.nodesOfKind(NodeKind::Firewall)) {
        const QList<Link> out = topology.linksFrom(firewall->id);
        const bool inFront = std::any_of(out.cbegin(), out.cend(), [&](const Link &link) {
            return link.to == lb->id || link.to == pair.standby;
        });
        if (!inFront || plan.firewall) {
            plan.notRun.append(Tr::tr("firewall \"%1\" (only a firewall linked to the balancer "
                                      "\"%2\" is enforced)")
                                   .arg(firewall->name, lb->name));
            continue;
        }
        Firewall entry{firewall->id,
                       firewall->name,
                       addresses.of(firewall->id),
                       {},
                       topology.property(firewall->id, u"defaultPolicy"_s).toString() != u"allow"_s,
                       {},
                       {}};
        for (const QString &port :
             topology.property(firewall->id, u"allowPorts"_s).toString().split(u','))
            entry.publicPorts.append(port.trimmed().toInt());
        // The review refuses rules that do not parse; a forced run keeps the firewall closed.
        const auto rules =
            FirewallRuleList::parse(topology.property(firewall->id, PropertyKey::rules).toString());
        if (const auto *parsed = std::get_if<QList<FirewallRuleList::Rule>>(&rules))
            entry.rules = *parsed;
        else
            entry.ruleErrors = std::get<QStringList>(rules);
        plan.firewall = entry;
    }
    for (const Node &node : topology.nodes())
        plan.nodeNames.insert(node.id, node.name);
    return plan;
}

const ClusterPlan::Balancer *ClusterPlan::balancerOf(const QString &nodeId) const
{
    if (nodeId == balancer.nodeId)
        return &balancer;
    return standby && standby->nodeId == nodeId ? &*standby : nullptr;
}

const ClusterPlan::Worker *ClusterPlan::serverOf(const QString &nodeId) const
{
    if (nodeId.isEmpty())
        return nullptr;
    for (const Worker &worker : workers) {
        if (worker.nodeId == nodeId || worker.appNodeId == nodeId)
            return &worker;
    }
    return nullptr;
}

const ClusterPlan::Worker *ClusterPlan::serverNamed(const QString &name) const
{
    for (const Worker &worker : workers) {
        if (worker.name == name || worker.label.compare(name, Qt::CaseInsensitive) == 0)
            return &worker;
    }
    return nullptr;
}

} // namespace topolab::core
