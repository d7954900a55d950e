#pragma once

#include "core/clusterplan.h"
#include "databasenodes.h"
#include "floatingip.h"
#include "nodestate.h"
#include "runtime/balancer/balancer.h"
#include "runtime/net/nftfirewall.h"
#include "runtime/net/portforward.h"
#include "workernode.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QTemporaryDir>
#include <memory>
#include <vector>

namespace topolab::runtime {

class LabNetwork;

// Runs a ClusterPlan on this machine: the MariaDB primary, then the replica with replication,
// then the workers, then the balancer; stops in reverse order and leaves no process and no folder
// behind. Each design node has a state with a reason; one part failing to start (a busy port, no
// MariaDB) takes only that node down. Kill, pause, resume and restart are the fault-injection
// controls.
class ClusterController final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterController)

public:
    struct Options {
        QString workerProgram; // the topolab binary that runs `topolab worker`
        QString cacheRoot;     // initialised MariaDB data folders; empty: the user's cache
        // The design's databases, kept between runs (DesignDataFolder); empty: in the run
        // folder, gone at Stop.
        QString dataFolder = {};
        // In a lab (see LabNetwork), each machine runs in its host; null: one host, 127.0.0.1.
        const LabNetwork *lab = nullptr;
        // The desktop's way in (PortForward::openListener), opened before the lab was entered.
        int forwardListener = -1;
    };

    ClusterController(core::ClusterPlan plan, Options options, QObject *parent = nullptr);
    ~ClusterController() override;

    // True when the balancer runs with at least one worker behind it; `problems` lists every
    // node that did not start, with its reason.
    bool start(QStringList *problems);
    void stop();

    const core::ClusterPlan &plan() const { return m_plan; }
    NodeState state(const QString &nodeId) const { return m_states.value(nodeId).first; }
    QString reason(const QString &nodeId) const { return m_states.value(nodeId).second; }
    QStringList nodeIds() const { return m_states.keys(); }
    Balancer *balancer() const { return m_balancer.get(); }
    // The active balancer's standby, running only in a lab.
    Balancer *standbyBalancer() const { return m_standby.get(); }
    // The balancer the site's visitors reach now: with a pair, the running one whose keepalived
    // is master (the standby after a failover); else the active one. Its counters are the live
    // view of the site.
    Balancer *servingBalancer() const;
    // Every balancer that runs (the active and its standby), so that an operator's drain, weight
    // or algorithm survives a failover.
    std::vector<Balancer *> balancers() const;
    // The serving balancer's snapshot (health, operator state, the last `recentBuckets`
    // intervals) with each server's totals summed over both balancers of a pair, so that the
    // requests served before a failover still count. Empty without a balancer.
    MetricsSnapshot siteSnapshot(int recentBuckets) const;
    // The balancers (active, standby or, were VRRP wrong, both) whose host has the floating IP
    // now, asked of the hosts themselves; empty when none has it or there is no pair running.
    QStringList floatingHolders() const;
    // Each move of the floating IP after a fault this controller injected (kill or freeze of the
    // balancer holding it).
    using Failover = FloatingIp::Failover;
    const QList<Failover> &failovers() const { return m_failovers; }
    DatabaseCluster *database() const { return m_databases ? m_databases->cluster() : nullptr; }
    QString runFolder() const { return m_folder ? m_folder->path() : QString(); }
    const LabNetwork *lab() const { return m_options.lab; }
    // Where the desktop reaches the site, "http://127.0.0.1:8080/"; empty when it does not run.
    QString url() const;
    // Where load is sent from this process: in a lab, the public address from the internet host.
    QString siteHost() const;
    quint16 sitePort() const;
    // The worker's own counters (GET /_stats, read inside its host), or nullopt when it does not
    // answer within `timeoutMs`.
    std::optional<QJsonObject> workerStats(const core::ClusterPlan::Worker &worker,
                                           int timeoutMs) const;
    // Packets the firewall dropped; -1 without a running firewall.
    qint64 firewallDrops() const;

    bool kill(const QString &nodeId);
    bool pause(const QString &nodeId);
    bool resume(const QString &nodeId);
    bool restart(const QString &nodeId, QString *error);

signals:
    void stateChanged(const QString &nodeId, topolab::runtime::NodeState state,
                      const QString &reason);
    void logged(const QString &nodeId, const QString &line);
    void failedOver(const topolab::runtime::ClusterController::Failover &failover);

private:
    void setState(const QString &nodeId, NodeState state, const QString &reason = {});
    void startWorkers(QStringList *problems);
    void startBalancer(QStringList *problems);
    std::unique_ptr<Balancer> makeBalancer(const core::ClusterPlan::Balancer &plan);
    void setBalancerState(const QString &nodeId);
    Balancer *balancerNode(const QString &nodeId) const;
    void startFirewall(QStringList *problems);
    WorkerNode *worker(const QString &nodeId) const;
    MariaDbServer *databaseServer(const QString &nodeId) const;
    QStringList workerNodeIds(const WorkerNode *worker) const;

    core::ClusterPlan m_plan;
    Options m_options;
    std::unique_ptr<QTemporaryDir> m_folder;
    std::unique_ptr<DatabaseNodes> m_databases;
    std::vector<std::unique_ptr<WorkerNode>> m_workers;
    std::unique_ptr<Balancer> m_balancer;
    std::unique_ptr<Balancer> m_standby;
    std::unique_ptr<FloatingIp> m_floatingIp; // a pair in a lab only
    QList<Failover> m_failovers;              // kept after a stop, for the report
    // The clock of every balancer this controller makes, restarted ones too: the charts read
    // the serving one's, which changes at a failover.
    QElapsedTimer m_epoch;
    std::unique_ptr<PortForward> m_forward;
    std::unique_ptr<NftFirewall> m_firewall;
    QHash<QString, std::pair<NodeState, QString>> m_states;
};

} // namespace topolab::runtime
