#pragma once

#include "balanceroptions.h"

#include <QElapsedTimer>
#include <atomic>
#include <memory>

namespace topolab::runtime {

// Whether each backend takes requests, shared by the balancer's threads: a server that one
// thread's request or the health checks find down is down for every thread at once. Also what
// each has answered lately, on any thread: a server that answers one thread's requests is alive
// for the others too.
class BackendHealth final {
public:
    explicit BackendHealth(const QList<BackendConfig> &backends)
        : m_healthy(std::make_unique<std::atomic<bool>[]>(static_cast<size_t>(backends.size())))
        , m_latestAnsweredSentNs(
              std::make_unique<std::atomic<qint64>[]>(static_cast<size_t>(backends.size())))
    {
        for (qsizetype i = 0; i < backends.size(); ++i) {
            m_healthy[static_cast<size_t>(i)].store(backends[i].startsHealthy);
            m_latestAnsweredSentNs[static_cast<size_t>(i)].store(-1);
        }
        m_clock.start();
    }

    bool healthy(int backend) const
    {
        return m_healthy[static_cast<size_t>(backend)].load(std::memory_order_relaxed);
    }
    // True for the one call that changed it, so each change is reported once.
    bool set(int backend, bool healthy)
    {
        bool expected = !healthy;
        return m_healthy[static_cast<size_t>(backend)].compare_exchange_strong(expected, healthy);
    }

    // Nanoseconds on the one clock of every thread.
    qint64 nowNs() const { return m_clock.nsecsElapsed(); }
    // `backend` answered a request sent at `sentNs`.
    void recordAnswer(int backend, qint64 sentNs)
    {
        std::atomic<qint64> &latest = m_latestAnsweredSentNs[static_cast<size_t>(backend)];
        qint64 seen = latest.load(std::memory_order_relaxed);
        while (seen < sentNs &&
               !latest.compare_exchange_weak(seen, sentNs, std::memory_order_relaxed)) {
        }
    }
    // Whether `backend` has answered a request sent after `sentNs`, on any thread.
    bool answeredAfter(int backend, qint64 sentNs) const
    {
        return m_latestAnsweredSentNs[static_cast<size_t>(backend)].load(
                   std::memory_order_relaxed) > sentNs;
    }

private:
    std::unique_ptr<std::atomic<bool>[]> m_healthy;
    std::unique_ptr<std::atomic<qint64>[]> m_latestAnsweredSentNs;
    QElapsedTimer m_clock;
};

} // namespace topolab::runtime
