#include "balancer.h"

#include "balancerserver.h"
#include "runtime/http/epolleventdispatcher.h"
#include "runtime/http/processlimits.h"

#include <cerrno>
#include <cstring>
#include <sched.h>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

namespace {

QStringList backendNames(const BalancerOptions &options)
{
    QStringList names;
    for (const BackendConfig &backend : options.backends)
        names.append(backend.name);
    return names;
}

// Started before the metrics that read it are made.
QElapsedTimer clockFrom(const QElapsedTimer &epoch)
{
    if (epoch.isValid())
        return epoch;
    QElapsedTimer own;
    own.start();
    return own;
}

} // namespace

Balancer::Balancer(BalancerOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_clock(clockFrom(m_options.epoch))
    , m_metrics(backendNames(m_options), [this] { return m_clock.elapsed(); })
    , m_health(m_options.backends)
{
    m_options.threads = std::max(1, m_options.threads);
    for (qsizetype i = 0; i < m_options.backends.size(); ++i) {
        if (!m_options.backends.at(i).startsHealthy)
            m_metrics.startDown(static_cast<int>(i));
    }
}

Balancer::~Balancer()
{
    stop();
}

bool Balancer::start(QString *error)
{
    if (isRunning())
        return true;
    ProcessLimits::raiseDescriptorLimit();
    const bool shared = m_options.threads > 1;
    for (int i = 0; i < m_options.threads; ++i) {
        auto thread = std::make_unique<QThread>();
        thread->setObjectName(shared ? u"topolab-balancer-%1"_s.arg(i + 1) : u"topolab-balancer"_s);
        // The first thread checks health for all.
        auto *server = new BalancerServer(m_options, m_metrics, m_health, i == 0);
        server->moveToThread(thread.get());
        connect(thread.get(), &QThread::finished, server, &QObject::deleteLater);
        connect(&server->core(), &BalancerCore::healthChanged, this,
                [this](int backend, bool healthy, const QString &reason) {
                    emit healthChanged(m_options.backends.at(backend).name, healthy, reason);
                });
        if (i > 0)
            connect(&server->core(), &BalancerCore::healthChanged, &m_servers.front()->health(),
                    [checker = &m_servers.front()->health()](int backend, bool healthy) {
                        if (!healthy)
                            checker->restartRise(backend);
                    });
        // Set for each start: a thread deletes its dispatcher when it finishes.
        thread->setEventDispatcher(new EpollEventDispatcher);
        thread->start();
        m_servers.push_back(server);
        m_threads.push_back(std::move(thread));
        bool listening = false;
        // The first thread opens the port; the others take clients from its socket.
        const BalancerServer *first = i == 0 ? nullptr : m_servers.front();
        QMetaObject::invokeMethod(
            server,
            [&] {
                // Only this thread moves: a thread's network namespace is its own.
                if (m_options.networkNamespace >= 0 &&
                    ::setns(m_options.networkNamespace, CLONE_NEWNET) != 0) {
                    *error = tr("the balancer cannot enter its host: %1")
                                 .arg(QString::fromLocal8Bit(std::strerror(errno)));
                    return;
                }
                listening = server->listen(m_options.port, first, error);
            },
            Qt::BlockingQueuedConnection);
        if (!listening) {
            stop();
            return false;
        }
        if (i == 0)
            m_port = server->port();
    }
    return true;
}

void Balancer::stop()
{
    thaw();
    for (const std::unique_ptr<QThread> &thread : m_threads)
        thread->quit();
    for (const std::unique_ptr<QThread> &thread : m_threads)
        thread->wait();
    m_threads.clear();
    m_servers.clear();
}

QString Balancer::url() const
{
    return u"http://%1:%2/"_s.arg(m_options.listenAddress.toString()).arg(m_port);
}

void Balancer::onEachThread(const std::function<void(BalancerServer &)> &job)
{
    // A frozen thread does it once it is thawed; waiting for it would freeze the caller too.
    for (BalancerServer *server : m_servers)
        QMetaObject::invokeMethod(
            server, [job, server] { job(*server); },
            isFrozen() ? Qt::QueuedConnection : Qt::BlockingQueuedConnection);
}

bool Balancer::freeze()
{
    if (!isRunning() || isFrozen())
        return false;
    m_gate = std::make_shared<Gate>();
    for (BalancerServer *server : m_servers)
        QMetaObject::invokeMethod(
            server,
            [gate = m_gate] {
                std::unique_lock lock(gate->mutex);
                gate->opened.wait(lock, [&] { return !gate->closed; });
            },
            Qt::QueuedConnection);
    m_metrics.recordEvent(tr("balancer frozen"));
    return true;
}

bool Balancer::thaw()
{
    if (!isFrozen())
        return false;
    {
        const std::lock_guard lock(m_gate->mutex);
        m_gate->closed = false;
    }
    m_gate->opened.notify_all();
    m_gate.reset();
    return true;
}

int Balancer::backendIndex(const QString &backend) const
{
    for (qsizetype i = 0; i < m_options.backends.size(); ++i) {
        if (m_options.backends.at(i).name == backend)
            return static_cast<int>(i);
    }
    return -1;
}

bool Balancer::setServerState(const QString &backend, ServerAdminState state)
{
    const int index = backendIndex(backend);
    if (index < 0)
        return false;
    // Read, then written: only the thread that owns the balancer changes these.
    const ServerAdminState before = m_health.adminState(index);
    if (before == state)
        return true;
    // Not checked while in maintenance, it may have been stopped meanwhile: it takes requests
    // again once a check now has passed.
    const bool recheck = before == ServerAdminState::Maintenance && isRunning();
    if (recheck)
        m_health.setAwaitingCheck(index, true);
    m_health.setAdminState(index, state);
    if (state != ServerAdminState::Ready)
        onEachThread([index](BalancerServer &server) { server.core().dropIdle(index); });
    if (recheck)
        QMetaObject::invokeMethod(&m_servers.front()->health(), "checkNow", Qt::QueuedConnection,
                                  Q_ARG(int, index));
    switch (state) {
    case ServerAdminState::Drain:
        m_metrics.recordAdmin(index, tr("draining"),
                              requestsInFlight(index) == 0
                                  ? tr("draining: no new requests, and none in flight")
                                  : tr("draining: no new requests; %n in flight will finish",
                                       nullptr, requestsInFlight(index)));
        break;
    case ServerAdminState::Maintenance:
        m_metrics.recordAdmin(index, tr("maintenance"),
                              tr("in maintenance: out of the rotation, and not health-checked"));
        break;
    case ServerAdminState::Ready:
        m_metrics.recordAdmin(index, tr("ready"),
                              recheck ? tr("ready: takes requests again once a health check "
                                           "passes")
                                      : tr("ready: takes requests again"));
        break;
    }
    return true;
}

bool Balancer::setWeight(const QString &backend, int weight)
{
    const int index = backendIndex(backend);
    if (index < 0 || weight < 0 || weight > kMaxWeight)
        return false;
    const int before = m_health.weight(index);
    if (before == weight)
        return true;
    m_health.setWeight(index, weight);
    m_metrics.recordAdmin(index, tr("weight %1").arg(weight),
                          tr("weight %1 (was %2)").arg(weight).arg(before), false);
    return true;
}

int Balancer::requestsInFlight(int backend) const
{
    int inFlight = 0;
    for (const BalancerServer *server : m_servers)
        inFlight += server->core().requestsInFlight(backend);
    return inFlight;
}

MetricsSnapshot Balancer::snapshot(int recentBuckets) const
{
    MetricsSnapshot snapshot = m_metrics.snapshot(recentBuckets);
    for (qsizetype i = 0; i < snapshot.backends.size(); ++i) {
        MetricsSnapshot::Backend &backend = snapshot.backends[i];
        const int index = static_cast<int>(i);
        backend.healthy = m_health.healthy(index);
        backend.admin = m_health.adminState(index);
        backend.weight = m_health.weight(index);
        backend.inFlight = requestsInFlight(index);
        backend.openConnections = m_health.openConnections(index);
        backend.connectionsEver = m_health.connectionsEver(index);
    }
    return snapshot;
}

bool Balancer::setAlgorithm(core::BalancingAlgorithm algorithm)
{
    m_options.algorithm = algorithm;
    if (!isRunning())
        return false;
    onEachThread([algorithm](BalancerServer &server) { server.core().setAlgorithm(algorithm); });
    m_metrics.recordEvent(
        tr("algorithm changed to %1").arg(core::balancingAlgorithmName(algorithm)));
    return true;
}

} // namespace topolab::runtime
