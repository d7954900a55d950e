#pragma once

#include "mariadbserver.h"
#include "replicationstatus.h"
#include "runtime/worker/databaselink.h"

#include <memory>

namespace topolab::runtime {

// The design's MySQL primary and (optional) replica as real MariaDB servers: the primary takes the
// schema, an application user with only the rights the app needs and a replication user; the
// replica follows it with GTID replication and is read-only.
class DatabaseCluster final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatabaseCluster)

public:
    struct Options {
        QString folder; // this run's sockets and logs
        quint16 primaryPort = 0;
        quint16 replicaPort = 0; // 0: no replica
        QString database = QStringLiteral("foobar");
        QString appUser = QStringLiteral("foobar_app");
        // The databases' data, kept between runs (see DesignDataFolder); empty: inside `folder`,
        // gone with the run.
        QString dataFolder = {};
        // In a lab each server is a host of its own; the accounts then admit the lab's network.
        const NetworkHost *primaryHost = nullptr;
        const NetworkHost *replicaHost = nullptr;
        QString primaryAddress = QStringLiteral("127.0.0.1");
        QString replicaAddress = QStringLiteral("127.0.0.1");
        QString clientHosts = QStringLiteral("127.0.0.1"); // a MariaDB host pattern
    };

    DatabaseCluster(MariaDbInstallation installation, Options options, QObject *parent = nullptr);
    ~DatabaseCluster() override;

    // Starts the primary, sets it up, then the replica and replication. The cache of initialised
    // data folders lives in `cacheRoot` (empty: the user's cache folder).
    bool start(QString *error, const QString &cacheRoot = {});
    void stop();

    MariaDbServer *primary() const { return m_primary.get(); }
    MariaDbServer *replica() const { return m_replica.get(); }
    // How the application reaches each server (the password is generated for this run).
    DatabaseAddress appAddress(const MariaDbServer *server) const;
    const QString &appPassword() const { return m_appPassword; }

    ReplicationStatus replicationStatus();
    // Stops or restarts replication on the replica (fault injection).
    bool setReplicationRunning(bool running, QString *error);

private:
    bool setUpPrimary(QString *error);
    bool setUpReplica(QString *error);

    MariaDbInstallation m_installation;
    Options m_options;
    QString m_appPassword;
    QString m_replicationPassword;
    std::unique_ptr<MariaDbServer> m_primary;
    std::unique_ptr<MariaDbServer> m_replica;
};

} // namespace topolab::runtime
