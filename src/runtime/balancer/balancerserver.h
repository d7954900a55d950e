#pragma once

#include "balancercore.h"
#include "healthchecker.h"
#include "proxyhandler.h"
#include "runtime/http/httpserver.h"

namespace topolab::runtime {

// The balancer's parts on one balancer thread: the HttpServer that takes clients, the
// ProxyHandler that forwards their requests, the thread's core and, on the first thread, the
// health checks. With several threads all take clients from one listening socket.
class BalancerServer final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BalancerServer)

public:
    BalancerServer(const BalancerOptions &options, TrafficMetrics &metrics, BackendHealth &health,
                   bool checksHealth);
    ~BalancerServer() override;

    // Listens on `port` (0: a free one); with `first`, takes clients from the socket it
    // listens on instead (`port` is then unused).
    bool listen(quint16 port, const BalancerServer *first, QString *error);
    quint16 port() const { return m_server.port(); }
    BalancerCore &core() { return m_core; }
    const BalancerCore &core() const { return m_core; }
    HealthChecker &health() { return m_health; }

private:
    BalancerCore m_core;
    HealthChecker m_health;
    // Declared after the core: exchanges still in flight give their connections back to it.
    ProxyHandler m_proxy;
    HttpServer m_server;
    qint64 m_lastExhaustionEventMs = -1;
    bool m_checksHealth;
};

} // namespace topolab::runtime
