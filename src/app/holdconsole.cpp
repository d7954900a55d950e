#include "holdconsole.h"

#include "exposureprinter.h"
#include "nearestword.h"
#include "runreport.h"
#include "runtime/cluster/clustercontroller.h"
#include "runtime/metrics/backendtable.h"
#include "runtime/net/exposurescan.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSocketNotifier>
#include <cerrno>
#include <sys/stat.h>
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
{
    struct stat input {};
    if (::fstat(STDIN_FILENO, &input) != 0)
        return;
    if (S_ISREG(input.st_mode)) {
        // A file of commands (`--hold < commands.txt`): read at once; epoll cannot watch it.
        char buffer[4096];
        ssize_t got;
        while ((got = ::read(STDIN_FILENO, buffer, sizeof buffer)) > 0)
            take(QByteArray(buffer, got));
        finishInput();
        return;
    }
    // A terminal only while this is its foreground job: reading it from the background would
    // stop the whole process, servers and all (SIGTTIN).
    const bool terminal = ::isatty(STDIN_FILENO) == 1;
    if (terminal && ::tcgetpgrp(STDIN_FILENO) != ::getpgrp())
        return;
    // Pipes, FIFOs, sockets and terminals can be watched; /dev/null and other devices say
    // nothing.
    if (!terminal && !S_ISFIFO(input.st_mode) && !S_ISSOCK(input.st_mode))
        return;
    m_notifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &HoldConsole::readInput);
}

void HoldConsole::readInput()
{
    char buffer[4096];
    const ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (got < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (got <= 0) {
        // The end of the input: no more commands, but the cluster stays up.
        m_notifier->setEnabled(false);
        finishInput();
        return;
    }
    take(QByteArray(buffer, got));
}

void HoldConsole::take(const QByteArray &bytes)
{
    m_pending.append(bytes);
    qsizetype end;
    while ((end = m_pending.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_pending.left(end)).trimmed();
        m_pending.remove(0, end + 1);
        execute(line);
    }
    // A line is a command: one this long is not, and keeping it would only grow.
    if (m_pending.size() > kMaxLine)
        m_pending.clear();
}

void HoldConsole::finishInput()
{
    // The last command may have no newline after it.
    const QString last = QString::fromUtf8(m_pending).trimmed();
    m_pending.clear();
    if (!last.isEmpty())
        execute(last);
}

void HoldConsole::execute(const QString &line)
{
    static const QRegularExpression space(u"\\s+"_s);
    const QStringList words = line.split(space, Qt::SkipEmptyParts);
    const QString command = words.value(0).toLower();
    if (command.isEmpty() || command == u"show"_s) {
        show();
        return;
    }
    if (command == u"help"_s) {
        help();
        return;
    }
    if (command == u"scan"_s) {
        scan();
        return;
    }
    if (command == u"stop"_s || command == u"quit"_s || command == u"exit"_s) {
        // As Ctrl-C: the run stops everything it started and reports.
        QCoreApplication::quit();
        return;
    }
    if (command == u"kill"_s || command == u"freeze"_s || command == u"resume"_s ||
        command == u"restart"_s) {
        fault(command, words.mid(1).join(u' '));
        return;
    }
    const std::optional<ServerAdminState> state = runtime::serverAdminStateFromName(command);
    const bool weight = command == u"weight"_s;
    if (!state && !weight) {
        m_console.err << Tr::tr("Unknown command \"%1\".").arg(command);
        static const QStringList known = {u"show"_s,    u"drain"_s, u"maintenance"_s, u"ready"_s,
                                          u"weight"_s,  u"kill"_s,  u"freeze"_s,      u"resume"_s,
                                          u"restart"_s, u"scan"_s,  u"stop"_s,        u"help"_s};
        if (const QString nearest = nearestWord(command, known); !nearest.isEmpty())
            m_console.err << u" "_s << Tr::tr("Did you mean \"%1\"?").arg(nearest);
        m_console.err << u'\n';
        help();
        return;
    }
    // The name may have spaces ("Server 1"); a weight's number comes last.
    QStringList nameWords = words.mid(1);
    int value = 0;
    if (weight) {
        bool ok = false;
        // "weight Server 1" names a server and no weight: its "1" is not the weight.
        const bool onlyAName = m_cluster.plan().serverNamed(nameWords.join(u' ')) != nullptr;
        value = nameWords.isEmpty() ? -1 : nameWords.takeLast().toInt(&ok);
        if (!ok || nameWords.isEmpty() || onlyAName) {
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
    if (weight && (value < 0 || value > runtime::Balancer::kMaxWeight)) {
        m_console.err << Tr::tr("The weight must be a whole number from 0 to %1.")
                             .arg(runtime::Balancer::kMaxWeight)
                      << u'\n';
        m_console.err.flush();
        return;
    }
    bool done = false;
    for (runtime::Balancer *balancer : m_cluster.balancers())
        done = (weight ? balancer->setWeight(backend, value)
                       : balancer->setServerState(backend, *state)) ||
               done;
    if (!done)
        m_console.err << Tr::tr("The balancer is not running.") << u'\n';
    else
        m_console.err << Tr::tr("%1: %2").arg(labelOf(backend),
                                              weight ? Tr::tr("weight %1").arg(value)
                                                     : runtime::serverAdminStateName(*state))
                      << u'\n';
    m_console.err.flush();
}

void HoldConsole::fault(const QString &command, const QString &name)
{
    const core::ClusterPlan &plan = m_cluster.plan();
    QString nodeId;
    if (const core::ClusterPlan::Worker *server = plan.serverNamed(name))
        nodeId = server->nodeId;
    for (auto it = plan.nodeNames.cbegin(); nodeId.isEmpty() && it != plan.nodeNames.cend(); ++it) {
        if (it.value().compare(name, Qt::CaseInsensitive) == 0 || it.key() == name)
            nodeId = it.key();
    }
    if (name.isEmpty() || !m_cluster.nodeIds().contains(nodeId)) {
        m_console.err << Tr::tr("Usage: %1 NODE, where NODE is one of: %2.")
                             .arg(command, runningNodes().join(u", "_s))
                      << u'\n';
        m_console.err.flush();
        return;
    }
    QString error;
    const bool done = command == u"kill"_s     ? m_cluster.kill(nodeId)
                      : command == u"freeze"_s ? m_cluster.pause(nodeId)
                      : command == u"resume"_s ? m_cluster.resume(nodeId)
                                               : m_cluster.restart(nodeId, &error);
    if (done)
        m_console.err << Tr::tr("%1: %2").arg(plan.nodeName(nodeId),
                                              runtime::nodeStateName(m_cluster.state(nodeId)))
                      << u'\n';
    else
        m_console.err << Tr::tr("Cannot %1 \"%2\": %3")
                             .arg(command, plan.nodeName(nodeId),
                                  error.isEmpty() ? whyNot(nodeId) : error)
                      << u'\n';
    m_console.err.flush();
}

void HoldConsole::scan()
{
    const runtime::LabNetwork *lab = m_cluster.lab();
    if (!lab) {
        printExposure(runtime::ExposureReport::oneHost({}), m_cluster.plan().designName, m_json,
                      true, m_console);
        return;
    }
    // The console keeps reading meanwhile; the answer comes within a second.
    auto *scan =
        new runtime::ExposureScan(m_cluster.plan(), *lab, runtime::ExposureScan::kTimeout, this);
    connect(scan, &runtime::ExposureScan::finished, this,
            [this, scan](const runtime::ExposureReport &report) {
                printExposure(report, m_cluster.plan().designName, m_json, true, m_console);
                scan->deleteLater();
            });
}

QString HoldConsole::whyNot(const QString &nodeId) const
{
    const core::ClusterPlan &plan = m_cluster.plan();
    if (plan.firewall && nodeId == plan.firewall->nodeId)
        return Tr::tr("the firewall is rules in the kernel, with no process of its own.");
    if (nodeId == plan.balancer.nodeId && !m_cluster.standbyBalancer())
        return Tr::tr("a lone balancer is the site; only a balancer of a running pair can fail "
                      "here.");
    return Tr::tr("it is %1 now.").arg(runtime::nodeStateName(m_cluster.state(nodeId)));
}

QStringList HoldConsole::runningNodes() const
{
    QStringList names;
    for (const QString &id : m_cluster.nodeIds())
        names.append(m_cluster.plan().nodeName(id));
    names.sort();
    return names;
}

QString HoldConsole::labelOf(const QString &backend) const
{
    const core::ClusterPlan::Worker *server = m_cluster.plan().serverNamed(backend);
    return server ? server->label : backend;
}

QString HoldConsole::backendNamed(const QString &name)
{
    const core::ClusterPlan &plan = m_cluster.plan();
    if (const core::ClusterPlan::Worker *server = plan.serverNamed(name))
        return server->name;
    if (const core::ClusterPlan::Worker *server = plan.serverOf(name))
        return server->name;
    QStringList known;
    for (const core::ClusterPlan::Worker &worker : plan.workers)
        known.append(worker.label);
    m_console.err << Tr::tr("No server \"%1\" behind the balancer; the servers are: %2.")
                         .arg(name, known.join(u", "_s))
                  << u'\n';
    m_console.err.flush();
    return {};
}

void HoldConsole::show()
{
    const runtime::MetricsSnapshot snapshot =
        m_cluster.siteSnapshot(60);
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
        if (m_cluster.plan().standby && m_cluster.lab())
            m_console.out << RunReport::floatingLine(m_cluster.plan().floatingAddress,
                                                     RunReport::floatingHolderNames(m_cluster))
                          << u'\n';
    }
    m_console.out.flush();
}

void HoldConsole::help()
{
    m_console.err << Tr::tr(
                         "Commands (one per line):\n"
                         "  show                  the backend table (also an empty line)\n"
                         "  drain SERVER          no new requests; those in flight finish\n"
                         "  maintenance SERVER    out at once, not health-checked\n"
                         "  ready SERVER          takes requests again\n"
                         "  weight SERVER N       its weight, 0 to %1\n"
                         "  kill NODE             ends it (SIGKILL; a balancer of a pair stops)\n"
                         "  freeze NODE           stops it in its tracks (SIGSTOP)\n"
                         "  resume NODE           lets a frozen one go on\n"
                         "  restart NODE          starts it again\n"
                         "  scan                  what the internet reaches, as topolab scan\n"
                         "  stop                  stops the cluster and ends, as Ctrl-C "
                         "(also quit, exit)\n"
                         "  help                  this list\n"
                         "SERVER: as the table names it (\"Server 1\") or server-1.\n"
                         "NODE: a server, a database or a balancer of a pair, by its name.")
                         .arg(runtime::Balancer::kMaxWeight)
                  << u'\n';
    m_console.err.flush();
}

} // namespace topolab::app
