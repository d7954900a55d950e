#include "healthchecker.h"

#include "balancercore.h"
#include "runtime/http/httpclientconnection.h"

using namespace Qt::StringLiterals;

namespace topolab::runtime {

HealthChecker::HealthChecker(BalancerCore &core, QObject *parent)
    : QObject(parent)
    , m_core(core)
    , m_records(static_cast<size_t>(core.backendCount()))
{
    // Member QObjects get this as parent so that they follow it to the balancer thread.
    m_timer.setParent(this);
    connect(&m_timer, &QTimer::timeout, this, &HealthChecker::checkAll);
    connect(&m_core, &BalancerCore::healthChanged, this, [this](int backend, bool healthy) {
        if (!healthy)
            restartRise(backend);
    });
}

void HealthChecker::start()
{
    m_timer.start(m_core.options().healthInterval);
    checkAll();
}

void HealthChecker::checkAll()
{
    for (int backend = 0; backend < m_core.backendCount(); ++backend)
        check(backend);
}

void HealthChecker::check(int backend)
{
    Record &record = m_records[static_cast<size_t>(backend)];
    // A server in maintenance may be stopped on purpose: checking it would report it as failing.
    if (record.inFlight || m_core.adminState(backend) == ServerAdminState::Maintenance)
        return;
    record.inFlight = true;
    record.startedNs = m_core.nowNs();
    const BackendConfig &config = m_core.config(backend);
    auto *probe = new HttpClientConnection(backend, config.host, config.port, this);
    HttpRequest request = HttpRequest::make("GET", "/healthz");
    request.headers.add("Host", config.host.toLatin1());
    request.headers.add("User-Agent", "topolab-health");
    request.headers.add("Connection", "close");
    // A check may take at most one interval (and never more than the connect timeout to connect),
    // so a frozen backend is found within the interval.
    const auto limit = std::min(m_core.options().healthInterval, std::chrono::milliseconds(5000));
    probe->send(request.serialize(), false,
                {std::min(limit, m_core.options().connectTimeout), limit}, *this);
}

void HealthChecker::responded(HttpClientConnection &probe, HttpResponse response)
{
    probe.deleteLater();
    const QString answered = tr("answered %1").arg(response.status);
    report(probe.tag(), response.status >= 200 && response.status < 400, answered,
           tr("health check %1").arg(answered));
}

void HealthChecker::failed(HttpClientConnection &probe, HttpClientConnection::Failure failure,
                           const QString &reason)
{
    probe.deleteLater();
    // Out of descriptors here says nothing about the server: no verdict this round.
    if (failure == HttpClientConnection::Failure::LocalResources) {
        m_records[static_cast<size_t>(probe.tag())].inFlight = false;
        return;
    }
    report(probe.tag(), false, reason, tr("health check failed: %1").arg(reason));
}

void HealthChecker::report(int backend, bool healthy, const QString &result, const QString &reason)
{
    Record &record = m_records[static_cast<size_t>(backend)];
    record.inFlight = false;
    // A check sent before maintenance began: no verdict, and what came before no longer counts.
    if (m_core.adminState(backend) == ServerAdminState::Maintenance) {
        record.successes = record.failures = 0;
        return;
    }
    m_core.metrics().recordCheck(backend, healthy, (m_core.nowNs() - record.startedNs) / 1000,
                                 result);
    // The first check after maintenance decides at once: the server was not watched meanwhile.
    if (m_core.awaitingCheck(backend)) {
        m_core.setHealthy(backend, healthy, reason);
        m_core.checked(backend);
        record.successes = healthy ? m_core.options().healthRise : 0;
        record.failures = healthy ? 0 : m_core.options().healthFall;
        return;
    }
    // Down since the last check (a failed request, maybe on another thread, whose word has not
    // arrived yet): the good checks before that do not count towards coming back.
    if (!m_core.status(backend).healthy && record.successes >= m_core.options().healthRise)
        record.successes = 0;
    if (healthy) {
        record.failures = 0;
        if (++record.successes >= m_core.options().healthRise)
            m_core.setHealthy(backend, true, reason);
    } else {
        record.successes = 0;
        if (++record.failures >= m_core.options().healthFall)
            m_core.setHealthy(backend, false, reason);
    }
}

} // namespace topolab::runtime
