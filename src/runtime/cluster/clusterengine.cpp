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

// Database counters and replication change slowly and cost a round trip each; sample them every
// fifth tick (once a second) rather than with every traffic sample.
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

void ClusterEngine::start(const core::ClusterPlan &plan)
{
    stop();
    m_controller = std::make_unique<ClusterController>(plan, m_options);
    connect(m_controller.get(), &ClusterController::stateChanged, this,
            &ClusterEngine::stateChanged);
    connect(m_controller.get(), &ClusterController::logged, this, &ClusterEngine::logged);
    m_clock.start();
    m_tick = 0;
    m_dbReads = m_dbWrites = 0;
    m_replication = {};
    m_logOffsets.clear();
    m_workerCounts.clear();
    QStringList problems;
    const bool ok = m_controller->start(&problems);
    const QString url = ok && m_controller->balancer() ? m_controller->balancer()->url() : QString();
    if (ok)
        m_sampler->start();
    emit started(ok, problems, url);
    if (!ok)
        stop();
}

void ClusterEngine::stop()
{
    m_sampler->stop();
    if (!m_controller)
        return;
    tailDatabaseLogs();
    // Released first, so that nothing the controller says while it stops is heard twice.
    std::unique_ptr<ClusterController> controller = std::move(m_controller);
    controller->stop();
    controller.reset();
    emit stopped();
}

void ClusterEngine::control(const QString &action, const QString &nodeId)
{
    if (!m_controller) {
        emit actionFailed(Tr::tr("The cluster is not running."));
        return;
    }
    bool done = false;
    QString error;
    if (action == u"kill"_s)
        done = m_controller->kill(nodeId);
    else if (action == u"pause"_s)
        done = m_controller->pause(nodeId);
    else if (action == u"resume"_s)
        done = m_controller->resume(nodeId);
    else if (action == u"restart"_s)
        done = m_controller->restart(nodeId, &error);
    if (!done)
        emit actionFailed(error.isEmpty()
                              ? Tr::tr("Cannot %1 \"%2\": it is not a running server of this "
                                       "cluster.")
                                    .arg(action, nodeId)
                              : error);
}

void ClusterEngine::setAlgorithm(const QString &algorithm)
{
    Balancer *balancer = m_controller ? m_controller->balancer() : nullptr;
    if (!balancer || !balancer->setAlgorithm(algorithm))
        emit actionFailed(Tr::tr("Cannot switch the balancer to \"%1\": the balancer is not "
                                 "running.")
                              .arg(algorithm));
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
        emit logged(m_controller->plan().replica->nodeId,
                    running ? Tr::tr("replication restored") : Tr::tr("replication broken"));
}

void ClusterEngine::sample()
{
    if (!m_controller || !m_controller->balancer())
        return;
    ClusterSample sample;
    sample.takenMs = m_clock.elapsed();
    sample.traffic = m_controller->balancer()->snapshot(60);
    if (++m_tick % kDatabaseEvery == 1) {
        sampleDatabase();
        tailDatabaseLogs();
    }
    sample.hasDatabase = m_controller->plan().primary.has_value();
    sample.dbReads = m_dbReads;
    sample.dbWrites = m_dbWrites;
    sample.hasReplica = m_controller->plan().replica.has_value();
    sample.replication = m_replication;
    emit sampled(sample);
}

void ClusterEngine::sampleDatabase()
{
    // The workers count their own database work; a worker that does not answer keeps its last
    // counts rather than dropping the total.
    qint64 reads = 0;
    qint64 writes = 0;
    for (const core::ClusterPlan::Worker &worker : m_controller->plan().workers) {
        std::pair<qint64, qint64> &counts = m_workerCounts[worker.nodeId];
        if (m_controller->state(worker.nodeId) == NodeState::Healthy) {
            BlockingHttpClient client(static_cast<quint16>(worker.port));
            const std::optional<HttpResponse> stats = client.get("/_stats", kStatsTimeoutMs);
            if (stats && stats->status == 200) {
                const QJsonObject counters = QJsonDocument::fromJson(stats->body).object();
                counts = {counters.value(u"dbReads"_s).toInteger(),
                          counters.value(u"dbWrites"_s).toInteger()};
            }
        }
        reads += counts.first;
        writes += counts.second;
    }
    m_dbReads = std::max(m_dbReads, reads);
    m_dbWrites = std::max(m_dbWrites, writes);
    DatabaseCluster *database = m_controller->database();
    const bool replicaUp = m_controller->plan().replica &&
                           m_controller->state(m_controller->plan().replica->nodeId) ==
                               NodeState::Healthy;
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
        // Bounded: a server that logs in a loop must not flood the window.
        const QByteArray fresh = log.read(64 * 1024);
        offset += fresh.size();
        for (const QByteArray &line : fresh.split('\n')) {
            if (!line.trimmed().isEmpty())
                emit logged(nodeId, QString::fromUtf8(line.trimmed()));
        }
    }
}

} // namespace topolab::runtime
