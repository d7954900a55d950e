#include "livesession.h"

#include "core/lab/labaddresses.h"
#include "gui/charts/chartstyle.h"
#include "gui/panels/chartspanel.h"
#include "gui/panels/logspanel.h"
#include "gui/style/kindstyle.h"
#include "runtime/cluster/labclient.h"

#include <QTimer>

using namespace Qt::StringLiterals;
using namespace topolab::core;
using topolab::runtime::NodeState;

namespace topolab::gui {

QColor stateColor(NodeState state)
{
    switch (state) {
    case NodeState::Healthy:
        return QColor(0x16, 0xa3, 0x4a);
    case NodeState::Starting:
    case NodeState::Degraded:
        return QColor(0xd9, 0x77, 0x06);
    case NodeState::Down:
        return QColor(0xdc, 0x26, 0x26);
    case NodeState::Paused:
        return QColor(0x25, 0x63, 0xeb);
    case NodeState::Stopped:
        return QColor(0x6b, 0x72, 0x80);
    }
    Q_UNREACHABLE();
}

LiveSession::LiveSession(LiveStateModel &model, TopologyScene &scene, ChartsPanel &charts,
                         LogsPanel &logs, std::unique_ptr<runtime::ClusterDriver> driver,
                         QString oneHostReason, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_canvas(m_model, scene)
    , m_charts(charts)
    , m_logs(logs)
    , m_host(std::move(driver))
    , m_oneHostReason(std::move(oneHostReason))
{
    connect(m_host.get(), &runtime::ClusterDriver::started, this, &LiveSession::onStarted);
    connect(m_host.get(), &runtime::ClusterDriver::stopped, this, &LiveSession::onStopped);
    connect(m_host.get(), &runtime::ClusterDriver::stateChanged, this, &LiveSession::onState);
    connect(m_host.get(), &runtime::ClusterDriver::logged, this, &LiveSession::log);
    connect(m_host.get(), &runtime::ClusterDriver::sampled, this, &LiveSession::onSample);
    connect(m_host.get(), &runtime::ClusterDriver::failedOver, this,
            [this](const QString &nodeId, const QString &message) {
                log(nodeId, message);
                mark(message, kindColor(NodeKind::LoadBalancer));
            });
    connect(m_host.get(), &runtime::ClusterDriver::actionDone, this, &LiveSession::onActionDone);
    connect(m_host.get(), &runtime::ClusterDriver::actionFailed, this, [this](const QString &why) {
        log({}, why);
        emit problem(why);
    });
    connect(m_host.get(), &runtime::ClusterDriver::exposureScanned, this,
            &LiveSession::onExposureScanned);
}

LiveSession::~LiveSession()
{
    // The host stops the cluster and waits for it; nothing it says now may reach the window.
    m_host->disconnect(this);
}

bool LiveSession::isDatabase(const QString &nodeId) const
{
    return (plan().primary && plan().primary->nodeId == nodeId) || isReplica(nodeId);
}

bool LiveSession::isReplica(const QString &nodeId) const
{
    return plan().replica && plan().replica->nodeId == nodeId;
}

Outcome LiveSession::start(const Topology &topology, const QString &dataFolder)
{
    if (Outcome ready = begin(topology); !ready)
        return ready;
    log({}, tr("Starting %1…").arg(plan().designName));
    m_host->start(topology, plan(), dataFolder);
    return Outcome::ok();
}

Outcome LiveSession::attach(const Topology &topology, const QString &socketPath)
{
    auto *lab = qobject_cast<runtime::LabClient *>(m_host.get());
    if (!lab)
        return Outcome::refused(tr("This session cannot attach to a lab."));
    if (Outcome ready = begin(topology); !ready)
        return ready;
    log({}, tr("Attaching to the lab at %1…").arg(socketPath));
    lab->attach(socketPath);
    return Outcome::ok();
}

Outcome LiveSession::begin(const Topology &topology)
{
    if (m_active)
        return Outcome::refused(tr("The cluster is already running."));
    auto planned = ClusterPlan::fromTopology(topology);
    if (auto *why = std::get_if<QString>(&planned))
        return Outcome::refused(tr("This design cannot run: %1").arg(*why));
    m_events.reset();
    m_dropsLogged = 0;
    m_dropsLoggedMs = -1;
    m_drainedSaid.clear();
    m_sampleMs = 0;
    m_sinceSample.start();
    m_model.begin(topology, std::get<ClusterPlan>(planned));

    QList<std::pair<QString, QString>> logNodes;
    for (const QString &id : m_model.nodeIds())
        logNodes.append({id, nodeName(id)});
    m_logs.setNodes(logNodes);
    m_charts.setServers(m_model.serverSeries());
    updateSummary();
    if (!m_oneHostReason.isEmpty())
        log({}, tr("One host: %1").arg(m_oneHostReason));
    for (const QString &notRun : plan().notRun)
        log({}, tr("Not run on this machine: %1").arg(notRun));
    m_active = true;
    emit activeChanged(true);
    return Outcome::ok();
}

void LiveSession::stop()
{
    if (!m_active)
        return;
    log({}, tr("Stopping…"));
    m_host->stop();
}

void LiveSession::onStarted(bool ok, const QStringList &problems, const QString &url)
{
    for (const QString &line : problems)
        log({}, line);
    if (!ok) {
        m_model.keepFailures();
        emit problem(tr("The cluster did not start: %1")
                         .arg(problems.isEmpty() ? tr("see the log") : problems.join(u"; "_s)));
        return;
    }
    if (m_host->runsLab()) {
        const LabAddresses addresses(m_model.topology());
        QHash<QString, QString> machines;
        for (const QString &id : m_model.nodeIds())
            if (const QString address = addresses.of(id); !address.isEmpty())
                machines.insert(id, address);
        m_model.setAddresses(machines);
        log({}, tr("Every machine is a host of its own on the lab network %1.")
                    .arg(LabAddresses::kPrivateNetwork.text()));
    }
    log({}, tr("Up: balancer at %1").arg(url));
    emit urlChanged(url);
}

void LiveSession::onStopped()
{
    log({}, tr("Stopped; every process of the cluster has ended."));
    m_model.end();
    m_active = false;
    emit urlChanged({});
    emit activeChanged(false);
    emit summaryChanged({});
}

void LiveSession::onState(const QString &nodeId, NodeState state, const QString &reason)
{
    const NodeState previous = m_model.state(nodeId);
    m_model.setState(nodeId, state, reason);
    // A server lost or back is an event on the time charts, whoever caused it. An application
    // server shares its worker process with the web server, so that one marker says it all.
    const bool appServer =
        std::any_of(plan().workers.cbegin(), plan().workers.cend(),
                    [&](const ClusterPlan::Worker &worker) { return worker.appNodeId == nodeId; });
    if (!appServer && previous != NodeState::Down && state == NodeState::Down)
        mark(tr("%1 down").arg(nodeName(nodeId)), stateColor(state));
    else if (!appServer && previous == NodeState::Down && state == NodeState::Healthy)
        mark(tr("%1 back").arg(nodeName(nodeId)), stateColor(state));
    updateSummary();
}

void LiveSession::reapply(const QString &nodeId)
{
    m_canvas.reapply(nodeId);
}

void LiveSession::updateSummary()
{
    QMap<NodeState, int> counts;
    for (const QString &id : m_model.nodeIds())
        ++counts[m_model.state(id)];
    QStringList parts;
    for (NodeState state : {NodeState::Healthy, NodeState::Starting, NodeState::Degraded,
                            NodeState::Paused, NodeState::Down, NodeState::Stopped}) {
        if (counts.value(state) > 0)
            parts.append(tr("%1 %2").arg(counts.value(state)).arg(runtime::nodeStateName(state)));
    }
    emit summaryChanged(tr("Cluster: %1").arg(parts.join(u", "_s)));
}

void LiveSession::onSample(const runtime::ClusterSample &sample)
{
    m_sampleMs = sample.traffic.takenMs;
    m_sinceSample.start();
    for (const runtime::MetricsSnapshot::Event &event : m_events.take(sample.traffic.events))
        logEvent(event);
    m_model.setTraffic(sample.traffic);
    m_model.setFirewallDrops(sample.firewallDrops);
    noteFirewallDrops(sample);
    noteDrained(sample.traffic);
    m_charts.addSample(sample);
}

void LiveSession::logEvent(const runtime::MetricsSnapshot::Event &event)
{
    using Kind = runtime::MetricsSnapshot::Event::Kind;
    const QString balancer = plan().balancer.nodeId;
    const QString server = m_model.serverLabel(event.backend);
    switch (event.kind) {
    case Kind::Change:
        log(balancer, event.text);
        break;
    case Kind::Down:
        log(balancer, tr("%1 out of the rotation: %2").arg(server, event.text));
        break;
    case Kind::Up:
        log(balancer, tr("%1 back in the rotation: %2").arg(server, event.text));
        break;
    case Kind::Admin:
        log(balancer, tr("%1 %2").arg(server, event.text));
        mark(tr("%1 %2").arg(server, event.summary.isEmpty() ? event.text : event.summary),
             kindColor(NodeKind::LoadBalancer));
        break;
    }
}

void LiveSession::noteDrained(const runtime::MetricsSnapshot &traffic)
{
    for (const runtime::MetricsSnapshot::Backend &backend : traffic.backends) {
        if (backend.admin != runtime::ServerAdminState::Drain) {
            m_drainedSaid.remove(backend.name);
            continue;
        }
        if (!backend.drained() || m_drainedSaid.contains(backend.name))
            continue;
        m_drainedSaid.insert(backend.name);
        const QString server = m_model.serverLabel(backend.name);
        log(plan().balancer.nodeId,
            tr("%1 drained: its last request has finished; it can be stopped safely.").arg(server));
        mark(tr("%1 drained").arg(server), stateColor(NodeState::Degraded));
    }
}

void LiveSession::mark(const QString &text, const QColor &color)
{
    const double seconds =
        (m_sampleMs + (m_sinceSample.isValid() ? m_sinceSample.elapsed() : 0)) / 1000.0;
    m_charts.addMarker(seconds, text, color);
}

void LiveSession::noteFirewallDrops(const runtime::ClusterSample &sample)
{
    // Once in a while, not with every reading: a scan or a flood drops thousands a second.
    constexpr qint64 kEveryMs = 5000;
    if (!plan().firewall || sample.firewallDrops <= m_dropsLogged || sample.dbSampledMs < 0 ||
        (m_dropsLoggedMs >= 0 && sample.dbSampledMs - m_dropsLoggedMs < kEveryMs))
        return;
    log(plan().firewall->nodeId, m_dropsLoggedMs < 0
                                     ? tr("dropped %1 packets so far").arg(sample.firewallDrops)
                                     : tr("dropped %1 more packets in %2 s (%3 since start)")
                                           .arg(sample.firewallDrops - m_dropsLogged)
                                           .arg((sample.dbSampledMs - m_dropsLoggedMs + 500) / 1000)
                                           .arg(sample.firewallDrops));
    m_dropsLogged = sample.firewallDrops;
    m_dropsLoggedMs = sample.dbSampledMs;
}

void LiveSession::log(const QString &nodeId, const QString &line)
{
    m_logs.append(nodeId, line);
}

void LiveSession::kill(const QString &nodeId)
{
    m_host->kill(nodeId);
}

void LiveSession::pause(const QString &nodeId)
{
    m_host->pause(nodeId);
}

void LiveSession::resume(const QString &nodeId)
{
    m_host->resume(nodeId);
}

void LiveSession::restart(const QString &nodeId)
{
    m_host->restart(nodeId);
}

void LiveSession::setServerState(const QString &nodeId, runtime::ServerAdminState state)
{
    m_host->setServerState(nodeId, state);
}

void LiveSession::setWeight(const QString &nodeId, int weight)
{
    m_host->setWeight(nodeId, weight);
}

void LiveSession::setAlgorithm(core::BalancingAlgorithm algorithm)
{
    m_host->setAlgorithm(algorithm);
}

void LiveSession::setReplicationRunning(bool running)
{
    m_host->setReplicationRunning(running);
}

void LiveSession::scanExposure()
{
    // A lab answers for itself, on one host too (it knows why); this session knows why it runs
    // the cluster on one host itself.
    if (m_oneHostReason.isEmpty()) {
        m_host->scanExposure();
        return;
    }
    // No internet to scan from here; said as a report, as a lab would.
    QTimer::singleShot(
        0, this, [this] { onExposureScanned(runtime::ExposureReport::oneHost(m_oneHostReason)); });
}

void LiveSession::onExposureScanned(const runtime::ExposureReport &report)
{
    // Under the firewall's name when there is one: it is what decides the answer.
    const QString node = plan().firewall ? plan().firewall->nodeId : QString();
    if (report.error.isEmpty())
        log(node, tr("Exposure scan from the internet (%1): %2 of %3 ports open. %4")
                      .arg(report.from)
                      .arg(report.count(runtime::ExposureReport::Outcome::Open))
                      .arg(report.results.size())
                      .arg(report.verdict()));
    emit exposureScanned(report);
}

// Logged and marked once the runtime has done it, never for a request that failed. A server's
// state and weight are logged from the balancer's own events instead, whoever changed them.
void LiveSession::onActionDone(runtime::ClusterAction action, const QString &subject)
{
    using runtime::ClusterAction;
    const QString name = nodeName(subject);
    switch (action) {
    case ClusterAction::Kill:
        log(subject, tr("killed by the user (SIGKILL)"));
        mark(tr("%1 killed").arg(name), stateColor(NodeState::Down));
        break;
    case ClusterAction::Pause:
        log(subject, tr("frozen by the user (SIGSTOP)"));
        mark(tr("%1 paused").arg(name), stateColor(NodeState::Paused));
        break;
    case ClusterAction::Resume:
        log(subject, tr("resumed by the user (SIGCONT)"));
        mark(tr("%1 resumed").arg(name), stateColor(NodeState::Healthy));
        break;
    case ClusterAction::Restart:
        log(subject, tr("restarted by the user"));
        mark(tr("%1 restarted").arg(name), stateColor(NodeState::Starting));
        break;
    case ClusterAction::Algorithm:
        mark(tr("algorithm: %1").arg(subject), kindColor(NodeKind::LoadBalancer));
        break;
    case ClusterAction::Replication: {
        const bool on = subject == u"on"_s;
        log(plan().replica ? plan().replica->nodeId : QString(),
            on ? tr("replication restored by the user") : tr("replication broken by the user"));
        mark(on ? tr("replication restored") : tr("replication broken"),
             on ? stateColor(NodeState::Healthy) : stateColor(NodeState::Down));
        break;
    }
    case ClusterAction::Drain:
    case ClusterAction::Maintenance:
    case ClusterAction::Ready:
    case ClusterAction::Weight:
        break;
    }
}

} // namespace topolab::gui
