#include "databasenodes.h"

#include "core/lab/labaddresses.h"
#include "runtime/net/labnetwork.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(DatabaseNodes)
};

} // namespace

DatabaseNodes::DatabaseNodes(const core::ClusterPlan &plan, Options options, QObject *parent)
    : QObject(parent)
    , m_plan(plan)
    , m_options(std::move(options))
{
}

DatabaseNodes::~DatabaseNodes()
{
    if (m_cluster)
        m_cluster->stop();
}

void DatabaseNodes::start(QStringList *problems)
{
    if (m_plan.primary && m_plan.primary->external) {
        connectExternal(problems);
        return;
    }
    if (!m_plan.primary) {
        if (m_plan.replica)
            setState(m_plan.replica->nodeId, NodeState::Down,
                     Tr::tr("a replica needs a primary to copy from"));
        return;
    }
    const QString primaryId = m_plan.primary->nodeId;
    const QString replicaId = m_plan.replica ? m_plan.replica->nodeId : QString();
    setState(primaryId, NodeState::Starting);
    setState(replicaId, NodeState::Starting);
    QString error;
    const std::optional<MariaDbInstallation> installation = MariaDbInstallation::find(&error);
    if (!installation) {
        setState(primaryId, NodeState::Down, error);
        setState(replicaId, NodeState::Down, error);
        problems->append(error);
        return;
    }
    DatabaseCluster::Options options{
        m_options.folder,
        static_cast<quint16>(m_plan.primary->port),
        static_cast<quint16>(m_plan.replica ? m_plan.replica->port : 0),
        u"foobar"_s,
        u"foobar_app"_s,
        m_options.dataFolder};
    if (const LabNetwork *lab = m_options.lab) {
        options.primaryHost = lab->hostOf(primaryId);
        options.primaryAddress = lab->addressOf(primaryId);
        options.replicaHost = lab->hostOf(replicaId);
        options.replicaAddress = lab->addressOf(replicaId);
        // The lab's private network, as a MariaDB host pattern: 10.20.0.%
        options.clientHosts =
            core::LabAddresses::kPrivateNetwork.text().section(u'.', 0, 2) + u".%"_s;
    }
    m_cluster = std::make_unique<DatabaseCluster>(*installation, options);
    const bool started = m_cluster->start(&error, m_options.cacheRoot);
    const auto follow = [this](MariaDbServer *server, const QString &nodeId) {
        if (!server)
            return;
        connect(server, &MariaDbServer::exitedUnexpectedly, this,
                [this, nodeId](const QString &why) { setState(nodeId, NodeState::Down, why); });
    };
    follow(m_cluster->primary(), primaryId);
    follow(m_cluster->replica(), replicaId);
    const bool primaryUp = m_cluster->primary() && m_cluster->primary()->isRunning();
    const bool replicaUp = m_cluster->replica() && m_cluster->replica()->isRunning();
    setState(primaryId, primaryUp ? NodeState::Healthy : NodeState::Down,
             primaryUp ? QString() : error);
    if (!replicaId.isEmpty())
        setState(replicaId, replicaUp ? NodeState::Healthy : NodeState::Down,
                 replicaUp && started ? QString() : error);
    if (!started)
        problems->append(error);
}

void DatabaseNodes::connectExternal(QStringList *problems)
{
    const auto connectTo =
        [&](const core::ClusterPlan::Database &plan) -> std::optional<DatabaseAddress> {
        setState(plan.nodeId, NodeState::Starting);
        const DatabaseAddress address{plan.host, static_cast<quint16>(plan.port), plan.schema,
                                      plan.user, qEnvironmentVariable("TOPOLAB_DB_PASSWORD")};
        DatabaseLink probe(u"probe-"_s + plan.nodeId, address);
        QString error;
        const bool reachable = probe.open(&error).isOpen();
        setState(
            plan.nodeId, reachable ? NodeState::Healthy : NodeState::Down,
            reachable
                ? Tr::tr("external server %1:%2").arg(plan.host).arg(plan.port)
                : Tr::tr("%1 (external; the password comes from TOPOLAB_DB_PASSWORD)").arg(error));
        if (!reachable)
            problems->append(u"%1: %2"_s.arg(plan.name, error));
        // Even when unreachable now, the workers get the address: they reconnect by themselves.
        return address;
    };
    m_externalPrimary = connectTo(*m_plan.primary);
    if (m_plan.replica) {
        if (m_plan.replica->external)
            m_externalReplica = connectTo(*m_plan.replica);
        else
            setState(m_plan.replica->nodeId, NodeState::Down,
                     Tr::tr("a replica started here needs a primary started here; mark the replica "
                            "external too, or the primary not external"));
    }
}

DatabaseAddress DatabaseNodes::workerAddress(bool primary) const
{
    if (m_cluster)
        return m_cluster->appAddress(primary ? m_cluster->primary() : m_cluster->replica());
    const std::optional<DatabaseAddress> &external =
        primary ? m_externalPrimary : m_externalReplica;
    return external.value_or(DatabaseAddress{u"127.0.0.1"_s, 0, {}, {}, {}});
}

MariaDbServer *DatabaseNodes::server(const QString &nodeId) const
{
    if (!m_cluster)
        return nullptr;
    if (m_plan.primary && m_plan.primary->nodeId == nodeId)
        return m_cluster->primary();
    if (m_plan.replica && m_plan.replica->nodeId == nodeId)
        return m_cluster->replica();
    return nullptr;
}

bool DatabaseNodes::restart(const QString &nodeId, QString *error)
{
    MariaDbServer *database = server(nodeId);
    if (!database)
        return false;
    database->stop();
    setState(nodeId, NodeState::Starting);
    QString found;
    const std::optional<MariaDbInstallation> installation = MariaDbInstallation::find(&found);
    if (!installation) {
        *error = found;
        setState(nodeId, NodeState::Down, found);
        return false;
    }
    DataDirectoryCache cache(*installation, m_options.cacheRoot);
    const bool started = database->start(cache, error);
    setState(nodeId, started ? NodeState::Healthy : NodeState::Down, started ? QString() : *error);
    return started;
}

} // namespace topolab::runtime
