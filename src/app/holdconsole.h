#pragma once

#include "headlesscommand.h"

#include <QObject>

class QSocketNotifier;

namespace topolab::runtime {
class ClusterController;
}

namespace topolab::app {

// The commands `topolab run --hold` reads from its standard input while the cluster is up, as
// HAProxy's runtime API: `show` prints the backend table (as JSON with --json), `drain`, `ready`
// and `maintenance` set a server's state, `weight` its weight, kill, freeze, resume and restart
// inject faults, `scan` prints what the internet reaches, `stop` ends the run, `help` lists
// them. A server is named as the table names it ("Server 1"), by the balancer's name for it
// (server-1) or by its node's id. The end of the input only ends the commands: the cluster stays
// up until Ctrl-C or `stop`.
// Commands come from a pipe, a FIFO, a file or the terminal (in the foreground only).
class HoldConsole final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HoldConsole)

public:
    HoldConsole(runtime::ClusterController &cluster, Console console, bool json,
                QObject *parent = nullptr);

    // Carries out one command line; what it prints goes to the console.
    void execute(const QString &line);

private:
    void readInput();
    void take(const QByteArray &bytes);
    void finishInput();
    void show();
    void help();
    // What the internet host reaches of the lab, printed when the scan is done.
    void scan();
    // The balancer's name for the server `name` means, or empty (with the reason printed).
    QString backendNamed(const QString &name);
    QString labelOf(const QString &backend) const;
    // kill, freeze, resume or restart of the node named `name`.
    void fault(const QString &command, const QString &name);
    QStringList runningNodes() const;
    // Why a fault cannot be done to `nodeId`, in words.
    QString whyNot(const QString &nodeId) const;

    runtime::ClusterController &m_cluster;
    Console m_console;
    bool m_json;
    QSocketNotifier *m_notifier = nullptr;
    QByteArray m_pending;
    static constexpr qsizetype kMaxLine = 4096;
};

} // namespace topolab::app
