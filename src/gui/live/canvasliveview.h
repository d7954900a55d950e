#pragma once

#include <QObject>

namespace topolab::gui {

class LiveStateModel;
class TopologyScene;

// Shows the live state on the canvas: a state badge and tooltip on each running card (a server
// drained or in maintenance says so), the balancer degraded while servers behind it are lost,
// requests per second on the cards and each link's share of the traffic, the packets the
// firewall dropped on its card. It keeps nothing of its own: everything comes from the model,
// and goes when the run ends.
class CanvasLiveView final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CanvasLiveView)

public:
    CanvasLiveView(const LiveStateModel &model, TopologyScene &scene, QObject *parent = nullptr);

    // Puts the node's live state back on its card after the card was redrawn from the design.
    void reapply(const QString &nodeId);

private:
    void showNode(const QString &nodeId);
    void showBalancerDegradation();
    void showTraffic();
    void showFirewallDrops();
    void clear();
    void showFailures();

    const LiveStateModel &m_model;
    TopologyScene &m_scene;
};

} // namespace topolab::gui
