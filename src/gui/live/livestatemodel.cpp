#include "livestatemodel.h"

#include "gui/charts/chartstyle.h"

using namespace Qt::StringLiterals;
using topolab::runtime::NodeState;

namespace topolab::gui {

LiveStateModel::LiveStateModel(QObject *parent)
    : QObject(parent)
{
}

void LiveStateModel::begin(const core::Topology &topology, const core::ClusterPlan &plan)
{
    m_topology = topology;
    m_plan = plan;
    m_states.clear();
    m_reasons.clear();
    m_addresses.clear();
    m_failedAtStart.clear();
    m_servers.clear();
    m_sampledMs = -1;
    m_firewallDrops = -1;
    const auto track = [this](const QString &id) {
        if (!id.isEmpty())
            m_states.insert(id, NodeState::Starting);
    };
    track(plan.balancer.nodeId);
    if (plan.standby)
        track(plan.standby->nodeId);
    if (plan.firewall)
        track(plan.firewall->nodeId);
    const ServerList series = seriesOf(plan);
    for (int i = 0; i < plan.workers.size(); ++i) {
        const core::ClusterPlan::Worker &worker = plan.workers.at(i);
        track(worker.nodeId);
        track(worker.appNodeId);
        Server server;
        server.series = series.at(i);
        server.nodeId = worker.nodeId;
        server.appNodeId = worker.appNodeId;
        server.live.name = worker.name;
        server.live.weight = worker.weight;
        m_servers.append(server);
    }
    if (plan.primary)
        track(plan.primary->nodeId);
    if (plan.replica)
        track(plan.replica->nodeId);
    emit begun();
}

void LiveStateModel::setAddresses(const QHash<QString, QString> &addresses)
{
    m_addresses = addresses;
    for (const QString &id : m_states.keys())
        emit nodeChanged(id);
}

void LiveStateModel::setState(const QString &nodeId, NodeState state, const QString &reason)
{
    if (!m_states.contains(nodeId))
        return;
    m_states.insert(nodeId, state);
    m_reasons.insert(nodeId, reason);
    emit nodeChanged(nodeId);
}

void LiveStateModel::keepFailures()
{
    for (auto it = m_states.cbegin(); it != m_states.cend(); ++it) {
        if (it.value() == NodeState::Down)
            m_failedAtStart.insert(it.key(), m_reasons.value(it.key()));
    }
}

void LiveStateModel::setTraffic(const runtime::MetricsSnapshot &traffic)
{
    m_sampledMs = traffic.takenMs;
    m_bucketMs = traffic.bucketMs;
    for (const runtime::MetricsSnapshot::Backend &backend : traffic.backends) {
        for (Server &server : m_servers) {
            if (server.series.backend == backend.name) {
                server.live = backend;
                server.sampledMs = traffic.takenMs;
            }
        }
    }
    emit trafficChanged();
}

void LiveStateModel::setFirewallDrops(qint64 drops)
{
    if (drops == m_firewallDrops)
        return;
    m_firewallDrops = drops;
    emit firewallDropsChanged();
}

void LiveStateModel::end()
{
    m_firewallDrops = -1;
    m_states.clear();
    m_reasons.clear();
    // Nothing runs: a table of servers would offer actions on what is gone.
    m_servers.clear();
    emit ended();
}

NodeState LiveStateModel::state(const QString &nodeId) const
{
    return m_states.value(nodeId, NodeState::Stopped);
}

QString LiveStateModel::describe(const QString &nodeId) const
{
    if (!m_states.contains(nodeId))
        return {};
    const QString state = runtime::nodeStateName(m_states.value(nodeId));
    const QString reason = m_reasons.value(nodeId);
    return reason.isEmpty() ? state : tr("%1: %2").arg(state, reason);
}

ServerList LiveStateModel::seriesOf(const core::ClusterPlan &plan)
{
    ServerList list;
    for (int i = 0; i < plan.workers.size(); ++i)
        list.append(
            {plan.workers.at(i).name, plan.workers.at(i).label, ChartStyle::serverColor(i)});
    return list;
}

ServerList LiveStateModel::serverSeries() const
{
    ServerList list;
    for (const Server &server : m_servers)
        list.append(server.series);
    return list;
}

const LiveStateModel::Server *
LiveStateModel::serverFor(const core::ClusterPlan::Worker *worker) const
{
    // The servers are the plan's workers, in its order, while a run lasts.
    if (!worker)
        return nullptr;
    const qsizetype index = worker - m_plan.workers.constData();
    return index < m_servers.size() ? &m_servers.at(index) : nullptr;
}

const LiveStateModel::Server *LiveStateModel::serverOf(const QString &nodeId) const
{
    return serverFor(m_plan.serverOf(nodeId));
}

QString LiveStateModel::serverLabel(const QString &backend) const
{
    const core::ClusterPlan::Worker *worker = m_plan.serverNamed(backend);
    return worker ? worker->label : backend;
}

bool LiveStateModel::balancerUses(const QString &backend) const
{
    const Server *server = serverFor(m_plan.serverNamed(backend));
    return server && server->sampledMs >= 0 && server->live.healthy &&
           server->live.admin == runtime::ServerAdminState::Ready && server->live.weight > 0;
}

} // namespace topolab::gui
