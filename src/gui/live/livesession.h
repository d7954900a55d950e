#pragma once

#include "core/clusterplan.h"
#include "core/outcome.h"
#include "gui/charts/serverseries.h"
#include "runtime/cluster/clusterhost.h"

#include <QElapsedTimer>
#include <QObject>

namespace topolab::gui {

class ChartsPanel;
class LogsPanel;
class TopologyScene;

// Connects a running cluster to the window: starts and stops it through a ClusterHost (so the
// window never waits), shows each node's state as a badge on its card, traffic on cards and
// links, feeds the charts and the log, and turns fault-injection requests into runtime calls
// that are logged and marked on the charts.
class LiveSession final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveSession)

public:
    LiveSession(TopologyScene &scene, ChartsPanel &charts, LogsPanel &logs,
                runtime::ClusterController::Options options, QObject *parent = nullptr);
    ~LiveSession() override;

    // Starts the design; refused (with the reason) when it cannot run on this machine.
    // Runs `topology`; its databases keep their data in `dataFolder` between runs.
    core::Outcome start(const core::Topology &topology, const QString &dataFolder);
    void stop();
    // Starting, running or stopping: the design's structure must not change meanwhile.
    bool isActive() const { return m_active; }
    bool isRunning() const { return m_host->isRunning(); }
    runtime::ClusterHost &host() const { return *m_host; }
    const core::ClusterPlan &plan() const { return m_plan; }
    runtime::NodeState state(const QString &nodeId) const;
    bool runsNode(const QString &nodeId) const { return m_states.contains(nodeId); }
    bool isDatabase(const QString &nodeId) const;
    bool isReplica(const QString &nodeId) const;
    bool isBalancer(const QString &nodeId) const { return nodeId == m_plan.balancer.nodeId; }
    const ServerList &servers() const { return m_servers; }
    // "healthy", or "down: port 8081 is busy …": the node's state with its reason.
    QString describe(const QString &nodeId) const;
    // Puts the node's live state back on its card after the card was redrawn from the design.
    void reapply(const QString &nodeId);
    // Whether the balancer currently sends requests to this server (its health checks agree).
    bool balancerUses(const QString &backend) const { return m_backendHealthy.value(backend); }

    void kill(const QString &nodeId);
    void pause(const QString &nodeId);
    void resume(const QString &nodeId);
    void restart(const QString &nodeId);
    void setAlgorithm(const QString &algorithm);
    void setReplicationRunning(bool running);

signals:
    void activeChanged(bool active);
    void urlChanged(const QString &url);
    // One line for the status bar: how many nodes are healthy, down, starting.
    void summaryChanged(const QString &summary);
    void problem(const QString &message);
    void nodeStateChanged(const QString &nodeId);

private:
    void onStarted(bool ok, const QStringList &problems, const QString &url);
    void onStopped();
    void onState(const QString &nodeId, runtime::NodeState state, const QString &reason);
    void onSample(const runtime::ClusterSample &sample);
    void onActionDone(const QString &action, const QString &subject);
    void mark(const QString &text, const QColor &color);
    void log(const QString &nodeId, const QString &line);
    QString nodeName(const QString &nodeId) const;
    // A balancer backend ("server-2") as the design names it ("Server 2").
    QString serverLabel(const QString &backend) const;
    void showTraffic(const runtime::ClusterSample &sample);
    void clearCanvas();
    void updateSummary();
    void showBalancerDegradation();

    TopologyScene &m_scene;
    ChartsPanel &m_charts;
    LogsPanel &m_logs;
    std::unique_ptr<runtime::ClusterHost> m_host;
    core::ClusterPlan m_plan;
    core::Topology m_topology;
    ServerList m_servers;
    QHash<QString, runtime::NodeState> m_states;
    QHash<QString, QString> m_reasons;
    // The nodes that failed the last start, and why; shown until the next start.
    QHash<QString, QString> m_failedAtStart;
    bool m_active = false;
    // The balancer's clock (ms) of the newest sample and when it arrived, to place markers.
    qint64 m_sampleMs = 0;
    QElapsedTimer m_sinceSample;
    qint64 m_eventsSeen = 0;
    bool m_sampled = false;
    QHash<QString, bool> m_backendHealthy;
};

// The colour of a state badge: healthy green, starting amber, down red, paused blue.
QColor stateColor(runtime::NodeState state);

} // namespace topolab::gui
