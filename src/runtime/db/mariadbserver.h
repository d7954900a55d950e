#pragma once

#include "datadirectorycache.h"

#include "runtime/process/childprocess.h"

#include <QObject>

namespace topolab::runtime {

// One MariaDB server process that Topolab runs in a folder of its own: data, socket, pid and
// error log inside it, listening on 127.0.0.1 only. It dies with Topolab. Administration goes
// through root on the private socket; the application user comes over TCP.
class MariaDbServer final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MariaDbServer)

public:
    struct Options {
        QString name;   // "primary", "replica"
        QString folder; // socket, pid file and error log: this run's
        // The data, kept between runs when it lies outside the run folder; empty: folder/data.
        QString dataDirectory;
        quint16 port = 0;
        int serverId = 1;
        // In a lab: the database's host, where it listens on every address of its own.
        const NetworkHost *host = nullptr;
    };

    MariaDbServer(MariaDbInstallation installation, Options options, QObject *parent = nullptr);
    ~MariaDbServer() override;

    // Creates the data folder from the cache if needed, starts the server and waits until it
    // accepts connections. On failure `error` names the cause, with the end of the error log.
    bool start(DataDirectoryCache &cache, QString *error);
    // Shuts down cleanly (SIGTERM), killing the server if it takes too long.
    void stop();
    void kill();
    bool pause();
    bool resume();

    bool isRunning() const { return m_child.isRunning(); }
    qint64 pid() const { return m_child.pid(); }
    const Options &options() const { return m_options; }
    QString socketPath() const { return m_options.folder + QStringLiteral("/mysqld.sock"); }
    QString logPath() const { return m_options.folder + QStringLiteral("/error.log"); }
    QString logTail(int lines = 8) const;

    // Runs statements as root over the private socket, stopping at the first failure.
    bool execute(const QStringList &statements, QString *error);
    // The rows of one query as maps of column name to value.
    QList<QVariantMap> query(const QString &statement, QString *error);

signals:
    // The server stopped without being asked to (a crash, or SIGKILL from outside).
    void exitedUnexpectedly(const QString &reason);

private:
    bool waitUntilReady(QString *error);
    QString connectionName() const;

    MariaDbInstallation m_installation;
    Options m_options;
    ChildProcess m_child;
    QProcess &m_process = m_child.process();
};

} // namespace topolab::runtime
