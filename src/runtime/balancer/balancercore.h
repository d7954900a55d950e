#pragma once

#include "balanceroptions.h"
#include "balancingpolicy.h"
#include "runtime/metrics/trafficmetrics.h"

#include <QObject>
#include <vector>

namespace topolab::runtime {

class HttpClientConnection;

// The balancer's shared state on its own thread: the backends with their health and load, the
// policy that picks among them, the pools of idle keep-alive connections, and the metrics.
class BalancerCore final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BalancerCore)

public:
    BalancerCore(const BalancerOptions &options, TrafficMetrics &metrics,
                 QObject *parent = nullptr);
    ~BalancerCore() override;

    const BalancerOptions &options() const { return m_options; }
    TrafficMetrics &metrics() { return m_metrics; }
    int backendCount() const { return static_cast<int>(m_status.size()); }
    const BackendStatus &status(int backend) const
    {
        return m_status[static_cast<size_t>(backend)];
    }
    const BackendConfig &config(int backend) const { return m_options.backends[backend]; }
    int healthyCount() const;

    std::optional<int> pick(const PickContext &context);
    bool setAlgorithm(const QString &algorithm);
    QString algorithm() const { return m_policy->algorithm(); }

    // Health, from active checks or from a failed request (passive). Changes are recorded as
    // events.
    void setHealthy(int backend, bool healthy, const QString &reason);

    // A connection to `backend`: an idle pooled one if there is one, else a new one.
    HttpClientConnection *acquire(int backend);
    // A new connection to `backend`, never a pooled one.
    HttpClientConnection *openConnection(int backend);
    // Returns a connection after a complete exchange; it is pooled if it can be reused.
    void release(HttpClientConnection *connection, bool reusable);

    void requestStarted(int backend) { ++m_status[static_cast<size_t>(backend)].activeRequests; }
    void requestFinished(int backend) { --m_status[static_cast<size_t>(backend)].activeRequests; }

signals:
    void healthChanged(int backend, bool healthy, const QString &reason);

private:
    BalancerOptions m_options;
    TrafficMetrics &m_metrics;
    std::unique_ptr<BalancingPolicy> m_policy;
    std::vector<BackendStatus> m_status;
    std::vector<QList<HttpClientConnection *>> m_idle;
};

} // namespace topolab::runtime
