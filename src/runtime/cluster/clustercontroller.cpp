#include "clustercontroller.h"

#include "runfolders.h"
#include "runtime/http/blockinghttpclient.h"
#include "runtime/net/labnetwork.h"
#include "siteinstaller.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>

#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace topolab::runtime {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ClusterController)
};

} // namespace

ClusterController::ClusterController(core::ClusterPlan plan, Options options, QObject *parent)
    : QObject(parent)
    , m_plan(std::move(plan))
    , m_options(std::move(options))
{
    const auto stopped = [this](const QString &id) {
        m_states.insert(id, {NodeState::Stopped, {}});
    };
    stopped(m_plan.balancer.nodeId);
    if (m_plan.standby) {
        stopped(m_plan.standby->nodeId);
        if (!m_options.lab)
            m_plan.notRun.append(Tr::tr("standby load balancer \"%1\" (a floating IP needs every "
                                        "machine a host of its own)")
                                     .arg(m_plan.standby->name));
    }
    for (const core::ClusterPlan::Worker &w : m_plan.workers) {
        stopped(w.nodeId);
        if (!w.appNodeId.isEmpty())
            stopped(w.appNodeId);
    }
    if (m_plan.primary)
        stopped(m_plan.primary->nodeId);
    if (m_plan.replica)
        stopped(m_plan.replica->nodeId);
    if (m_plan.firewall) {
        stopped(m_plan.firewall->nodeId);
        if (!m_options.lab)
            m_plan.notRun.append(Tr::tr("firewall \"%1\" (enforced only when every machine is a "
                                        "host of its own)")
                                     .arg(m_plan.firewall->name));
    }
}

ClusterController::~ClusterController()
{
    stop();
    if (m_options.forwardListener >= 0)
        ::close(m_options.forwardListener);
}

void ClusterController::setState(const QString &nodeId, NodeState state, const QString &reason)
{
    if (nodeId.isEmpty())
        return;
    const auto previous = m_states.value(nodeId);
    if (previous.first == state && previous.second == reason)
        return;
    m_states.insert(nodeId, {state, reason});
    emit stateChanged(nodeId, state, reason);
    if (!reason.isEmpty())
        emit logged(nodeId, u"%1: %2"_s.arg(nodeStateName(state), reason));
}

bool ClusterController::start(QStringList *problems)
{
    // Said on their cards too, not only in the list of what does not run.
    if (!m_options.lab) {
        if (m_plan.standby)
            setState(m_plan.standby->nodeId, NodeState::Stopped,
                     Tr::tr("not run: a floating IP needs every machine a host of its own"));
        if (m_plan.firewall)
            setState(m_plan.firewall->nodeId, NodeState::Stopped,
                     Tr::tr("not run: enforced only when every machine is a host of its own"));
    }
    RunFolders::removeAbandoned();
    m_epoch.start();
    m_folder = std::make_unique<QTemporaryDir>(QDir::tempPath() + u"/topolab-run-XXXXXX"_s);
    if (!m_folder->isValid()) {
        problems->append(Tr::tr("cannot create a run folder in %1: %2")
                             .arg(QDir::tempPath(), m_folder->errorString()));
        return false;
    }
    // Written through at once: whoever removes the folder of a Topolab killed while it starts
    // knows the folder by this.
    QFile owner(m_folder->filePath(u"owner.pid"_s));
    if (owner.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        owner.write(QByteArray::number(QCoreApplication::applicationPid()));
    owner.close();
    m_databases = std::make_unique<DatabaseNodes>(
        m_plan, DatabaseNodes::Options{m_folder->path() + u"/db"_s, m_options.dataFolder,
                                       m_options.cacheRoot, m_options.lab});
    connect(m_databases.get(), &DatabaseNodes::stateChanged, this, &ClusterController::setState);
    m_databases->start(problems);
    startWorkers(problems);
    startBalancer(problems);
    startFirewall(problems);
    const bool anyWorker = std::any_of(m_workers.cbegin(), m_workers.cend(),
                                       [](const auto &w) { return w->isRunning(); });
    return m_balancer && m_balancer->isRunning() && anyWorker;
}

void ClusterController::startWorkers(QStringList *problems)
{
    for (const core::ClusterPlan::Worker &plan : m_plan.workers) {
        for (const QString &id : {plan.nodeId, plan.appNodeId})
            setState(id, NodeState::Starting);
        QString error;
        const QString site = SiteInstaller::prepare(plan.site, m_folder->path(), &error);
        WorkerNode::Options options{m_options.workerProgram,
                                    plan.name,
                                    static_cast<quint16>(plan.port),
                                    site,
                                    {},
                                    {},
                                    m_options.lab ? m_options.lab->hostOf(plan.nodeId) : nullptr};
        if (plan.hasApp) {
            options.primary = m_databases->workerAddress(true);
            options.replica = m_databases->workerAddress(false);
        }
        auto worker = std::make_unique<WorkerNode>(options);
        const QStringList ids = {plan.nodeId, plan.appNodeId};
        connect(worker.get(), &WorkerNode::logLine, this,
                [this, id = plan.nodeId](const QString &line) { emit logged(id, line); });
        connect(worker.get(), &WorkerNode::exitedUnexpectedly, this,
                [this, ids](const QString &why) {
                    for (const QString &id : ids)
                        setState(id, NodeState::Down, why);
                });
        const bool started = !site.isEmpty() && worker->start(&error);
        for (const QString &id : ids)
            setState(id, started ? NodeState::Healthy : NodeState::Down,
                     started ? QString() : error);
        if (!started)
            problems->append(u"%1: %2"_s.arg(plan.name, error));
        m_workers.push_back(std::move(worker));
    }
}

std::unique_ptr<Balancer> ClusterController::makeBalancer(const core::ClusterPlan::Balancer &plan)
{
    BalancerOptions options;
    options.epoch = m_epoch;
    options.port = static_cast<quint16>(plan.port);
    options.algorithm = plan.algorithm;
    options.healthInterval = std::chrono::milliseconds(plan.healthIntervalMs);
    options.healthRise = plan.healthRise;
    options.healthFall = plan.healthFall;
    for (qsizetype i = 0; i < m_plan.workers.size(); ++i) {
        const core::ClusterPlan::Worker &worker = m_plan.workers.at(i);
        // Whatever else answers on a failed worker's port must not get its traffic.
        const bool running = static_cast<size_t>(i) < m_workers.size() &&
                             m_workers[static_cast<size_t>(i)]->isRunning();
        options.backends.append(
            {worker.name, m_options.lab ? m_options.lab->addressOf(worker.nodeId) : u"127.0.0.1"_s,
             static_cast<quint16>(worker.port), worker.weight, running});
    }
    if (const LabNetwork *lab = m_options.lab) {
        // Its own host: the public web port on every address of it; the design's port is where
        // the desktop reaches it, through the forward.
        options.networkNamespace = lab->hostOf(plan.nodeId)->descriptor();
        options.listenAddress = QHostAddress::AnyIPv4;
        options.port = LabNetwork::kWebPort;
    }
    auto balancer = std::make_unique<Balancer>(options);
    connect(
        balancer.get(), &Balancer::healthChanged, this,
        [this, from = balancer.get()](const QString &backend, bool healthy, const QString &why) {
            // The active balancer's view, or the standby's once the active is gone.
            if (from != m_balancer.get() && m_balancer && m_balancer->isRunning())
                return;
            for (const core::ClusterPlan::Worker &worker : m_plan.workers) {
                if (worker.name != backend)
                    continue;
                // A paused worker stays "paused"; the balancer's view is in the reason.
                if (state(worker.nodeId) == NodeState::Paused)
                    continue;
                // A worker known dead keeps the reason that says why ("its worker process
                // was killed"), not the balancer's later "connection refused".
                if (!healthy && state(worker.nodeId) == NodeState::Down)
                    continue;
                for (const QString &nodeId : {worker.nodeId, worker.appNodeId}) {
                    if (!nodeId.isEmpty())
                        setState(nodeId, healthy ? NodeState::Healthy : NodeState::Down, why);
                }
            }
        });
    return balancer;
}

void ClusterController::startBalancer(QStringList *problems)
{
    const QString id = m_plan.balancer.nodeId;
    const LabNetwork *lab = m_options.lab;
    const bool pair = lab && m_plan.standby;
    setState(id, NodeState::Starting);
    if (pair) {
        setState(m_plan.standby->nodeId, NodeState::Starting);
        // Without the floating IP, neither balancer is where the site's address points.
        if (const QString missing = VrrpInstance::missingTool(); !missing.isEmpty()) {
            setState(id, NodeState::Down, missing);
            setState(m_plan.standby->nodeId, NodeState::Down, missing);
            problems->append(missing);
            return;
        }
    }
    m_balancer = makeBalancer(m_plan.balancer);
    QString error;
    if (!m_balancer->start(&error)) {
        setState(id, NodeState::Down, error);
        problems->append(error);
        m_balancer.reset();
        return;
    }
    if (pair) {
        m_standby = makeBalancer(*m_plan.standby);
        if (!m_standby->start(&error)) {
            setState(m_plan.standby->nodeId, NodeState::Down, error);
            problems->append(u"%1: %2"_s.arg(m_plan.standby->name, error));
            m_standby.reset();
        }
        m_floatingIp = std::make_unique<FloatingIp>(m_plan, *lab, m_folder->path());
        connect(m_floatingIp.get(), &FloatingIp::roleChanged, this,
                [this](const QString &nodeId) { setBalancerState(nodeId); });
        connect(m_floatingIp.get(), &FloatingIp::logged, this, &ClusterController::logged);
        connect(m_floatingIp.get(), &FloatingIp::halfDown, this,
                [this](const QString &nodeId, const QString &why) {
                    setState(nodeId, NodeState::Down, why);
                });
        connect(m_floatingIp.get(), &FloatingIp::failedOver, this,
                [this](const Failover &failover) {
                    m_failovers.append(failover);
                    emit failedOver(failover);
                });
        m_floatingIp->start(problems);
        setBalancerState(m_plan.balancer.nodeId);
        setBalancerState(m_plan.standby->nodeId);
    }
    if (lab) {
        m_forward = std::make_unique<PortForward>(m_options.forwardListener, lab->publicAddress(),
                                                  LabNetwork::kWebPort, lab->internet());
        m_options.forwardListener = -1; // the forward owns it now
        if (!m_forward->start(&error)) {
            setState(id, NodeState::Down, error);
            problems->append(error);
            m_forward.reset();
            return;
        }
    }
    if (!pair)
        setState(id, NodeState::Healthy);
}

Balancer *ClusterController::balancerNode(const QString &nodeId) const
{
    if (nodeId == m_plan.balancer.nodeId)
        return m_balancer.get();
    if (m_plan.standby && nodeId == m_plan.standby->nodeId)
        return m_standby.get();
    return nullptr;
}

void ClusterController::setBalancerState(const QString &nodeId)
{
    const Balancer *balancer = balancerNode(nodeId);
    if (!balancer || !balancer->isRunning() || balancer->isFrozen())
        return; // kill and pause said what it is
    if (!m_floatingIp)
        return;
    switch (m_floatingIp->role(nodeId)) {
    case VrrpInstance::Role::Master:
        setState(nodeId, NodeState::Healthy,
                 Tr::tr("holds the floating IP %1").arg(m_plan.floatingAddress));
        break;
    case VrrpInstance::Role::Backup:
        setState(nodeId, NodeState::Healthy,
                 Tr::tr("standing by for the floating IP %1").arg(m_plan.floatingAddress));
        break;
    case VrrpInstance::Role::Fault:
        setState(nodeId, NodeState::Down,
                 Tr::tr("gave the floating IP up: the balancer does not answer its health check"));
        break;
    case VrrpInstance::Role::Stopped:
        break;
    }
}

Balancer *ClusterController::servingBalancer() const
{
    if (m_floatingIp) {
        for (Balancer *balancer : {m_balancer.get(), m_standby.get()})
            if (balancer && balancer->isRunning() &&
                m_floatingIp->role(balancer == m_balancer.get()
                                       ? m_plan.balancer.nodeId
                                       : m_plan.standby->nodeId) == VrrpInstance::Role::Master)
                return balancer;
    }
    if (m_balancer && m_balancer->isRunning())
        return m_balancer.get();
    if (m_standby && m_standby->isRunning())
        return m_standby.get();
    return m_balancer.get();
}

std::vector<Balancer *> ClusterController::balancers() const
{
    std::vector<Balancer *> running;
    for (Balancer *balancer : {m_balancer.get(), m_standby.get()})
        if (balancer && balancer->isRunning())
            running.push_back(balancer);
    return running;
}

MetricsSnapshot ClusterController::siteSnapshot(int recentBuckets) const
{
    Balancer *serving = servingBalancer();
    if (!serving)
        return {};
    MetricsSnapshot snapshot = serving->snapshot(recentBuckets);
    for (const Balancer *other : {m_balancer.get(), m_standby.get()}) {
        if (!other || other == serving)
            continue;
        const MetricsSnapshot theirs = other->snapshot(0);
        for (MetricsSnapshot::Backend &backend : snapshot.backends)
            for (const MetricsSnapshot::Backend &same : theirs.backends)
                if (same.name == backend.name)
                    backend.total.merge(same.total);
        snapshot.unrouted.merge(theirs.unrouted);
    }
    return snapshot;
}

QStringList ClusterController::floatingHolders() const
{
    return m_floatingIp ? m_floatingIp->holders() : QStringList();
}

void ClusterController::startFirewall(QStringList *problems)
{
    if (!m_plan.firewall || !m_options.lab)
        return;
    const QString id = m_plan.firewall->nodeId;
    setState(id, NodeState::Starting);
    QString error = NftFirewall::missingTool();
    if (error.isEmpty() && !m_plan.firewall->ruleErrors.isEmpty())
        error = Tr::tr("its rules do not parse: %1").arg(m_plan.firewall->ruleErrors.join(u" "_s));
    auto firewall = std::make_unique<NftFirewall>(m_plan, *m_options.lab);
    if (error.isEmpty() && firewall->apply(&error)) {
        m_firewall = std::move(firewall);
        setState(id, NodeState::Healthy);
        return;
    }
    // Down, it forwards nothing: the site is unreachable, as behind a real firewall that is
    // down, and nothing is reachable that its rules were to stop.
    QString closed;
    error += m_options.lab->closeFirewall(&closed)
                 ? Tr::tr(" It forwards nothing meanwhile: the site cannot be reached.")
                 : u" "_s + closed;
    setState(id, NodeState::Down, error);
    problems->append(u"%1: %2"_s.arg(m_plan.firewall->name, error));
}

QString ClusterController::url() const
{
    if (m_forward)
        return u"http://127.0.0.1:%1/"_s.arg(m_forward->port());
    return m_balancer ? m_balancer->url() : QString();
}

QString ClusterController::siteHost() const
{
    return m_options.lab ? m_options.lab->publicAddress() : u"127.0.0.1"_s;
}

quint16 ClusterController::sitePort() const
{
    if (m_options.lab)
        return LabNetwork::kWebPort;
    return m_balancer ? m_balancer->port() : 0;
}

std::optional<QJsonObject> ClusterController::workerStats(const core::ClusterPlan::Worker &worker,
                                                          int timeoutMs) const
{
    // The lab's own question, asked on the worker's loopback rather than over the lab's wires.
    const NetworkHost::Scope inside(m_options.lab ? m_options.lab->hostOf(worker.nodeId) : nullptr);
    BlockingHttpClient client(static_cast<quint16>(worker.port));
    const std::optional<HttpResponse> stats = client.get("/_stats", timeoutMs);
    if (!stats || stats->status != 200)
        return std::nullopt;
    return QJsonDocument::fromJson(stats->body).object();
}

qint64 ClusterController::firewallDrops() const
{
    return m_firewall ? m_firewall->droppedPackets() : -1;
}

void ClusterController::stop()
{
    m_firewall.reset();
    m_forward.reset();
    m_floatingIp.reset();
    for (std::unique_ptr<Balancer> *balancer : {&m_balancer, &m_standby}) {
        if (*balancer) {
            (*balancer)->stop();
            balancer->reset();
        }
    }
    m_workers.clear();
    m_databases.reset();
    m_folder.reset();
    for (auto it = m_states.begin(); it != m_states.end(); ++it) {
        if (it->first != NodeState::Stopped) {
            it->first = NodeState::Stopped;
            it->second.clear();
            emit stateChanged(it.key(), NodeState::Stopped, {});
        }
    }
}

WorkerNode *ClusterController::worker(const QString &nodeId) const
{
    for (qsizetype i = 0; i < m_plan.workers.size(); ++i) {
        const core::ClusterPlan::Worker &plan = m_plan.workers.at(i);
        if ((plan.nodeId == nodeId || plan.appNodeId == nodeId) &&
            static_cast<size_t>(i) < m_workers.size())
            return m_workers.at(static_cast<size_t>(i)).get();
    }
    return nullptr;
}

QStringList ClusterController::workerNodeIds(const WorkerNode *node) const
{
    for (size_t i = 0; i < m_workers.size(); ++i) {
        if (m_workers[i].get() == node)
            return {m_plan.workers.at(static_cast<qsizetype>(i)).nodeId,
                    m_plan.workers.at(static_cast<qsizetype>(i)).appNodeId};
    }
    return {};
}

MariaDbServer *ClusterController::databaseServer(const QString &nodeId) const
{
    return m_databases ? m_databases->server(nodeId) : nullptr;
}

bool ClusterController::kill(const QString &nodeId)
{
    // A balancer of a pair: its threads end, its listener with them, and its VRRP half finds
    // out through its health probe. A lone balancer is the site: it is not offered.
    if (Balancer *balancer = m_floatingIp ? balancerNode(nodeId) : nullptr) {
        if (!balancer->isRunning())
            return false;
        m_floatingIp->injectFault(nodeId, [balancer] {
            balancer->stop();
            return true;
        });
        setState(nodeId, NodeState::Down, Tr::tr("killed: the balancer stopped serving"));
        return true;
    }
    if (WorkerNode *node = worker(nodeId)) {
        node->kill();
        return true;
    }
    if (MariaDbServer *server = databaseServer(nodeId)) {
        server->kill();
        return true;
    }
    return false;
}

bool ClusterController::pause(const QString &nodeId)
{
    bool paused = false;
    QStringList ids = {nodeId};
    if (Balancer *balancer = m_floatingIp ? balancerNode(nodeId) : nullptr) {
        paused = m_floatingIp->injectFault(nodeId, [balancer] { return balancer->freeze(); });
    } else if (WorkerNode *node = worker(nodeId)) {
        paused = node->pause();
        ids = workerNodeIds(node);
    } else if (MariaDbServer *server = databaseServer(nodeId)) {
        paused = server->pause();
    }
    if (paused) {
        for (const QString &id : ids)
            setState(id, NodeState::Paused, Tr::tr("frozen with SIGSTOP"));
    }
    return paused;
}

bool ClusterController::resume(const QString &nodeId)
{
    bool resumed = false;
    QStringList ids = {nodeId};
    if (Balancer *balancer = m_floatingIp ? balancerNode(nodeId) : nullptr) {
        resumed = balancer->thaw();
    } else if (WorkerNode *node = worker(nodeId)) {
        resumed = node->resume();
        ids = workerNodeIds(node);
    } else if (MariaDbServer *server = databaseServer(nodeId)) {
        resumed = server->resume();
    }
    if (resumed) {
        for (const QString &id : ids)
            setState(id, NodeState::Healthy, Tr::tr("resumed"));
    }
    return resumed;
}

bool ClusterController::restart(const QString &nodeId, QString *error)
{
    if (Balancer *balancer = m_floatingIp ? balancerNode(nodeId) : nullptr) {
        balancer->thaw();
        balancer->stop();
        setState(nodeId, NodeState::Starting);
        if (!balancer->start(error)) {
            setState(nodeId, NodeState::Down, *error);
            return false;
        }
        // A stop forgets the operator's drains and weights, and those made while it was down
        // (the algorithm too) reached only the other: it takes them from the other, which
        // served meanwhile.
        for (Balancer *other : balancers()) {
            if (other == balancer)
                continue;
            if (other->algorithm() != balancer->algorithm())
                balancer->setAlgorithm(other->algorithm());
            for (const MetricsSnapshot::Backend &backend : other->snapshot(0).backends) {
                balancer->setServerState(backend.name, backend.admin);
                balancer->setWeight(backend.name, backend.weight);
            }
        }
        // Healthy again to its probe, it is a backup, or the master again if it preempts.
        setState(nodeId, NodeState::Healthy, Tr::tr("restarted"));
        return true;
    }
    if (WorkerNode *node = worker(nodeId)) {
        node->stop();
        const QStringList ids = workerNodeIds(node);
        for (const QString &id : ids)
            setState(id, NodeState::Starting);
        const bool started = node->start(error);
        for (const QString &id : ids)
            setState(id, started ? NodeState::Healthy : NodeState::Down,
                     started ? QString() : *error);
        return started;
    }
    if (databaseServer(nodeId))
        return m_databases->restart(nodeId, error);
    *error = nodeId == m_plan.balancer.nodeId
                 ? Tr::tr("a lone balancer is the site; stop and start the cluster instead")
                 : Tr::tr("\"%1\" is no process this cluster runs").arg(m_plan.nodeName(nodeId));
    return false;
}

} // namespace topolab::runtime
