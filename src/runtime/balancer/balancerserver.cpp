#include "balancerserver.h"

#include <QCoreApplication>

namespace topolab::runtime {

namespace {

HttpServerOptions serverOptions(const BalancerOptions &options)
{
    HttpServerOptions server;
    server.headerTimeout = options.headerTimeout;
    server.idleTimeout = options.idleTimeout;
    // The limit is the balancer's: each thread takes its share.
    server.maxConnections = (options.maxConnections + options.threads - 1) / options.threads;
    return server;
}

} // namespace

BalancerServer::BalancerServer(const BalancerOptions &options, TrafficMetrics &metrics,
                               BackendHealth &health, bool checksHealth)
    : m_core(options, metrics, health, this)
    , m_health(m_core, this)
    , m_proxy(m_core)
    , m_server(m_proxy, serverOptions(options), this)
    , m_checksHealth(checksHealth)
{
    connect(&m_server, &HttpServer::refused, this,
            [this](int status, qint64 bytes) { m_core.metrics().record(-1, status, bytes, 0); });
    connect(&m_server, &HttpServer::descriptorsExhausted, this, [this](const QString &reason) {
        // Once a second at most: a flood of refused clients must not flood the event log.
        const qint64 now = m_core.metrics().now();
        if (m_lastExhaustionEventMs >= 0 && now - m_lastExhaustionEventMs < 1000)
            return;
        m_lastExhaustionEventMs = now;
        m_core.metrics().recordEvent(reason);
    });
}

BalancerServer::~BalancerServer() = default;

bool BalancerServer::listen(quint16 port, const BalancerServer *first, QString *error)
{
    QString reason;
    const bool listening = first ? m_server.share(first->m_server, &reason)
                                 : m_server.listen(m_core.options().listenAddress, port, &reason);
    if (!listening) {
        if (error)
            *error =
                QCoreApplication::translate("BalancerServer", "the load balancer %1").arg(reason);
        return false;
    }
    if (m_checksHealth)
        m_health.start();
    return true;
}

} // namespace topolab::runtime
