#include "clusterengine.h"

#include "runtime/http/blockinghttpclient.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ClusterEngine)
};

// Database counters, replication and the firewall's counters change slowly and cost a round trip
// (or an nft run) each; sample them every fifth tick (once a second) rather than with every
// traffic sample.
constexpr int kDatabaseEvery = 5;
// A frozen worker must not hold the sampler up for long.
constexpr int kStatsTimeoutMs = 300;

} // namespace

ClusterEngine::ClusterEngine(ClusterController::Options options)
    : m_options(std::move(options))
    , m_sampler(new QTimer(this))
{
    m_sampler->setInterval(kSampleIntervalMs);
    connect(m_sampler, &QTimer::timeout, this, &ClusterEngine::sample);
}

ClusterEngine::~ClusterEngine()
{
    stop();
}

void ClusterEngine::start(const core::ClusterPlan &plan, const QString &dataFolder)
{
    stop();
    ClusterController::Options options = m_options;
    options.dataFolder = dataFolder;
    m_owned = std::make_unique<ClusterController>(plan, options);
    follow(*m_owned);
    QStringList problems;
    const bool ok = m_controller->start(&problems);
    const QString url = ok ? m_controller->url() : QString();
    if (ok)
        m_sampler->start();
    emit started(ok, problems, url);
    if (!ok)
        stop();
}

void ClusterEngine::watch(ClusterController &running)
{
    stop();
    follow(running);
    m_sampler->start();
}

void ClusterEngine::follow(ClusterController &controller)
{
    m_controller = &controller;
    connect(m_controller, &ClusterController::stateChanged, this, &ClusterEngine::stateChanged);
    connect(m_controller, &ClusterController::logged, this, &ClusterEngine::logged);
    connect(m_controller, &ClusterController::failedOver, this,
            [this](const ClusterController::Failover &move) {
                emit failedOver(move.to, move.message(m_controller->plan()));
            });
    m_tick = 0;
    m_dbSampledMs = -1;
    m_dbReads = m_dbWrites = 0;
    m_firewallDrops = -1;
    m_replication = {};
    m_logOffsets.clear();
    m_workerCounts.clear();
}

void ClusterEngine::stop()
{
    m_sampler->stop();
    if (!m_controller)
        return;
    tailDatabaseLogs();
    // Let go first, so that nothing the controller says while it stops is heard twice.
    m_controller->disconnect(this);
    m_controller = nullptr;
    if (!m_owned)
        return; // a watched cluster is stopped by its owner
    std::unique_ptr<ClusterController> controller = std::move(m_owned);
    controller->stop();
    controller.reset();
    emit stopped();
}

void ClusterEngine::control(ClusterAction action, const QString &nodeId)
{
    if (!m_controller) {
        emit actionFailed(Tr::tr("The cluster is not running."));
        return;
    }
    bool done = false;
    QString error;
    const char *what = nullptr;
    switch (action) {
    case ClusterAction::Kill:
        done = m_controller->kill(nodeId);
        what = QT_TRANSLATE_NOOP("ClusterEngine", "killed");
        break;
    case ClusterAction::Pause:
        done = m_controller->pause(nodeId);
        what = QT_TRANSLATE_NOOP("ClusterEngine", "paused");
        break;
    case ClusterAction::Resume:
        done = m_controller->resume(nodeId);
        what = QT_TRANSLATE_NOOP("ClusterEngine", "resumed");
        break;
    case ClusterAction::Restart:
        done = m_controller->restart(nodeId, &error);
        what = QT_TRANSLATE_NOOP("ClusterEngine", "restarted");
        break;
    default:
        emit actionFailed(Tr::tr("A node's process can be killed, paused, resumed or restarted; "
                                 "that was another kind of request."));
        return;
    }
    if (done) {
        emit actionDone(action, nodeId);
        return;
    }
    if (!error.isEmpty()) {
        emit actionFailed(error);
        return;
    }
    emit actionFailed(Tr::tr("\"%1\" could not be %2: it is not running now, or it is not a "
                             "process this cluster started.")
                          .arg(m_controller->plan().nodeName(nodeId), Tr::tr(what)));
}

QString ClusterEngine::backendOf(const QString &nodeId, const QString &what)
{
    if (!m_controller || !m_controller->balancer()) {
        emit actionFailed(Tr::tr("Cannot %1: the balancer is not running.").arg(what));
        return {};
    }
    if (const core::ClusterPlan::Worker *server = m_controller->plan().serverOf(nodeId))
        return server->name;
    emit actionFailed(Tr::tr("Cannot %1: \"%2\" is not a server behind the load balancer.")
                          .arg(what, m_controller->plan().nodeName(nodeId)));
    return {};
}

void ClusterEngine::setServerState(const QString &nodeId, ServerAdminState state)
{
    const QString what = state == ServerAdminState::Drain ? Tr::tr("drain the server")
                         : state == ServerAdminState::Maintenance
                             ? Tr::tr("put the server in maintenance")
                             : Tr::tr("make the server ready");
    const QString backend = backendOf(nodeId, what);
    if (backend.isEmpty())
        return;
    for (Balancer *balancer : m_controller->balancers())
        balancer->setServerState(backend, state);
    emit actionDone(state == ServerAdminState::Drain         ? ClusterAction::Drain
                    : state == ServerAdminState::Maintenance ? ClusterAction::Maintenance
                                                             : ClusterAction::Ready,
                    nodeId);
}

void ClusterEngine::setWeight(const QString &nodeId, int weight)
{
    const QString backend = backendOf(nodeId, Tr::tr("change the weight"));
    if (backend.isEmpty())
        return;
    bool done = false;
    for (Balancer *balancer : m_controller->balancers())
        done = balancer->setWeight(backend, weight) || done;
    if (!done) {
        emit actionFailed(Tr::tr("A weight is a whole number from 0 to %1 (0 takes no new "
                                 "requests); %2 is not.")
                              .arg(Balancer::kMaxWeight)
                              .arg(weight));
        return;
    }
    emit actionDone(ClusterAction::Weight, nodeId);
}

void ClusterEngine::setAlgorithm(core::BalancingAlgorithm algorithm)
{
    const QString name = core::balancingAlgorithmName(algorithm);
    bool done = false;
    for (Balancer *balancer : m_controller ? m_controller->balancers() : std::vector<Balancer *>{})
        done = balancer->setAlgorithm(algorithm) || done;
    if (!done)
        emit actionFailed(Tr::tr("Cannot switch the balancer to \"%1\": the balancer is not "
                                 "running.")
                              .arg(name));
    else
        emit actionDone(ClusterAction::Algorithm, name);
}

void ClusterEngine::setReplicationRunning(bool running)
{
    DatabaseCluster *database = m_controller ? m_controller->database() : nullptr;
    QString error;
    if (!database || !database->replica()) {
        emit actionFailed(Tr::tr("There is no running replica to change."));
        return;
    }
    if (!database->setReplicationRunning(running, &error))
        emit actionFailed(error);
    else
        emit actionDone(ClusterAction::Replication, running ? u"on"_s : u"off"_s);
}

void ClusterEngine::sample()
{
    if (!m_controller || !m_controller->balancer())
        return;
    ClusterSample sample;
    sample.traffic = m_controller->siteSnapshot(60);
    if (++m_tick % kDatabaseEvery == 1) {
        sampleDatabase();
        m_dbSampledMs = sample.traffic.takenMs;
        tailDatabaseLogs();
        m_firewallDrops = m_controller->firewallDrops();
    }
    sample.dbSampledMs = m_dbSampledMs;
    sample.hasDatabase = m_controller->plan().primary.has_value();
    sample.dbReads = m_dbReads;
    sample.dbWrites = m_dbWrites;
    sample.hasReplica = m_controller->plan().replica.has_value();
    sample.replication = m_replication;
    sample.firewallDrops = m_firewallDrops;
    emit sampled(sample);
}

void ClusterEngine::sampleDatabase()
{
    // The workers count their own database work; a worker that does not answer keeps its last
    // counts rather than dropping the total.
    for (const core::ClusterPlan::Worker &worker : m_controller->plan().workers) {
        if (m_controller->state(worker.nodeId) != NodeState::Healthy)
            continue;
        const std::optional<QJsonObject> counters =
            m_controller->workerStats(worker, kStatsTimeoutMs);
        if (!counters)
            continue;
        const qint64 reads = counters->value(u"dbReads"_s).toInteger();
        const qint64 writes = counters->value(u"dbWrites"_s).toInteger();
        std::pair<qint64, qint64> &last = m_workerCounts[worker.nodeId];
        // Counts below the last ones mean the worker restarted and counts from zero again.
        m_dbReads += reads >= last.first ? reads - last.first : reads;
        m_dbWrites += writes >= last.second ? writes - last.second : writes;
        last = {reads, writes};
    }
    DatabaseCluster *database = m_controller->database();
    const bool replicaUp =
        m_controller->plan().replica &&
        m_controller->state(m_controller->plan().replica->nodeId) == NodeState::Healthy;
    if (database && database->replica() && replicaUp)
        m_replication = database->replicationStatus();
    else
        m_replication = {};
}

void ClusterEngine::tailDatabaseLogs()
{
    DatabaseCluster *database = m_controller ? m_controller->database() : nullptr;
    if (!database)
        return;
    const core::ClusterPlan &plan = m_controller->plan();
    const std::pair<MariaDbServer *, QString> servers[] = {
        {database->primary(), plan.primary ? plan.primary->nodeId : QString()},
        {database->replica(), plan.replica ? plan.replica->nodeId : QString()}};
    for (const auto &[server, nodeId] : servers) {
        if (!server || nodeId.isEmpty())
            continue;
        QFile log(server->logPath());
        if (!log.open(QIODevice::ReadOnly))
            continue;
        qint64 &offset = m_logOffsets[server->logPath()];
        if (log.size() < offset)
            offset = 0;
        log.seek(offset);
        // Bounded: a server that logs in a loop must not flood the window. Only whole lines are
        // taken; the rest waits for its newline.
        QByteArray fresh = log.read(64 * 1024);
        const qsizetype end = fresh.lastIndexOf('\n');
        if (end >= 0)
            fresh.truncate(end + 1);
        else if (fresh.size() < 64 * 1024)
            fresh.clear();
        offset += fresh.size();
        for (const QByteArray &line : fresh.split('\n')) {
            if (!line.trimmed().isEmpty())
                emit logged(nodeId, QString::fromUtf8(line.trimmed()));
        }
    }
}

} // namespace topolab::runtime
