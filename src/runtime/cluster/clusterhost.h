#pragma once

#include "clusteraction.h"
#include "clustercontroller.h"
#include "clustersample.h"
#include "runtime/load/loadoptions.h"
#include "runtime/load/loadreport.h"

#include <QObject>
#include <QThread>

namespace topolab::runtime {

class ClusterEngine;

// Runs a cluster for a window: the controller lives on a thread of its own, so starting MariaDB,
// waiting for a worker or a slow SQL query never blocks the caller's event loop. Every call
// returns at once; results come back as signals, queued to the caller's thread. The load
// generator has a thread of its own too, so that sampling a frozen worker cannot slow it down.
class ClusterHost final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterHost)

public:
    explicit ClusterHost(ClusterController::Options options, QObject *parent = nullptr);
    // Stops the cluster and waits for it: no process outlives the host.
    ~ClusterHost() override;

    bool isRunning() const { return m_running; }
    const QString &url() const { return m_url; }

    // Runs `plan`, its databases in `dataFolder` (empty: only for this run).
    void start(const core::ClusterPlan &plan, const QString &dataFolder);
    void stop();
    void kill(const QString &nodeId);
    void pause(const QString &nodeId);
    void resume(const QString &nodeId);
    void restart(const QString &nodeId);
    void control(ClusterAction action, const QString &nodeId);
    // For a server behind the balancer, by its web or application server node.
    void setServerState(const QString &nodeId, ServerAdminState state);
    void setWeight(const QString &nodeId, int weight);
    void setAlgorithm(core::BalancingAlgorithm algorithm);
    void setReplicationRunning(bool running);

    void startLoad(const LoadOptions &options);
    void stopLoad();
    bool isLoadRunning() const { return m_loadRunning; }

signals:
    // `ok`: the balancer runs with at least one worker; `problems` names every node that did not
    // start, with its reason.
    void started(bool ok, const QStringList &problems, const QString &url);
    void stopped();
    void stateChanged(const QString &nodeId, topolab::runtime::NodeState state,
                      const QString &reason);
    void logged(const QString &nodeId, const QString &line);
    void sampled(const topolab::runtime::ClusterSample &sample);
    // See ClusterEngine::failedOver.
    void failedOver(const QString &nodeId, const QString &message);
    // A fault-injection or control request that could not be done, with the reason.
    void actionFailed(const QString &message);
    // See ClusterEngine::actionDone.
    void actionDone(topolab::runtime::ClusterAction action, const QString &subject);
    void loadProgress(const topolab::runtime::LoadReport &report);
    void loadFinished(const topolab::runtime::LoadReport &report);
    // Internal: the load run numbered `generation` has ended.
    void loadEnded(int generation);

private:
    QThread m_clusterThread;
    QThread m_loadThread;
    ClusterEngine *m_engine;
    QObject *m_loadContext;
    class LoadGenerator *m_load = nullptr; // touched on the load thread only
    QString m_url;
    bool m_running = false;
    bool m_loadRunning = false;
    int m_loadGeneration = 0;
};

} // namespace topolab::runtime
