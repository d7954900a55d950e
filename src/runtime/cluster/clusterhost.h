#pragma once

#include "clustercontroller.h"
#include "clusterdriver.h"

#include <QThread>

namespace topolab::runtime {

class ClusterEngine;
class LoadRunner;

// Runs a cluster for a window in this process: the controller lives on a thread of its own, so
// starting MariaDB, waiting for a worker or a slow SQL query never blocks the caller's event
// loop, and the load generator has a thread of its own too (LoadRunner). One host only: a lab
// needs a process that enters its namespaces before it has threads (LabClient).
class ClusterHost final : public ClusterDriver {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterHost)

public:
    explicit ClusterHost(ClusterController::Options options, QObject *parent = nullptr);
    // Stops the cluster and waits for it: no process outlives the host.
    ~ClusterHost() override;

    bool isRunning() const override { return m_running; }
    QString url() const override { return m_url; }
    bool runsLab() const override { return false; }

    void start(const core::Topology &topology, const core::ClusterPlan &plan,
               const QString &dataFolder) override;
    void stop() override;
    void control(ClusterAction action, const QString &nodeId) override;
    void setServerState(const QString &nodeId, ServerAdminState state) override;
    void setWeight(const QString &nodeId, int weight) override;
    void setAlgorithm(core::BalancingAlgorithm algorithm) override;
    void setReplicationRunning(bool running) override;
    void startLoad(const LoadOptions &options) override;
    void stopLoad() override;
    bool isLoadRunning() const override;
    void scanExposure() override;

private:
    QThread m_clusterThread;
    ClusterEngine *m_engine;
    LoadRunner *m_load;
    QString m_url;
    bool m_running = false;
};

} // namespace topolab::runtime
