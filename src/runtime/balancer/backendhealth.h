#pragma once

#include "balanceroptions.h"
#include "serveradminstate.h"

#include <QElapsedTimer>
#include <atomic>
#include <memory>

namespace topolab::runtime {

// What every balancer thread must agree on about each backend: whether it takes requests (its
// health, the operator's state and weight) and what it has answered lately. A server that one
// thread's request or the health checks find down is down for every thread at once; a server
// that answers one thread's requests is alive for the others too. Also the counts that only make
// sense summed over the threads: connections open. (Requests in flight are counted by each thread
// on its own, since they change with every request; Balancer sums them.)
class BackendHealth final {
public:
    explicit BackendHealth(const QList<BackendConfig> &backends)
        : m_count(static_cast<size_t>(backends.size()))
        , m_backends(std::make_unique<Shared[]>(m_count))
    {
        for (size_t i = 0; i < m_count; ++i) {
            m_backends[i].state.healthy.store(backends[static_cast<qsizetype>(i)].startsHealthy);
            m_backends[i].state.weight.store(backends[static_cast<qsizetype>(i)].weight);
        }
        m_clock.start();
    }

    bool healthy(int backend) const
    {
        return at(backend).state.healthy.load(std::memory_order_relaxed);
    }
    // True for the one call that changed it, so each change is reported once.
    bool set(int backend, bool healthy)
    {
        bool expected = !healthy;
        return at(backend).state.healthy.compare_exchange_strong(expected, healthy);
    }

    ServerAdminState adminState(int backend) const
    {
        return static_cast<ServerAdminState>(
            at(backend).state.admin.load(std::memory_order_relaxed));
    }
    // The state it had before.
    ServerAdminState setAdminState(int backend, ServerAdminState state)
    {
        return static_cast<ServerAdminState>(
            at(backend).state.admin.exchange(static_cast<quint8>(state)));
    }
    int weight(int backend) const
    {
        return at(backend).state.weight.load(std::memory_order_relaxed);
    }
    void setWeight(int backend, int weight) { at(backend).state.weight.store(weight); }
    // Back from maintenance, it was not checked meanwhile: it takes requests again once a check
    // has passed, not on the word of the check before.
    bool awaitingCheck(int backend) const
    {
        return at(backend).state.awaitingCheck.load(std::memory_order_relaxed);
    }
    void setAwaitingCheck(int backend, bool awaiting)
    {
        at(backend).state.awaitingCheck.store(awaiting);
    }

    void connectionOpened(int backend)
    {
        at(backend).counts.openConnections.fetch_add(1, std::memory_order_relaxed);
        at(backend).counts.connectionsEver.fetch_add(1, std::memory_order_relaxed);
    }
    void connectionClosed(int backend)
    {
        at(backend).counts.openConnections.fetch_sub(1, std::memory_order_relaxed);
    }
    int openConnections(int backend) const
    {
        return at(backend).counts.openConnections.load(std::memory_order_relaxed);
    }
    qint64 connectionsEver(int backend) const
    {
        return at(backend).counts.connectionsEver.load(std::memory_order_relaxed);
    }

    // Nanoseconds on the one clock of every thread.
    qint64 nowNs() const { return m_clock.nsecsElapsed(); }
    // `backend` answered a request sent at `sentNs`.
    void recordAnswer(int backend, qint64 sentNs)
    {
        std::atomic<qint64> &latest = at(backend).counts.latestAnsweredSentNs;
        qint64 seen = latest.load(std::memory_order_relaxed);
        while (seen < sentNs &&
               !latest.compare_exchange_weak(seen, sentNs, std::memory_order_relaxed)) {
        }
    }
    // Whether `backend` has answered a request sent after `sentNs`, on any thread.
    bool answeredAfter(int backend, qint64 sentNs) const
    {
        return at(backend).counts.latestAnsweredSentNs.load(std::memory_order_relaxed) > sentNs;
    }

private:
    // Read for every request by every thread, written rarely.
    struct alignas(64) State {
        std::atomic<bool> healthy{true};
        std::atomic<bool> awaitingCheck{false};
        std::atomic<quint8> admin{static_cast<quint8>(ServerAdminState::Ready)};
        std::atomic<int> weight{1};
    };
    // Written for every request: a cache line of their own, so that the writes do not evict
    // the state every pick reads.
    struct alignas(64) Counts {
        std::atomic<int> openConnections{0};
        std::atomic<qint64> connectionsEver{0};
        std::atomic<qint64> latestAnsweredSentNs{-1};
    };
    struct Shared {
        State state;
        Counts counts;
    };
    Shared &at(int backend) const { return m_backends[static_cast<size_t>(backend)]; }

    size_t m_count;
    std::unique_ptr<Shared[]> m_backends;
    QElapsedTimer m_clock;
};

} // namespace topolab::runtime
