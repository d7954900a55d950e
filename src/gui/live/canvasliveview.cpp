#include "canvasliveview.h"

#include "gui/canvas/linkitem.h"
#include "gui/canvas/nodeitem.h"
#include "gui/canvas/topologyscene.h"
#include "gui/style/kindstyle.h"
#include "livesession.h"
#include "livestatemodel.h"

using topolab::runtime::NodeState;
using topolab::runtime::ServerAdminState;

namespace topolab::gui {

namespace {

const QColor kMaintenanceColor(0x47, 0x55, 0x69);

} // namespace

CanvasLiveView::CanvasLiveView(const LiveStateModel &model, TopologyScene &scene, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_scene(scene)
{
    connect(&model, &LiveStateModel::begun, this, [this] {
        for (const QString &id : m_model.nodeIds())
            showNode(id);
    });
    connect(&model, &LiveStateModel::nodeChanged, this, &CanvasLiveView::showNode);
    connect(&model, &LiveStateModel::trafficChanged, this, &CanvasLiveView::showTraffic);
    connect(&model, &LiveStateModel::firewallDropsChanged, this,
            &CanvasLiveView::showFirewallDrops);
    connect(&model, &LiveStateModel::ended, this, [this] {
        clear();
        showFailures();
    });
}

void CanvasLiveView::showNode(const QString &nodeId)
{
    if (NodeItem *item = m_scene.nodeItem(nodeId)) {
        const NodeState state = m_model.state(nodeId);
        QString badge = runtime::nodeStateName(state);
        QColor color = stateColor(state);
        const LiveStateModel::Server *server = m_model.serverOf(nodeId);
        // The web server's card stands for the server: the operator's state shows there.
        if (server && server->nodeId == nodeId && state == NodeState::Healthy) {
            // Up, but the operator has taken it out: that is what the user needs to see.
            switch (server->live.admin) {
            case ServerAdminState::Ready:
                break;
            case ServerAdminState::Drain:
                badge = server->live.drained() ? tr("drained") : tr("draining");
                color = stateColor(NodeState::Degraded);
                break;
            case ServerAdminState::Maintenance:
                badge = tr("maintenance");
                color = kMaintenanceColor;
                break;
            }
        }
        item->setStateBadge(badge, color);
        item->setHostAddress(m_model.address(nodeId));
        item->setDown(state == NodeState::Down);
        item->setToolTip(m_model.describe(nodeId));
    }
    showBalancerDegradation();
}

void CanvasLiveView::showBalancerDegradation()
{
    // The balancer itself runs, but with servers behind it lost it no longer spreads the load:
    // say so on its card.
    const QString balancerId = m_model.plan().balancer.nodeId;
    NodeItem *balancer = m_scene.nodeItem(balancerId);
    if (!balancer || m_model.state(balancerId) != NodeState::Healthy)
        return;
    int lost = 0;
    for (const core::ClusterPlan::Worker &worker : m_model.plan().workers) {
        const NodeState state = m_model.state(worker.nodeId);
        lost += state == NodeState::Down || state == NodeState::Paused ? 1 : 0;
    }
    if (lost > 0)
        balancer->setStateBadge(tr("degraded"), stateColor(NodeState::Degraded));
    else
        balancer->setStateBadge(runtime::nodeStateName(NodeState::Healthy),
                                stateColor(NodeState::Healthy));
}

void CanvasLiveView::reapply(const QString &nodeId)
{
    if (m_model.runsNode(nodeId))
        showNode(nodeId);
}

void CanvasLiveView::showTraffic()
{
    // The last complete second, so the numbers do not flicker while a bucket fills.
    QHash<QString, double> perSecond;
    double total = 0;
    for (const LiveStateModel::Server &server : m_model.servers()) {
        const QList<runtime::TrafficBucket> &recent = server.live.recent;
        const qsizetype last = recent.size() - 2;
        const double rate = last >= 0 ? static_cast<double>(recent.at(last).requests) * 1000.0 /
                                            static_cast<double>(m_model.bucketMs())
                                      : 0;
        perSecond.insert(server.series.backend, rate);
        total += rate;
    }
    const QString balancerId = m_model.plan().balancer.nodeId;
    for (const LiveStateModel::Server &server : m_model.servers()) {
        const double rate = perSecond.value(server.series.backend);
        const QColor color = server.series.color;
        if (NodeItem *item = m_scene.nodeItem(server.nodeId)) {
            item->setTraffic(tr("%1 req/s").arg(rate, 0, 'f', 0), color);
            // The operator's state comes with the traffic (drained once its last request
            // finished, ready again): the badge follows.
            showNode(server.nodeId);
        }
        for (const core::Link &link : m_model.topology().linksTo(server.nodeId)) {
            if (LinkItem *item = m_scene.linkItem(link.id); item && link.from == balancerId)
                item->setLoad(total > 0 ? rate / total : 0, color);
        }
    }
    if (NodeItem *balancer = m_scene.nodeItem(balancerId))
        balancer->setTraffic(tr("%1 req/s").arg(total, 0, 'f', 0),
                             kindColor(core::NodeKind::LoadBalancer));
}

void CanvasLiveView::showFirewallDrops()
{
    const auto &firewall = m_model.plan().firewall;
    NodeItem *item = firewall ? m_scene.nodeItem(firewall->nodeId) : nullptr;
    if (!item)
        return;
    const qint64 drops = m_model.firewallDrops();
    if (drops < 0)
        item->setTraffic({}, {});
    else
        item->setTraffic(tr("%1 dropped").arg(drops), drops > 0
                                                          ? stateColor(NodeState::Down)
                                                          : kindColor(core::NodeKind::Firewall));
}

void CanvasLiveView::clear()
{
    for (const core::Node &node : m_model.topology().nodes()) {
        if (NodeItem *item = m_scene.nodeItem(node.id)) {
            item->setStateBadge({}, {});
            item->setDown(false);
            item->setTraffic({}, {});
            item->setHostAddress({});
            item->setNode(item->node()); // the design's tooltip again
        }
    }
    for (const core::Link &link : m_model.topology().links()) {
        if (LinkItem *item = m_scene.linkItem(link.id))
            item->setLoad(0, {});
    }
}

void CanvasLiveView::showFailures()
{
    // A start that failed leaves the cards that failed it marked down, with the reason, until
    // the next start: the status bar's message alone is gone after a few seconds.
    const QHash<QString, QString> &failed = m_model.failedAtStart();
    for (auto it = failed.cbegin(); it != failed.cend(); ++it) {
        if (NodeItem *item = m_scene.nodeItem(it.key())) {
            item->setStateBadge(runtime::nodeStateName(NodeState::Down),
                                stateColor(NodeState::Down));
            item->setDown(true);
            item->setToolTip(
                tr("%1 did not start: %2").arg(m_model.nodeName(it.key()), it.value()));
        }
    }
}

} // namespace topolab::gui
