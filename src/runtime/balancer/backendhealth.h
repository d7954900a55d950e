#pragma once

#include "balanceroptions.h"

#include <atomic>
#include <memory>

namespace topolab::runtime {

// Whether each backend takes requests, shared by the balancer's threads: a server that one
// thread's request or the health checks find down is down for every thread at once.
class BackendHealth final {
public:
    explicit BackendHealth(const QList<BackendConfig> &backends)
        : m_healthy(std::make_unique<std::atomic<bool>[]>(static_cast<size_t>(backends.size())))
    {
        for (qsizetype i = 0; i < backends.size(); ++i)
            m_healthy[static_cast<size_t>(i)].store(backends[i].startsHealthy);
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

private:
    std::unique_ptr<std::atomic<bool>[]> m_healthy;
};

} // namespace topolab::runtime
