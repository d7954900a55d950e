#pragma once

#include <condition_variable>
#include <mutex>

#include "backendhealth.h"
#include "balanceroptions.h"
#include "runtime/metrics/trafficmetrics.h"

#include <QElapsedTimer>
#include <QObject>
#include <QThread>
#include <memory>
#include <vector>

namespace topolab::runtime {

class BalancerServer;

// The embedded HTTP load balancer, running on threads of its own (options.threads, one by
// default) so that neither the GUI nor a slow client can stall it. Every method is safe to call
// from the thread that created it; the metrics snapshot is safe from any thread.
class Balancer final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Balancer)

public:
    explicit Balancer(BalancerOptions options, QObject *parent = nullptr);
    ~Balancer() override;

    // Starts listening; on failure returns false with the reason (a busy port, say).
    bool start(QString *error);
    void stop();
    bool isRunning() const { return !m_threads.empty(); }
    quint16 port() const { return m_port; }
    QString url() const;

    // Switches the balancing algorithm of the running balancer; false when it does not run (it
    // starts with it next time all the same).
    bool setAlgorithm(core::BalancingAlgorithm algorithm);
    core::BalancingAlgorithm algorithm() const { return m_options.algorithm; }
    // What the operator wants of the backend named `backend`: ready, drain or maintenance.
    // False when there is no such backend.
    bool setServerState(const QString &backend, ServerAdminState state);
    // Its weight from now on (0–256; 0 takes no new requests), for the policies that weigh.
    bool setWeight(const QString &backend, int weight);
    MetricsSnapshot snapshot(int recentBuckets = 60) const;
    // Fault injection: every balancer thread stops in its tracks, as a SIGSTOPped process would,
    // with its connections open and unanswered, until thaw(). False when it does not run, or is
    // frozen already (freeze) or not (thaw).
    bool freeze();
    bool thaw();
    bool isFrozen() const { return m_gate != nullptr; }

    static constexpr int kMaxWeight = 256;

signals:
    void healthChanged(const QString &backend, bool healthy, const QString &reason);

private:
    int backendIndex(const QString &backend) const;
    // Summed over the threads.
    int requestsInFlight(int backend) const;
    // Runs `job` on each balancer thread and waits for all.
    void onEachThread(const std::function<void(BalancerServer &)> &job);

    // Closed while frozen: each thread waits at it.
    struct Gate {
        std::mutex mutex;
        std::condition_variable opened;
        bool closed = true;
    };

    BalancerOptions m_options;
    QElapsedTimer m_clock;
    TrafficMetrics m_metrics;
    BackendHealth m_health;
    std::vector<std::unique_ptr<QThread>> m_threads;
    // One per thread, each deleted on its thread when that thread finishes.
    std::vector<BalancerServer *> m_servers;
    quint16 m_port = 0;
    std::shared_ptr<Gate> m_gate;
};

} // namespace topolab::runtime
