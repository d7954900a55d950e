#pragma once

#include "balancingalgorithm.h"
#include "lab/firewallrulelist.h"
#include "topology.h"

#include <variant>

namespace topolab::core {

// What running a design on this machine means, as a plain value: one balancer in front of web/app
// workers, and a MySQL primary with an optional replica. Derived from a Topology by fromTopology();
// the runtime's controller starts exactly this.
struct ClusterPlan {
    struct Balancer {
        QString nodeId;
        QString name;
        int port = 8080;
        BalancingAlgorithm algorithm = BalancingAlgorithm::RoundRobin;
        int healthIntervalMs = 1000;
        int healthRise = 2;
        int healthFall = 2;
        QString address; // on the lab's private network (LabAddresses)
        int priority = 150; // VRRP, in a pair
        bool preempt = true;
    };
    struct Worker {
        QString nodeId;    // the web server node
        QString appNodeId; // its application server, if any
        QString name;      // "server-1": what X-Served-By says
        QString label;     // "Server 1": as the card (or its server frame) says
        int port = 0;
        int weight = 1;
        QString site;        // the codebase's site folder name
        bool hasApp = false; // serves /api/ (an application server with a database)
        QString address;
    };
    struct Database {
        QString nodeId;
        QString name;
        int port = 0;
        // An existing server that Topolab connects to but does not start.
        bool external = false;
        QString host;
        QString user;
        QString schema;
        QString address; // in the lab; empty for an external server
    };
    // The firewall between the internet and the balancer, enforced in the lab.
    struct Firewall {
        QString nodeId;
        QString name;
        QString address; // its inside, the private network's gateway
        QList<int> publicPorts;
        bool dropByDefault = true;
        QList<FirewallRuleList::Rule> rules;
        // Why its rules do not parse (the review's error); a forced run keeps it closed.
        QStringList ruleErrors;
    };

    QString designName;
    Balancer balancer;
    // The active balancer's standby, in front of the same servers, with the floating IP the two
    // share (VRRP decides which holds it).
    std::optional<Balancer> standby;
    QString floatingAddress;
    QList<Worker> workers;
    std::optional<Database> primary;
    std::optional<Database> replica;
    std::optional<Firewall> firewall;
    // Parts of the design this machine does not run, said plainly (a third balancer, a firewall
    // that is not in front of the balancers).
    QStringList notRun;
    // Every node's name as the design shows it, so that messages name what the user sees.
    QHash<QString, QString> nodeNames;

    QString nodeName(const QString &nodeId) const { return nodeNames.value(nodeId, nodeId); }
    // The balancer (active or standby) of the node `nodeId`, or nullptr.
    const Balancer *balancerOf(const QString &nodeId) const;
    // The server behind the balancer that `nodeId` (its web or application server) belongs to.
    const Worker *serverOf(const QString &nodeId) const;
    // The server the balancer calls `name` ("server-1"), or whose label is `name` ("Server 1",
    // in any case).
    const Worker *serverNamed(const QString &name) const;

    // The plan, or why the design cannot run (no balancer, no web server behind it, …).
    static std::variant<ClusterPlan, QString> fromTopology(const Topology &topology);
};

} // namespace topolab::core
