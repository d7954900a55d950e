#pragma once

#include <QObject>
#include <QProcess>
#include <chrono>

namespace topolab::runtime {

class NetworkHost;

// A child process with the life cycle every node of a cluster shares (a worker, a MariaDB
// server): it dies with Topolab, even when frozen or when Topolab is killed outright
// (PR_SET_PDEATHSIG=SIGKILL); stop() asks it to end (SIGTERM, after resuming a frozen one, which
// could not act on it) and kills it after a grace period; kill, pause and resume are SIGKILL,
// SIGSTOP and SIGCONT for fault injection; and an end nobody asked for is reported.
class ChildProcess final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChildProcess)

public:
    explicit ChildProcess(QObject *parent = nullptr);
    ~ChildProcess() override;

    // The process itself, for its channels and environment; its life goes through this class.
    QProcess &process() { return m_process; }

    // From the next start on, the process runs inside `host` (a machine of the lab).
    void placeIn(const NetworkHost &host);
    // Starts `program`; false with the reason when it cannot run at all.
    bool start(const QString &program, const QStringList &arguments, QString *error);
    void stop(std::chrono::milliseconds grace);
    void kill();
    bool pause();
    bool resume();

    bool isRunning() const { return m_process.state() == QProcess::Running; }
    qint64 pid() const { return m_process.processId(); }

signals:
    // It ended other than through stop(): a crash, kill() (fault injection) or a signal from
    // outside.
    void exitedUnexpectedly(int exitCode, QProcess::ExitStatus status);

private:
    QProcess m_process;
    bool m_stopping = false;
};

} // namespace topolab::runtime
