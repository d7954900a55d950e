#include "databasecluster.h"

#include "runtime/worker/guestbookapi.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

namespace {

QString randomPassword()
{
    QByteArray bytes(18, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          static_cast<qsizetype>(bytes.size() / 4));
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

// The password as MariaDB stores it for mysql_native_password ("*" and the upper-case hex of
// SHA1(SHA1(password))). Users are created with this hash, so the password itself never reaches
// the binary log, nor through it the replica's relay log.
QString nativePasswordHash(const QString &password)
{
    const QByteArray once = QCryptographicHash::hash(password.toUtf8(), QCryptographicHash::Sha1);
    return u"*"_s +
           QString::fromLatin1(QCryptographicHash::hash(once, QCryptographicHash::Sha1).toHex())
               .toUpper();
}

QString dataDirectory(const QString &dataFolder, const QString &server)
{
    return dataFolder.isEmpty() ? QString() : dataFolder + u'/' + server;
}

} // namespace

DatabaseCluster::DatabaseCluster(MariaDbInstallation installation, Options options, QObject *parent)
    : QObject(parent)
    , m_installation(std::move(installation))
    , m_options(std::move(options))
    , m_appPassword(randomPassword())
    , m_replicationPassword(randomPassword())
{
}

DatabaseCluster::~DatabaseCluster()
{
    stop();
}

bool DatabaseCluster::start(QString *error, const QString &cacheRoot)
{
    DataDirectoryCache cache(m_installation, cacheRoot);
    m_primary = std::make_unique<MariaDbServer>(
        m_installation, MariaDbServer::Options{u"primary"_s, m_options.folder + u"/primary"_s,
                                               dataDirectory(m_options.dataFolder, u"primary"_s),
                                               m_options.primaryPort, 1, m_options.primaryHost});
    if (!m_primary->start(cache, error) || !setUpPrimary(error))
        return false;
    if (m_options.replicaPort == 0)
        return true;
    m_replica = std::make_unique<MariaDbServer>(
        m_installation, MariaDbServer::Options{u"replica"_s, m_options.folder + u"/replica"_s,
                                               dataDirectory(m_options.dataFolder, u"replica"_s),
                                               m_options.replicaPort, 2, m_options.replicaHost});
    return m_replica->start(cache, error) && setUpReplica(error);
}

void DatabaseCluster::stop()
{
    // The replica first, so it does not spend its shutdown retrying a vanished primary.
    if (m_replica)
        m_replica->stop();
    if (m_primary)
        m_primary->stop();
}

bool DatabaseCluster::setUpPrimary(QString *error)
{
    const QString db = m_options.database;
    // Root stays reachable only through the socket inside the private run folder: no password-less
    // root over TCP for other users of this machine. DROP USER replicates safely to the replica.
    QStringList statements;
    QString failure;
    const QList<QVariantMap> remoteRoots = m_primary->query(
        u"SELECT Host FROM mysql.global_priv WHERE User = 'root' AND Host <> 'localhost'"_s,
        &failure);
    if (!failure.isEmpty()) {
        *error = failure;
        return false;
    }
    for (const QVariantMap &row : remoteRoots)
        statements.append(
            u"DROP USER IF EXISTS 'root'@'%1'"_s.arg(row.value(u"Host"_s).toString()));
    statements += {
        u"CREATE DATABASE IF NOT EXISTS `%1` CHARACTER SET utf8mb4"_s.arg(db),
        u"CREATE OR REPLACE USER 'repl'@'%1' IDENTIFIED BY PASSWORD '%2'"_s.arg(
            m_options.clientHosts, nativePasswordHash(m_replicationPassword)),
        u"GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%1'"_s.arg(m_options.clientHosts),
        u"CREATE OR REPLACE USER '%1'@'%2' IDENTIFIED BY PASSWORD '%3'"_s.arg(
            m_options.appUser, m_options.clientHosts, nativePasswordHash(m_appPassword)),
        // Least privilege: the guestbook reads and adds posts, nothing else.
        u"GRANT SELECT, INSERT ON `%1`.* TO '%2'@'%3'"_s.arg(db, m_options.appUser,
                                                             m_options.clientHosts),
    };
    statements += GuestbookApi::schemaStatements(db);
    return m_primary->execute(statements, error);
}

bool DatabaseCluster::setUpReplica(QString *error)
{
    return m_replica->execute(
        {u"STOP SLAVE"_s,
         u"CHANGE MASTER TO MASTER_HOST='%1', MASTER_PORT=%2, MASTER_USER='repl', "
         "MASTER_PASSWORD='%3', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1"_s
             .arg(m_options.primaryAddress)
             .arg(m_options.primaryPort)
             .arg(m_replicationPassword),
         u"SET GLOBAL read_only = 1"_s, u"START SLAVE"_s},
        error);
}

DatabaseAddress DatabaseCluster::appAddress(const MariaDbServer *server) const
{
    if (!server)
        return {u"127.0.0.1"_s, 0, {}, {}, {}};
    const QString host =
        server == m_replica.get() ? m_options.replicaAddress : m_options.primaryAddress;
    return {host, server->options().port, m_options.database, m_options.appUser,
            m_appPassword};
}

ReplicationStatus DatabaseCluster::replicationStatus()
{
    ReplicationStatus status;
    if (!m_replica || !m_replica->isRunning()) {
        status.error = u"the replica is not running"_s;
        return status;
    }
    QString error;
    const QList<QVariantMap> rows = m_replica->query(u"SHOW SLAVE STATUS"_s, &error);
    if (!error.isEmpty() || rows.isEmpty()) {
        status.error = error.isEmpty() ? u"replication is not configured"_s : error;
        return status;
    }
    const QVariantMap &row = rows.first();
    status.configured = true;
    status.ioRunning = row.value(u"Slave_IO_Running"_s).toString() == u"Yes"_s;
    status.sqlRunning = row.value(u"Slave_SQL_Running"_s).toString() == u"Yes"_s;
    const QVariant lag = row.value(u"Seconds_Behind_Master"_s);
    status.lagSeconds = lag.isNull() ? -1 : lag.toInt();
    const QString ioError = row.value(u"Last_IO_Error"_s).toString();
    const QString sqlError = row.value(u"Last_SQL_Error"_s).toString();
    status.error = !sqlError.isEmpty() ? sqlError : ioError;
    return status;
}

bool DatabaseCluster::setReplicationRunning(bool running, QString *error)
{
    if (!m_replica) {
        *error = u"there is no replica"_s;
        return false;
    }
    return m_replica->execute({running ? u"START SLAVE"_s : u"STOP SLAVE"_s}, error);
}

} // namespace topolab::runtime
