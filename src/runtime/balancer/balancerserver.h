#pragma once

#include "balancercore.h"
#include "healthchecker.h"
#include "proxyhandler.h"
#include "runtime/http/httpserver.h"

namespace topolab::runtime {

// The balancer's parts on the balancer thread: the HttpServer that takes clients, the
// ProxyHandler that forwards their requests, the shared core and the health checks.
class BalancerServer final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BalancerServer)

public:
    BalancerServer(const BalancerOptions &options, TrafficMetrics &metrics);
    ~BalancerServer() override;

    bool listen(QString *error);
    quint16 port() const { return m_server.port(); }
    BalancerCore &core() { return m_core; }

private:
    BalancerCore m_core;
    HealthChecker m_health;
    // Declared after the core: exchanges still in flight give their connections back to it.
    ProxyHandler m_proxy;
    HttpServer m_server;
    qint64 m_lastExhaustionEventMs = -1;
};

} // namespace topolab::runtime
