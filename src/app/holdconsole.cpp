#include "holdconsole.h"

#include "runtime/cluster/clustercontroller.h"
#include "runtime/metrics/backendtable.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSocketNotifier>
#include <unistd.h>

using namespace Qt::StringLiterals;
using topolab::runtime::BackendTable;
using topolab::runtime::ServerAdminState;

namespace topolab::app {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(HoldConsole)
};

} // namespace

HoldConsole::HoldConsole(runtime::ClusterController &cluster, Console console, bool json,
                         QObject *parent)
    : QObject(parent)
    , m_cluster(cluster)
    , m_console(console)
    , m_json(json)
    , m_notifier(new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this))
{
    connect(m_notifier, &QSocketNotifier::activated, this, &HoldConsole::readInput);
}

void HoldConsole::readInput()
{
    char buffer[4096];
    const ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (got <= 0) {
        // The end of the input (or </dev/null): no more commands, but the cluster stays up.
        m_notifier->setEnabled(false);
        return;
    }
    m_pending.append(buffer, got);
    qsizetype end;
    while ((end = m_pending.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_pending.left(end)).trimmed();
        m_pending.remove(0, end + 1);
        execute(line);
    }
}

void HoldConsole::execute(const QString &line)
{
    const QStringList words = line.split(u' ', Qt::SkipEmptyParts);
    const QString command = words.value(0).toLower();
    if (command.isEmpty() || command == u"show"_s) {
        show();
        return;
    }
    if (command == u"help"_s) {
        help();
        return;
    }
    const std::optional<ServerAdminState> state = runtime::serverAdminStateFromName(command);
    const bool weight = command == u"weight"_s;
    if (!state && !weight) {
        m_console.err << Tr::tr("Unknown command \"%1\".").arg(command) << u'\n';
        help();
        return;
    }
    // The name may have spaces ("Server 1"); a weight's number comes last.
    QStringList nameWords = words.mid(1);
    int value = 0;
    if (weight) {
        bool ok = false;
        value = nameWords.isEmpty() ? -1 : nameWords.takeLast().toInt(&ok);
        if (!ok || nameWords.isEmpty()) {
            m_console.err << Tr::tr("Usage: weight SERVER N (N from 0 to %1)")
                                 .arg(runtime::Balancer::kMaxWeight)
                          << u'\n';
            m_console.err.flush();
            return;
        }
    } else if (nameWords.isEmpty()) {
        m_console.err << Tr::tr("Usage: %1 SERVER").arg(command) << u'\n';
        m_console.err.flush();
        return;
    }
    const QString backend = backendNamed(nameWords.join(u' '));
    if (backend.isEmpty())
        return;
    const bool done = weight ? m_cluster.balancer()->setWeight(backend, value)
                             : m_cluster.balancer()->setServerState(backend, *state);
    if (!done)
        m_console.err << Tr::tr("The weight must be a whole number from 0 to %1.")
                             .arg(runtime::Balancer::kMaxWeight)
                      << u'\n';
    else
        m_console.err << Tr::tr("%1: %2").arg(labelOf(backend),
                                              weight ? Tr::tr("weight %1").arg(value)
                                                     : runtime::serverAdminStateName(*state))
                      << u'\n';
    m_console.err.flush();
}

QString HoldConsole::labelOf(const QString &backend) const
{
    for (const core::ClusterPlan::Worker &worker : m_cluster.plan().workers) {
        if (worker.name == backend)
            return worker.label;
    }
    return backend;
}

QString HoldConsole::backendNamed(const QString &name)
{
    QStringList known;
    for (const core::ClusterPlan::Worker &worker : m_cluster.plan().workers) {
        if (name.compare(worker.label, Qt::CaseInsensitive) == 0 || name == worker.name ||
            name == worker.nodeId || (!worker.appNodeId.isEmpty() && name == worker.appNodeId))
            return worker.name;
        known.append(worker.label);
    }
    m_console.err << Tr::tr("No server \"%1\" behind the balancer; the servers are: %2.")
                         .arg(name, known.join(u", "_s))
                  << u'\n';
    m_console.err.flush();
    return {};
}

void HoldConsole::show()
{
    const runtime::MetricsSnapshot snapshot = m_cluster.balancer()->snapshot();
    QHash<QString, QString> labels;
    for (const runtime::MetricsSnapshot::Backend &backend : snapshot.backends)
        labels.insert(backend.name, labelOf(backend.name));
    if (m_json) {
        QJsonArray servers;
        for (const runtime::MetricsSnapshot::Backend &backend : snapshot.backends)
            servers.append(
                BackendTable::json(backend, labels.value(backend.name), snapshot.takenMs));
        m_console.out
            << QJsonDocument(QJsonObject{{u"servers"_s, servers}}).toJson(QJsonDocument::Compact)
            << u'\n';
    } else {
        m_console.out << BackendTable::text(snapshot, labels);
    }
    m_console.out.flush();
}

void HoldConsole::help()
{
    m_console.err << Tr::tr("Commands (one per line):\n"
                            "  show                  the backend table (also an empty line)\n"
                            "  drain SERVER          no new requests; those in flight finish\n"
                            "  maintenance SERVER    out at once, not health-checked\n"
                            "  ready SERVER          takes requests again\n"
                            "  weight SERVER N       its weight, 0 to %1\n"
                            "  help                  this list\n"
                            "SERVER: as the table names it (\"Server 1\") or server-1.")
                         .arg(runtime::Balancer::kMaxWeight)
                  << u'\n';
    m_console.err.flush();
}

} // namespace topolab::app
