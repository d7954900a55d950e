#pragma once

#include "backendhealth.h"
#include "balanceroptions.h"
#include "balancingpolicy.h"
#include "runtime/metrics/trafficmetrics.h"

#include <QObject>
#include <vector>

namespace topolab::runtime {

class HttpClientConnection;

// The state of one balancer thread: the backends with their load, the policy that picks among
// them and the pools of idle keep-alive connections; health and metrics are shared by all the
// balancer's threads.
class BalancerCore final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BalancerCore)

public:
    BalancerCore(const BalancerOptions &options, TrafficMetrics &metrics, BackendHealth &health,
                 QObject *parent = nullptr);
    ~BalancerCore() override;

    const BalancerOptions &options() const { return m_options; }
    TrafficMetrics &metrics() { return m_metrics; }
    int backendCount() const { return static_cast<int>(m_status.size()); }
    const BackendStatus &status(int backend) const
    {
        refresh(backend);
        return m_status[static_cast<size_t>(backend)];
    }
    const BackendConfig &config(int backend) const { return m_options.backends[backend]; }
    // The backend's name and host as they go into header fields, made once rather than per
    // request.
    const QByteArray &wireName(int backend) const
    {
        return m_wire[static_cast<size_t>(backend)].name;
    }
    const QByteArray &wireHost(int backend) const
    {
        return m_wire[static_cast<size_t>(backend)].host;
    }
    // Backends a request could go to now, `excluded` and `besides` left out: healthy and
    // taking requests. (Two arguments, not a copy of the set: this runs for every request.)
    int eligibleCount(const QSet<int> &excluded, int besides) const;
    ServerAdminState adminState(int backend) const { return m_health.adminState(backend); }
    // See BackendHealth::awaitingCheck; the health checks clear it.
    void checked(int backend) { m_health.setAwaitingCheck(backend, false); }
    bool awaitingCheck(int backend) const { return m_health.awaitingCheck(backend); }

    std::optional<int> pick(const PickContext &context);
    void setAlgorithm(core::BalancingAlgorithm algorithm);
    core::BalancingAlgorithm algorithm() const { return m_policy->algorithm(); }

    // Health, from active checks or from a failed request (passive), for every thread. Changes
    // are recorded as events, once, by the thread that made them.
    void setHealthy(int backend, bool healthy, const QString &reason);

    // A connection to `backend`: an idle pooled one if there is one, else a new one.
    HttpClientConnection *acquire(int backend);
    // A new connection to `backend`, never a pooled one.
    HttpClientConnection *openConnection(int backend);
    // Returns a connection after a complete exchange; it is pooled if it can be reused.
    void release(HttpClientConnection *connection, bool reusable);

    // How long the first try of an idempotent request on `backend` waits for an answer before it
    // is resent elsewhere: the configured tryTimeout, or more for a server that is slow all the
    // time (8 × its typical response time), so that a loaded server's requests are not all run
    // twice — only a server that suddenly stops answering is routed around.
    std::chrono::milliseconds tryTimeout(int backend) const;
    // A complete response from `backend` to a request sent at `sentNs` (nowNs()).
    void recordResponse(int backend, qint64 sentNs);
    // Nanoseconds on the clock all threads share.
    qint64 nowNs() const { return m_health.nowNs(); }
    // Whether `backend` has answered a request sent after `sentNs`, on any thread: a server that
    // has is alive and merely slow with the earlier one. (Answers to requests sent before prove
    // nothing: a server frozen just now may have sent those.)
    bool answeredLaterRequest(int backend, qint64 sentNs) const
    {
        return m_health.answeredAfter(backend, sentNs);
    }

    void requestStarted(int backend) { countInFlight(backend, +1); }
    void requestFinished(int backend) { countInFlight(backend, -1); }
    // This thread's requests in flight to `backend`, safe to read from any thread.
    int requestsInFlight(int backend) const
    {
        return m_inFlight[static_cast<size_t>(backend)].load(std::memory_order_relaxed);
    }
    // Closes this thread's idle connections to `backend`: it is down, drained or in maintenance,
    // and its idle connections would only hold it open.
    void dropIdle(int backend);

signals:
    void healthChanged(int backend, bool healthy, const QString &reason);

private:
    BalancerOptions m_options;
    TrafficMetrics &m_metrics;
    BackendHealth &m_health;
    std::unique_ptr<BalancingPolicy> m_policy;
    struct WireNames {
        QByteArray name;
        QByteArray host;
    };
    std::vector<WireNames> m_wire;
    // Copies `healthy`, `weight` and `accepting` from m_health, whose word they are.
    void refresh(int backend) const;
    void countInFlight(int backend, int change)
    {
        const int now = (m_status[static_cast<size_t>(backend)].activeRequests += change);
        // This thread is the only writer: a plain store, no locked read-modify-write.
        m_inFlight[static_cast<size_t>(backend)].store(now, std::memory_order_relaxed);
    }

    // Each `healthy`, `weight` and `accepting` is a copy of m_health's, refreshed before it is
    // read.
    mutable std::vector<BackendStatus> m_status;
    std::vector<QList<HttpClientConnection *>> m_idle;
    // The activeRequests of m_status, for the balancer's snapshot on another thread.
    std::unique_ptr<std::atomic<int>[]> m_inFlight;
    // Per backend: a moving average of the time to a complete response, in microseconds.
    std::vector<double> m_typicalResponseUs;
};

} // namespace topolab::runtime
