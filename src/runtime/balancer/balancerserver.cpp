#include "balancerserver.h"

#include <QCoreApplication>

namespace topolab::runtime {

namespace {

HttpServerOptions serverOptions(const BalancerOptions &options)
{
    HttpServerOptions server;
    server.headerTimeout = options.headerTimeout;
    server.idleTimeout = options.idleTimeout;
    server.maxConnections = options.maxConnections;
    return server;
}

} // namespace

BalancerServer::BalancerServer(const BalancerOptions &options, TrafficMetrics &metrics)
    : m_core(options, metrics, this)
    , m_health(m_core, this)
    , m_proxy(m_core)
    , m_server(m_proxy, serverOptions(options), this)
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

bool BalancerServer::listen(QString *error)
{
    const BalancerOptions &options = m_core.options();
    QString reason;
    if (!m_server.listen(options.listenAddress, options.port, &reason)) {
        *error = QCoreApplication::translate("BalancerServer", "the load balancer %1").arg(reason);
        return false;
    }
    m_health.start();
    return true;
}

} // namespace topolab::runtime
