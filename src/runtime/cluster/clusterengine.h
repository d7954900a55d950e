#pragma once

#include "clusteraction.h"
#include "clustercontroller.h"
#include "clustersample.h"

#include <QHash>
#include <QTimer>
#include <memory>

namespace topolab::runtime {

// The part of ClusterHost that lives on the cluster's thread: it owns the controller, samples the
// balancer and the workers' database counters, and tails the MariaDB error logs. Only
// ClusterHost talks to it, by queued calls.
class ClusterEngine final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterEngine)

public:
    // Five samples a second: the charts move smoothly, and a sample costs well under 1 ms.
    static constexpr int kSampleIntervalMs = 200;

    explicit ClusterEngine(ClusterController::Options options);
    ~ClusterEngine() override;

    // Runs `plan`, its databases in `dataFolder` (empty: only for this run).
    void start(const core::ClusterPlan &plan, const QString &dataFolder);
    // Samples and controls `running`, which its owner started and stops; stop() only lets go.
    void watch(ClusterController &running);
    void stop();
    // Kill, Pause, Resume or Restart the node's process.
    void control(topolab::runtime::ClusterAction action, const QString &nodeId);
    // For a server behind the balancer (its web or its application server node).
    void setServerState(const QString &nodeId, topolab::runtime::ServerAdminState state);
    void setWeight(const QString &nodeId, int weight);
    void setAlgorithm(core::BalancingAlgorithm algorithm);
    void setReplicationRunning(bool running);

signals:
    void started(bool ok, const QStringList &problems, const QString &url);
    void stopped();
    void stateChanged(const QString &nodeId, topolab::runtime::NodeState state,
                      const QString &reason);
    void logged(const QString &nodeId, const QString &line);
    void sampled(const topolab::runtime::ClusterSample &sample);
    // The floating IP moved to the balancer `nodeId` after a fault: "floating IP moved to …".
    void failedOver(const QString &nodeId, const QString &message);
    void actionFailed(const QString &message);
    // A control request was carried out: a node action, state or weight with the node's id,
    // Algorithm with the new algorithm, Replication with "on" or "off".
    void actionDone(topolab::runtime::ClusterAction action, const QString &subject);

private:
    // The balancer's name of the server `nodeId` belongs to; empty, with the reason emitted as
    // actionFailed, when it is not one or the balancer does not run.
    QString backendOf(const QString &nodeId, const QString &what);
    void sample();
    void sampleDatabase();
    void tailDatabaseLogs();

    ClusterController::Options m_options;
    void follow(ClusterController &controller);

    std::unique_ptr<ClusterController> m_owned; // the one start() made
    ClusterController *m_controller = nullptr;  // the one sampled and controlled now
    QTimer *m_sampler; // a child, so that it moves to the cluster thread with the engine
    int m_tick = 0;
    qint64 m_dbSampledMs = -1;
    qint64 m_dbReads = 0;
    qint64 m_dbWrites = 0;
    qint64 m_firewallDrops = -1;
    ReplicationStatus m_replication;
    QHash<QString, qint64> m_logOffsets; // error log path → bytes already shown
    // Per worker, its last /_stats counts; a restarted worker counts from zero again, and the
    // totals go on from where they were.
    QHash<QString, std::pair<qint64, qint64>> m_workerCounts;
};

} // namespace topolab::runtime
