#pragma once

#include "clusterengine.h"
#include "runtime/load/loadrunner.h"

#include <QJsonObject>
#include <QLocalServer>
#include <QObject>
#include <vector>

namespace topolab::runtime {

class LabConnection;

// The lab process's side of the lab protocol (docs/lab-protocol.md): windows connect to its
// socket, get a hello with the design and every node's state, then the states, logs, samples and
// load reports as they come; they send the controls a window has (kill, drain, load, stop …).
// The cluster is `topolab run --hold`'s, on this thread: the server samples and controls it
// through a ClusterEngine, and runs the windows' load from the internet host on a LoadRunner.
class LabServer final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LabServer)

public:
    struct Hello {
        QJsonObject design; // TopologyJson of what runs
        QString file;       // where it was read from
        QStringList problems;
        QString oneHostReason;
    };

    LabServer(ClusterController &cluster, Hello hello, QObject *parent = nullptr);
    ~LabServer() override;

    // Listens at `path` (see LabSockets), replacing a socket left there by a lab killed outright
    // but nothing else.
    bool listen(const QString &path, QString *error);
    QString path() const { return m_server.fullServerName(); }

signals:
    // A window asked the lab to stop.
    void stopRequested();

private:
    void accept();
    void execute(LabConnection *from, const QJsonObject &command);
    void broadcast(const QJsonObject &message);
    // Scans what the internet host reaches and answers `from` alone.
    void scan(LabConnection *from);
    QJsonObject hello() const;

    ClusterController &m_cluster;
    Hello m_hello;
    ClusterEngine m_engine;
    LoadRunner m_load;
    QLocalServer m_server;
    std::vector<LabConnection *> m_clients; // children
};

} // namespace topolab::runtime
