#pragma once

#include "clusteraction.h"
#include "clustersample.h"
#include "core/clusterplan.h"
#include "core/topology.h"
#include "nodestate.h"
#include "runtime/balancer/serveradminstate.h"
#include "runtime/load/loadoptions.h"
#include "runtime/load/loadreport.h"
#include "runtime/net/exposurereport.h"

#include <QObject>

namespace topolab::runtime {

// How a window runs a cluster without ever waiting for it: in this process on threads of its own
// (ClusterHost, one host), or in a lab process of its own driven through the lab protocol
// (LabClient). Every call returns at once; results come back as signals on the caller's thread.
class ClusterDriver : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterDriver)

public:
    using QObject::QObject;

    virtual bool isRunning() const = 0;
    virtual QString url() const = 0;
    // Whether every machine runs as a host of its own (known once started).
    virtual bool runsLab() const = 0;

    // Runs `plan`, made from `topology`; its databases in `dataFolder` (empty: only for this run).
    virtual void start(const core::Topology &topology, const core::ClusterPlan &plan,
                       const QString &dataFolder) = 0;
    virtual void stop() = 0;
    virtual void control(ClusterAction action, const QString &nodeId) = 0;
    // For a server behind the balancer, by its web or application server node.
    virtual void setServerState(const QString &nodeId, ServerAdminState state) = 0;
    virtual void setWeight(const QString &nodeId, int weight) = 0;
    virtual void setAlgorithm(core::BalancingAlgorithm algorithm) = 0;
    virtual void setReplicationRunning(bool running) = 0;
    virtual void startLoad(const LoadOptions &options) = 0;
    virtual void stopLoad() = 0;
    virtual bool isLoadRunning() const = 0;
    // What the internet host reaches of the lab; `exposureScanned` follows within a second.
    virtual void scanExposure() = 0;

    void kill(const QString &nodeId) { control(ClusterAction::Kill, nodeId); }
    void pause(const QString &nodeId) { control(ClusterAction::Pause, nodeId); }
    void resume(const QString &nodeId) { control(ClusterAction::Resume, nodeId); }
    void restart(const QString &nodeId) { control(ClusterAction::Restart, nodeId); }

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
    void exposureScanned(const topolab::runtime::ExposureReport &report);
};

} // namespace topolab::runtime
