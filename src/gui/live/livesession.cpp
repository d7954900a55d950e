#include "livesession.h"

#include "gui/canvas/linkitem.h"
#include "gui/canvas/nodeitem.h"
#include "gui/canvas/topologyscene.h"
#include "gui/charts/chartstyle.h"
#include "gui/panels/chartspanel.h"
#include "gui/panels/logspanel.h"

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

LiveSession::LiveSession(TopologyScene &scene, ChartsPanel &charts, LogsPanel &logs,
                         runtime::ClusterController::Options options, QObject *parent)
    : QObject(parent)
    , m_scene(scene)
    , m_charts(charts)
    , m_logs(logs)
    , m_host(std::make_unique<runtime::ClusterHost>(std::move(options)))
{
    connect(m_host.get(), &runtime::ClusterHost::started, this, &LiveSession::onStarted);
    connect(m_host.get(), &runtime::ClusterHost::stopped, this, &LiveSession::onStopped);
    connect(m_host.get(), &runtime::ClusterHost::stateChanged, this, &LiveSession::onState);
    connect(m_host.get(), &runtime::ClusterHost::logged, this, &LiveSession::log);
    connect(m_host.get(), &runtime::ClusterHost::sampled, this, &LiveSession::onSample);
    connect(m_host.get(), &runtime::ClusterHost::actionDone, this, &LiveSession::onActionDone);
    connect(m_host.get(), &runtime::ClusterHost::actionFailed, this, [this](const QString &why) {
        log({}, why);
        emit problem(why);
    });
}

LiveSession::~LiveSession()
{
    // The host stops the cluster and waits for it; nothing it says now may reach the window.
    m_host->disconnect(this);
}

NodeState LiveSession::state(const QString &nodeId) const
{
    return m_states.value(nodeId, NodeState::Stopped);
}

bool LiveSession::isDatabase(const QString &nodeId) const
{
    return (m_plan.primary && m_plan.primary->nodeId == nodeId) || isReplica(nodeId);
}

bool LiveSession::isReplica(const QString &nodeId) const
{
    return m_plan.replica && m_plan.replica->nodeId == nodeId;
}

QString LiveSession::nodeName(const QString &nodeId) const
{
    const Node *node = m_topology.node(nodeId);
    return node ? node->name : nodeId;
}

Outcome LiveSession::start(const Topology &topology, const QString &dataFolder)
{
    if (m_active)
        return Outcome::refused(tr("The cluster is already running."));
    auto planned = ClusterPlan::fromTopology(topology);
    if (auto *why = std::get_if<QString>(&planned))
        return Outcome::refused(tr("This design cannot run: %1").arg(*why));
    m_plan = std::get<ClusterPlan>(std::move(planned));
    m_topology = topology;
    m_states.clear();
    m_reasons.clear();
    m_failedAtStart.clear();
    m_servers.clear();
    m_eventsSeen = 0;
    m_sampled = false;
    m_backendHealthy.clear();
    m_sampleMs = 0;
    m_sinceSample.start();

    QList<std::pair<QString, QString>> logNodes;
    const auto track = [&](const QString &id) {
        if (id.isEmpty())
            return;
        m_states.insert(id, NodeState::Starting);
        logNodes.append({id, nodeName(id)});
    };
    track(m_plan.balancer.nodeId);
    for (int i = 0; i < m_plan.workers.size(); ++i) {
        const ClusterPlan::Worker &worker = m_plan.workers.at(i);
        track(worker.nodeId);
        track(worker.appNodeId);
        m_servers.append({worker.name, worker.label, ChartStyle::serverColor(i)});
    }
    if (m_plan.primary)
        track(m_plan.primary->nodeId);
    if (m_plan.replica)
        track(m_plan.replica->nodeId);
    m_logs.setNodes(logNodes);
    m_charts.setServers(m_servers);
    for (const QString &id : m_states.keys())
        onState(id, NodeState::Starting, {});
    for (const QString &notRun : std::as_const(m_plan.notRun))
        log({}, tr("Not run on this machine: %1").arg(notRun));
    log({}, tr("Starting %1…").arg(m_plan.designName));
    m_active = true;
    emit activeChanged(true);
    m_host->start(m_plan, dataFolder);
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
        for (auto it = m_states.cbegin(); it != m_states.cend(); ++it)
            if (it.value() == NodeState::Down)
                m_failedAtStart.insert(it.key(), m_reasons.value(it.key()));
        emit problem(tr("The cluster did not start: %1")
                         .arg(problems.isEmpty() ? tr("see the log") : problems.join(u"; "_s)));
        return;
    }
    log({}, tr("Up: balancer at %1").arg(url));
    emit urlChanged(url);
}

void LiveSession::onStopped()
{
    log({}, tr("Stopped; every process of the cluster has ended."));
    clearCanvas();
    // A start that failed leaves the cards that failed it marked down, with the reason, until
    // the next start: the status bar's message alone is gone after a few seconds.
    for (auto it = m_failedAtStart.cbegin(); it != m_failedAtStart.cend(); ++it) {
        if (NodeItem *item = m_scene.nodeItem(it.key())) {
            item->setStateBadge(runtime::nodeStateName(NodeState::Down),
                                stateColor(NodeState::Down));
            item->setDown(true);
            item->setToolTip(tr("%1 did not start: %2").arg(nodeName(it.key()), it.value()));
        }
    }
    m_active = false;
    emit urlChanged({});
    emit activeChanged(false);
    emit summaryChanged({});
}

void LiveSession::onState(const QString &nodeId, NodeState state, const QString &reason)
{
    const NodeState previous = m_states.value(nodeId, NodeState::Stopped);
    m_states.insert(nodeId, state);
    m_reasons.insert(nodeId, reason);
    if (NodeItem *item = m_scene.nodeItem(nodeId)) {
        item->setStateBadge(runtime::nodeStateName(state), stateColor(state));
        item->setDown(state == NodeState::Down);
        item->setToolTip(describe(nodeId));
    }
    showBalancerDegradation();
    // A server lost or back is an event on the time charts, whoever caused it. An application
    // server shares its worker process with the web server, so that one marker says it all.
    const bool appServer =
        std::any_of(m_plan.workers.cbegin(), m_plan.workers.cend(),
                    [&](const ClusterPlan::Worker &worker) { return worker.appNodeId == nodeId; });
    if (!appServer && previous != NodeState::Down && state == NodeState::Down)
        mark(tr("%1 down").arg(nodeName(nodeId)), stateColor(state));
    else if (!appServer && previous == NodeState::Down && state == NodeState::Healthy)
        mark(tr("%1 back").arg(nodeName(nodeId)), stateColor(state));
    emit nodeStateChanged(nodeId);
    updateSummary();
}

void LiveSession::showBalancerDegradation()
{
    // The balancer itself runs, but with servers behind it lost it no longer spreads the load:
    // say so on its card.
    NodeItem *balancer = m_scene.nodeItem(m_plan.balancer.nodeId);
    if (!balancer || m_states.value(m_plan.balancer.nodeId) != NodeState::Healthy)
        return;
    int lost = 0;
    for (const ClusterPlan::Worker &worker : std::as_const(m_plan.workers)) {
        const NodeState state = m_states.value(worker.nodeId);
        lost += state == NodeState::Down || state == NodeState::Paused ? 1 : 0;
    }
    if (lost > 0)
        balancer->setStateBadge(tr("degraded"), stateColor(NodeState::Degraded));
    else
        balancer->setStateBadge(runtime::nodeStateName(NodeState::Healthy),
                                stateColor(NodeState::Healthy));
}

void LiveSession::reapply(const QString &nodeId)
{
    NodeItem *item = m_scene.nodeItem(nodeId);
    if (item && m_states.contains(nodeId))
        item->setToolTip(describe(nodeId));
}

QString LiveSession::describe(const QString &nodeId) const
{
    if (!m_states.contains(nodeId))
        return {};
    const QString state = runtime::nodeStateName(m_states.value(nodeId));
    const QString reason = m_reasons.value(nodeId);
    return reason.isEmpty() ? state : tr("%1: %2").arg(state, reason);
}

void LiveSession::updateSummary()
{
    QMap<NodeState, int> counts;
    for (NodeState state : std::as_const(m_states))
        ++counts[state];
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
    m_sampled = true;
    for (const runtime::MetricsSnapshot::Backend &backend : sample.traffic.backends)
        m_backendHealthy.insert(backend.name, backend.healthy);
    // Only the events not seen yet: the snapshot repeats the newest ones every time.
    const qsizetype fresh =
        std::min<qsizetype>(sample.traffic.events.size(), sample.traffic.eventsEver - m_eventsSeen);
    m_eventsSeen = sample.traffic.eventsEver;
    for (const runtime::MetricsSnapshot::Event &event :
         sample.traffic.events.mid(sample.traffic.events.size() - std::max<qsizetype>(0, fresh))) {
        using Kind = runtime::MetricsSnapshot::Event::Kind;
        const QString server = serverLabel(event.backend);
        switch (event.kind) {
        case Kind::Change:
            log(m_plan.balancer.nodeId, event.text);
            break;
        case Kind::Down:
            log(m_plan.balancer.nodeId, tr("%1 out of the rotation: %2").arg(server, event.text));
            break;
        case Kind::Up:
            log(m_plan.balancer.nodeId, tr("%1 back in the rotation: %2").arg(server, event.text));
            break;
        }
    }
    m_charts.addSample(sample);
    showTraffic(sample);
}

void LiveSession::showTraffic(const runtime::ClusterSample &sample)
{
    // The last complete second, so the numbers do not flicker while a bucket fills.
    QHash<QString, double> perSecond;
    double total = 0;
    for (const runtime::MetricsSnapshot::Backend &backend : sample.traffic.backends) {
        const qsizetype last = backend.recent.size() - 2;
        const double rate = last >= 0 ? static_cast<double>(backend.recent.at(last).requests) *
                                            1000.0 / static_cast<double>(sample.traffic.bucketMs)
                                      : 0;
        perSecond.insert(backend.name, rate);
        total += rate;
    }
    for (int i = 0; i < m_plan.workers.size() && i < m_servers.size(); ++i) {
        const ClusterPlan::Worker &worker = m_plan.workers.at(i);
        const double rate = perSecond.value(worker.name);
        const QColor color = m_servers.at(i).color;
        if (NodeItem *item = m_scene.nodeItem(worker.nodeId))
            item->setTraffic(tr("%1 req/s").arg(rate, 0, 'f', 0), color);
        for (const Link &link : m_topology.linksTo(worker.nodeId)) {
            if (LinkItem *item = m_scene.linkItem(link.id);
                item && link.from == m_plan.balancer.nodeId)
                item->setLoad(total > 0 ? rate / total : 0, color);
        }
    }
    if (NodeItem *balancer = m_scene.nodeItem(m_plan.balancer.nodeId))
        balancer->setTraffic(tr("%1 req/s").arg(total, 0, 'f', 0), QColor(0x8b, 0x5c, 0xf6));
}

void LiveSession::clearCanvas()
{
    for (auto it = m_states.cbegin(); it != m_states.cend(); ++it) {
        if (NodeItem *item = m_scene.nodeItem(it.key())) {
            item->setStateBadge({}, {});
            item->setDown(false);
            item->setTraffic({}, {});
            item->setNode(item->node()); // the design's tooltip again
        }
    }
    for (const Link &link : m_topology.links()) {
        if (LinkItem *item = m_scene.linkItem(link.id))
            item->setLoad(0, {});
    }
    m_states.clear();
}

void LiveSession::mark(const QString &text, const QColor &color)
{
    const double seconds =
        (m_sampleMs + (m_sinceSample.isValid() ? m_sinceSample.elapsed() : 0)) / 1000.0;
    m_charts.addMarker(seconds, text, color);
}

QString LiveSession::serverLabel(const QString &backend) const
{
    for (const ServerSeries &server : m_servers)
        if (server.backend == backend)
            return server.label;
    return backend;
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

void LiveSession::setAlgorithm(const QString &algorithm)
{
    m_host->setAlgorithm(algorithm);
}

void LiveSession::setReplicationRunning(bool running)
{
    m_host->setReplicationRunning(running);
}

// Logged and marked once the runtime has done it, never for a request that failed.
void LiveSession::onActionDone(const QString &action, const QString &subject)
{
    const QString name = nodeName(subject);
    if (action == u"kill"_s) {
        log(subject, tr("killed by the user (SIGKILL)"));
        mark(tr("%1 killed").arg(name), stateColor(NodeState::Down));
    } else if (action == u"pause"_s) {
        log(subject, tr("frozen by the user (SIGSTOP)"));
        mark(tr("%1 paused").arg(name), stateColor(NodeState::Paused));
    } else if (action == u"resume"_s) {
        log(subject, tr("resumed by the user (SIGCONT)"));
        mark(tr("%1 resumed").arg(name), stateColor(NodeState::Healthy));
    } else if (action == u"restart"_s) {
        log(subject, tr("restarted by the user"));
        mark(tr("%1 restarted").arg(name), stateColor(NodeState::Starting));
    } else if (action == u"algorithm"_s) {
        mark(tr("algorithm: %1").arg(subject), QColor(0x8b, 0x5c, 0xf6));
    } else if (action == u"replication"_s) {
        const bool on = subject == u"on"_s;
        log(m_plan.replica ? m_plan.replica->nodeId : QString(),
            on ? tr("replication restored by the user") : tr("replication broken by the user"));
        mark(on ? tr("replication restored") : tr("replication broken"),
             on ? stateColor(NodeState::Healthy) : stateColor(NodeState::Down));
    }
}

} // namespace topolab::gui
