#pragma once

#include "core/clusterplan.h"
#include "nodestate.h"
#include "runtime/db/databasecluster.h"

#include <QObject>
#include <memory>
#include <optional>

namespace topolab::runtime {

class LabNetwork;

// The design's databases in a running cluster: a MariaDB primary and replica started here
// (DatabaseCluster, each in its host in a lab), or external servers only connected to; and
// each database node's state as it goes.
class DatabaseNodes final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatabaseNodes)

public:
    struct Options {
        QString folder;     // in the run folder, for sockets and logs
        QString dataFolder; // kept between runs (DesignDataFolder); empty: in `folder`
        QString cacheRoot;  // initialised MariaDB data folders; empty: the user's cache
        const LabNetwork *lab = nullptr;
    };

    DatabaseNodes(const core::ClusterPlan &plan, Options options, QObject *parent = nullptr);
    // Stops the servers it started.
    ~DatabaseNodes() override;

    void start(QStringList *problems);
    // Where a worker finds the primary (or the replica), started here or external.
    DatabaseAddress workerAddress(bool primary) const;
    DatabaseCluster *cluster() const { return m_cluster.get(); }
    // The server of the database node `nodeId` started here, or nullptr.
    MariaDbServer *server(const QString &nodeId) const;
    bool restart(const QString &nodeId, QString *error);

signals:
    void stateChanged(const QString &nodeId, topolab::runtime::NodeState state,
                      const QString &reason);

private:
    void connectExternal(QStringList *problems);
    void setState(const QString &nodeId, NodeState state, const QString &reason = {})
    {
        if (!nodeId.isEmpty())
            emit stateChanged(nodeId, state, reason);
    }

    const core::ClusterPlan &m_plan;
    Options m_options;
    std::unique_ptr<DatabaseCluster> m_cluster;
    std::optional<DatabaseAddress> m_externalPrimary;
    std::optional<DatabaseAddress> m_externalReplica;
};

} // namespace topolab::runtime
