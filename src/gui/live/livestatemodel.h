#pragma once

#include "core/clusterplan.h"
#include "gui/charts/serverseries.h"
#include "runtime/cluster/nodestate.h"
#include "runtime/metrics/metricssnapshot.h"

#include <QHash>
#include <QObject>

namespace topolab::gui {

// The one place the window keeps what the running cluster is doing: each node's state and its
// reason, and each server's live figures as the balancer last reported them. The canvas, the
// inspector, the backend table and the status bar observe it; none keeps a copy of its own.
class LiveStateModel final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveStateModel)

public:
    // A server behind the balancer, and its newest figures.
    struct Server {
        ServerSeries series; // backend name, label, colour
        QString nodeId;      // its web server node
        QString appNodeId;   // its application server node, if any
        runtime::MetricsSnapshot::Backend live;
        // When `live` was sampled, on the balancer's clock.
        qint64 sampledMs = -1;
    };

    explicit LiveStateModel(QObject *parent = nullptr);

    // A run of `plan` begins: every node it runs is starting.
    void begin(const core::Topology &topology, const core::ClusterPlan &plan);
    void setState(const QString &nodeId, runtime::NodeState state, const QString &reason);
    // The start failed: the nodes down now stay marked after the run ends, until the next.
    void keepFailures();
    void setTraffic(const runtime::MetricsSnapshot &traffic);
    // Packets the firewall dropped since start; -1 without a firewall that runs.
    void setFirewallDrops(qint64 drops);
    qint64 firewallDrops() const { return m_firewallDrops; }
    // The run is over: no node has a state any more.
    void end();

    const core::Topology &topology() const { return m_topology; }
    // In a lab: each machine's address on the private network ("" for a node that is none).
    void setAddresses(const QHash<QString, QString> &addresses);
    QString address(const QString &nodeId) const { return m_addresses.value(nodeId); }
    const core::ClusterPlan &plan() const { return m_plan; }
    bool runsNode(const QString &nodeId) const { return m_states.contains(nodeId); }
    QStringList nodeIds() const { return m_states.keys(); }
    runtime::NodeState state(const QString &nodeId) const;
    QString reason(const QString &nodeId) const { return m_reasons.value(nodeId); }
    // "healthy", or "down: port 8081 is busy …": the state with its reason.
    QString describe(const QString &nodeId) const;
    // The nodes the last start failed, with why, kept until the next start.
    const QHash<QString, QString> &failedAtStart() const { return m_failedAtStart; }
    QString nodeName(const QString &nodeId) const { return m_plan.nodeName(nodeId); }

    const QList<Server> &servers() const { return m_servers; }
    ServerList serverSeries() const;
    // The servers `plan` runs as the charts show them, each with its colour.
    static ServerList seriesOf(const core::ClusterPlan &plan);
    // The server `nodeId` (its web or application server) belongs to; null for other nodes.
    const Server *serverOf(const QString &nodeId) const;
    // The label of the balancer's backend ("server-2" → "Server 2").
    QString serverLabel(const QString &backend) const;
    // Whether the balancer sends requests to this server now (healthy, ready, weight above 0).
    bool balancerUses(const QString &backend) const;
    // The balancer's clock (ms) of the newest traffic sample; -1 before the first.
    qint64 sampledMs() const { return m_sampledMs; }
    // The length of one of the servers' recent traffic buckets.
    qint64 bucketMs() const { return m_bucketMs; }

signals:
    void begun();
    void nodeChanged(const QString &nodeId);
    // New figures for every server.
    void trafficChanged();
    void firewallDropsChanged();
    void ended();

private:
    const Server *serverFor(const core::ClusterPlan::Worker *worker) const;

    core::Topology m_topology;

    QHash<QString, QString> m_addresses;
    core::ClusterPlan m_plan;
    QHash<QString, runtime::NodeState> m_states;
    QHash<QString, QString> m_reasons;
    QHash<QString, QString> m_failedAtStart;
    QList<Server> m_servers;
    qint64 m_sampledMs = -1;
    qint64 m_bucketMs = 1000;
    qint64 m_firewallDrops = -1;
};

} // namespace topolab::gui
