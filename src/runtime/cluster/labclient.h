#pragma once

#include "clusterdriver.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTimer>
#include <chrono>
#include <memory>
#include <optional>

class QProcess;

namespace topolab::runtime {

class LabConnection;

// Runs a cluster for a window in a lab process (`topolab run FILE --hold --control SOCKET`),
// where every machine is a host of its own, and drives it through the lab protocol
// (docs/lab-protocol.md); or attaches to a lab already running (`topolab run --hold` in a
// terminal), so that a headless lab can be watched and controlled.
class LabClient final : public ClusterDriver {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LabClient)

public:
    // Starts labs with `program`, the topolab binary, their initialised MariaDB folders in
    // `cacheRoot` (empty: the user's cache).
    explicit LabClient(QString program, QString cacheRoot = {}, QObject *parent = nullptr);
    // A lab it started is stopped, and waited for: no process outlives the window. One it
    // attached to keeps running.
    ~LabClient() override;

    // Connects to the lab listening at `socketPath` (LabSockets::listening); its hello arrives
    // as `attached`, then `started` as for a lab this client started.
    void attach(const QString &socketPath);
    // The hello of the lab at `socketPath`, read at once and the connection closed (to list
    // the running labs); nullopt when none answers within `timeoutMs`.
    static std::optional<QJsonObject> hello(const QString &socketPath, int timeoutMs);

    bool isRunning() const override { return m_running; }
    QString url() const override { return m_url; }
    bool runsLab() const override { return m_running && m_oneHostReason.isEmpty(); }
    // Why the lab runs as one host ("" when every machine is a host), from its hello.
    QString oneHostReason() const { return m_oneHostReason; }

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
    bool isLoadRunning() const override { return m_loadRunning; }
    // How long a lab this client starts may take to be up before it is stopped as hung.
    void setUpDeadline(std::chrono::milliseconds deadline) { m_upDeadline = deadline; }
    void scanExposure() override;

signals:
    // The hello of a lab attached to: what it runs, and from which file.
    void attached(const QJsonObject &design, const QString &file);

private:
    void connectToLab();
    void onMessage(const QJsonObject &message);
    void onHello(const QJsonObject &hello);
    void onProcessEnded();
    void lost(const QString &why);
    void send(const QJsonObject &command);

    QString m_program;
    QString m_cacheRoot;
    std::unique_ptr<QTemporaryDir> m_folder;
    QProcess *m_process = nullptr;
    LabConnection *m_connection = nullptr;
    QTimer m_retry;
    QString m_socketPath;
    QByteArray m_errors; // what the lab process said on its standard error
    QElapsedTimer m_launched;
    // Two MariaDB servers may take their 30 s each, and keepalived its seconds, before a lab
    // is up; a lab not up well after that is hung.
    std::chrono::milliseconds m_upDeadline{180'000};
    QString m_url;
    QString m_oneHostReason;
    bool m_attaching = false;
    bool m_helloSeen = false;
    bool m_stopAsked = false; // by this window: its end is no surprise
    bool m_running = false;
    bool m_loadRunning = false;
};

} // namespace topolab::runtime
