#pragma once

#include "balancercore.h"
#include "healthchecker.h"

#include <QTcpServer>

namespace topolab::runtime {

// The balancer's listening side, living on the balancer thread: accepts clients (up to the
// connection limit), hands each to a ClientConnection and runs the health checks.
class BalancerServer final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BalancerServer)

public:
    BalancerServer(const BalancerOptions &options, TrafficMetrics &metrics);
    ~BalancerServer() override;

    bool listen(QString *error);
    quint16 port() const { return m_server.serverPort(); }
    BalancerCore &core() { return m_core; }

private:
    void accept();

    BalancerCore m_core;
    HealthChecker m_health;
    QTcpServer m_server;
    int m_connections = 0;
};

} // namespace topolab::runtime
