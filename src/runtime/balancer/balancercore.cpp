#include "balancercore.h"

#include "runtime/http/httpclientconnection.h"

namespace topolab::runtime {

namespace {

// Pooled connections older than this are not reused: well under the idle timeouts of the
// worker (60 s) and nginx (75 s), so a connection is not handed out just as the server closes it.
constexpr std::chrono::milliseconds kMaxPooledIdle{30000};

} // namespace

BalancerCore::BalancerCore(const BalancerOptions &options, TrafficMetrics &metrics,
                           BackendHealth &health, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_metrics(metrics)
    , m_health(health)
    , m_policy(makeBalancingPolicy(options.algorithm))
    , m_idle(static_cast<size_t>(options.backends.size()))
    , m_inFlight(std::make_unique<std::atomic<int>[]>(static_cast<size_t>(options.backends.size())))
    , m_typicalResponseUs(static_cast<size_t>(options.backends.size()), 0.0)
{
    for (const BackendConfig &backend : options.backends) {
        m_status.push_back({backend.name, backend.weight, backend.startsHealthy, 0});
        m_wire.push_back({backend.name.toUtf8(), backend.host.toLatin1()});
    }
}

BalancerCore::~BalancerCore() = default;

std::chrono::milliseconds BalancerCore::tryTimeout(int backend) const
{
    const auto typical = std::chrono::milliseconds(
        static_cast<qint64>(8 * m_typicalResponseUs[static_cast<size_t>(backend)] / 1000));
    return std::min(std::max(m_options.tryTimeout, typical), m_options.responseTimeout);
}

void BalancerCore::recordResponse(int backend, qint64 sentNs)
{
    m_health.recordAnswer(backend, sentNs);
    const qint64 microseconds = (nowNs() - sentNs) / 1000;
    double &typical = m_typicalResponseUs[static_cast<size_t>(backend)];
    typical = typical == 0.0 ? static_cast<double>(microseconds)
                             : 0.9 * typical + 0.1 * static_cast<double>(microseconds);
}

void BalancerCore::refresh(int backend) const
{
    BackendStatus &status = m_status[static_cast<size_t>(backend)];
    status.healthy = m_health.healthy(backend);
    status.weight = m_health.weight(backend);
    status.accepting = status.weight > 0 &&
                       m_health.adminState(backend) == ServerAdminState::Ready &&
                       !m_health.awaitingCheck(backend);
}

std::optional<int> BalancerCore::pick(const PickContext &context)
{
    for (int backend = 0; backend < backendCount(); ++backend)
        refresh(backend);
    return m_policy->pick(m_status, context);
}

void BalancerCore::setAlgorithm(core::BalancingAlgorithm algorithm)
{
    m_policy = makeBalancingPolicy(algorithm);
}

int BalancerCore::eligibleCount(const QSet<int> &excluded, int besides) const
{
    int eligible = 0;
    for (int backend = 0; backend < backendCount(); ++backend) {
        if (backend == besides || excluded.contains(backend))
            continue;
        const BackendStatus &status = this->status(backend);
        eligible += status.healthy && status.accepting ? 1 : 0;
    }
    return eligible;
}

void BalancerCore::setHealthy(int backend, bool healthy, const QString &reason)
{
    // A server in maintenance may be stopped on purpose: its failures are no news.
    if (!healthy && m_health.adminState(backend) == ServerAdminState::Maintenance)
        return;
    if (!m_health.set(backend, healthy))
        return;
    m_status[static_cast<size_t>(backend)].healthy = healthy;
    m_metrics.recordHealth(backend, healthy, reason);
    emit healthChanged(backend, healthy, reason);
    // Pooled connections to a dead backend would only fail later.
    if (!healthy)
        dropIdle(backend);
}

void BalancerCore::dropIdle(int backend)
{
    // Later, not now: this may run inside one of their own signals.
    for (HttpClientConnection *connection : std::as_const(m_idle[static_cast<size_t>(backend)]))
        connection->deleteLater();
    m_idle[static_cast<size_t>(backend)].clear();
}

HttpClientConnection *BalancerCore::acquire(int backend)
{
    QList<HttpClientConnection *> &idle = m_idle[static_cast<size_t>(backend)];
    while (!idle.isEmpty()) {
        HttpClientConnection *connection = idle.takeLast();
        if (connection->isReusable() && connection->idleFor() < kMaxPooledIdle)
            return connection;
        connection->deleteLater();
    }
    return openConnection(backend);
}

HttpClientConnection *BalancerCore::openConnection(int backend)
{
    const BackendConfig &target = m_options.backends[backend];
    auto *connection = new HttpClientConnection(backend, target.host, target.port, this);
    m_health.connectionOpened(backend);
    // The connection as context: its own destroyed() still arrives when the core deletes it.
    connect(connection, &QObject::destroyed, connection,
            [&health = m_health, backend] { health.connectionClosed(backend); });
    return connection;
}

void BalancerCore::release(HttpClientConnection *connection, bool reusable)
{
    QList<HttpClientConnection *> &idle = m_idle[static_cast<size_t>(connection->tag())];
    const int backend = connection->tag();
    if (reusable && connection->isReusable() && m_health.healthy(backend) &&
        m_health.adminState(backend) == ServerAdminState::Ready &&
        idle.size() < m_options.maxIdlePerBackend) {
        idle.append(connection);
        return;
    }
    connection->deleteLater();
}

} // namespace topolab::runtime
