#pragma once

#include "runtime/worker/databaselink.h"

#include "runtime/process/childprocess.h"

#include <QObject>

namespace topolab::runtime {

// One web/app worker as a child process (`topolab worker …`): start, kill (SIGKILL), pause
// (SIGSTOP), resume and restart, for the controller's fault injection. Its output is the node's
// log. It dies with Topolab.
class WorkerNode final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkerNode)

public:
    struct Options {
        QString program; // the topolab binary
        QString name;
        quint16 port = 0;
        QString site;
        DatabaseAddress primary;
        DatabaseAddress replica;
        // In a lab: the worker's host, where it listens on every address of its own.
        const NetworkHost *host = nullptr;
    };

    explicit WorkerNode(Options options, QObject *parent = nullptr);
    ~WorkerNode() override;

    // Starts the process and waits until it listens; false with the reason otherwise.
    bool start(QString *error);
    void stop();
    void kill();
    bool pause();
    bool resume();

    bool isRunning() const { return m_child.isRunning(); }
    qint64 pid() const { return m_child.pid(); }
    quint16 port() const { return m_port; }
    const Options &options() const { return m_options; }

signals:
    void logLine(const QString &line);
    void exitedUnexpectedly(const QString &reason);

private:
    Options m_options;
    ChildProcess m_child;
    QProcess &m_process = m_child.process();
    quint16 m_port = 0;
    QStringList m_recentErrors;
};

} // namespace topolab::runtime
