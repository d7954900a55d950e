#pragma once

#include "canvasliveview.h"
#include "core/clusterplan.h"
#include "core/outcome.h"
#include "gui/charts/serverseries.h"
#include "livestatemodel.h"
#include "runtime/cluster/clusterdriver.h"
#include "runtime/metrics/eventcursor.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>

namespace topolab::gui {

class ChartsPanel;
class LogsPanel;
class TopologyScene;

// Connects a running cluster to the window: starts and stops it through a ClusterDriver (so the
// window never waits), keeps the live-state model up to date (which the canvas, the inspector and
// the backend table show), feeds the charts and the log, and turns the user's control requests
// into runtime calls that are logged and marked on the charts.
class LiveSession final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveSession)

public:
    // Keeps `model` up to date; the window owns it, so its observers outlive a session.
    LiveSession(LiveStateModel &model, TopologyScene &scene, ChartsPanel &charts, LogsPanel &logs,
                std::unique_ptr<runtime::ClusterDriver> driver, QString oneHostReason = {},
                QObject *parent = nullptr);
    ~LiveSession() override;

    // Starts the design; refused (with the reason) when it cannot run on this machine.
    // Runs `topology`; its databases keep their data in `dataFolder` between runs.
    core::Outcome start(const core::Topology &topology, const QString &dataFolder);
    // Watches and controls the lab listening at `socketPath`, which runs `topology`; only a
    // session whose driver is a LabClient can.
    core::Outcome attach(const core::Topology &topology, const QString &socketPath);
    void stop();
    // Starting, running or stopping: the design's structure must not change meanwhile.
    bool isActive() const { return m_active; }
    bool isRunning() const { return m_host->isRunning(); }
    runtime::ClusterDriver &host() const { return *m_host; }
    const LiveStateModel &model() const { return m_model; }
    const core::ClusterPlan &plan() const { return m_model.plan(); }
    runtime::NodeState state(const QString &nodeId) const { return m_model.state(nodeId); }
    bool runsNode(const QString &nodeId) const { return m_model.runsNode(nodeId); }
    bool isDatabase(const QString &nodeId) const;
    bool isReplica(const QString &nodeId) const;
    bool isBalancer(const QString &nodeId) const { return nodeId == plan().balancer.nodeId; }
    // Whether the node is a server behind the balancer (its web or application server).
    bool isServer(const QString &nodeId) const { return m_model.serverOf(nodeId) != nullptr; }
    QString describe(const QString &nodeId) const { return m_model.describe(nodeId); }
    // Puts the node's live state back on its card after the card was redrawn from the design.
    void reapply(const QString &nodeId);

    void kill(const QString &nodeId);
    void pause(const QString &nodeId);
    void resume(const QString &nodeId);
    void restart(const QString &nodeId);
    void setServerState(const QString &nodeId, runtime::ServerAdminState state);
    void setWeight(const QString &nodeId, int weight);
    void setAlgorithm(core::BalancingAlgorithm algorithm);
    void setReplicationRunning(bool running);
    // What the internet host reaches of the lab, logged and then given to `exposureScanned`.
    void scanExposure();

signals:
    void activeChanged(bool active);
    void urlChanged(const QString &url);
    // One line for the status bar: how many nodes are healthy, down, starting.
    void summaryChanged(const QString &summary);
    void problem(const QString &message);
    void exposureScanned(const topolab::runtime::ExposureReport &report);

private:
    void onStarted(bool ok, const QStringList &problems, const QString &url);
    void onStopped();
    void onState(const QString &nodeId, runtime::NodeState state, const QString &reason);
    void onSample(const runtime::ClusterSample &sample);
    void onActionDone(runtime::ClusterAction action, const QString &subject);
    void onExposureScanned(const runtime::ExposureReport &report);
    void logEvent(const runtime::MetricsSnapshot::Event &event);
    void noteDrained(const runtime::MetricsSnapshot &traffic);
    void noteFirewallDrops(const runtime::ClusterSample &sample);
    // The model, the log and the charts set up for a run of `topology`.
    core::Outcome begin(const core::Topology &topology);
    void mark(const QString &text, const QColor &color);
    void log(const QString &nodeId, const QString &line);
    QString nodeName(const QString &nodeId) const { return m_model.nodeName(nodeId); }
    void updateSummary();

    LiveStateModel &m_model;
    CanvasLiveView m_canvas;
    ChartsPanel &m_charts;
    LogsPanel &m_logs;
    std::unique_ptr<runtime::ClusterDriver> m_host;
    // Why this session runs the design on one host rather than in a lab; "" in a lab.
    QString m_oneHostReason;
    bool m_active = false;
    // The balancer's clock (ms) of the newest sample and when it arrived, to place markers.
    qint64 m_sampleMs = 0;
    QElapsedTimer m_sinceSample;
    runtime::EventCursor m_events;
    // The firewall's drops as last logged, and when (the balancer's clock).
    qint64 m_dropsLogged = 0;
    qint64 m_dropsLoggedMs = -1;
    // The draining servers whose last request has finished, said once per drain.
    QSet<QString> m_drainedSaid;
};

// The colour of a state badge: healthy green, starting amber, down red, paused blue.
QColor stateColor(runtime::NodeState state);

} // namespace topolab::gui
