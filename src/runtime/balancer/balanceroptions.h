#pragma once

#include "core/balancingalgorithm.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <chrono>

namespace topolab::runtime {

struct BackendConfig {
    QString name;
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 0;
    int weight = 1;
    // A backend known not to be running starts down and needs `healthRise` good checks first.
    bool startsHealthy = true;
};

// Everything the balancer needs to run; the cluster plan fills it from the topology.
struct BalancerOptions {
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 port = 0;
    core::BalancingAlgorithm algorithm = core::BalancingAlgorithm::RoundRobin;
    QList<BackendConfig> backends;
    // Where its metrics' clock counts from; invalid: from its own construction. The balancers
    // of one cluster share one, so that a standby's samples follow on from the active one's.
    QElapsedTimer epoch;

    std::chrono::milliseconds healthInterval{1000};
    int healthRise = 2;
    int healthFall = 2;
    std::chrono::milliseconds connectTimeout{2000};
    std::chrono::milliseconds responseTimeout{10000};
    // How long the first try of an idempotent request waits for the server's first byte before
    // it is resent to another server: well under the health interval, so a frozen server costs
    // a request this much latency rather than a failure while the checks find it out.
    std::chrono::milliseconds tryTimeout{400};
    std::chrono::milliseconds headerTimeout{10000};
    std::chrono::milliseconds idleTimeout{60000};
    int maxConnections = 4096;
    // Event-loop threads serving clients, each with its own connections and pools.
    int threads = 1;
    // Enough that a busy client load never has to reconnect to a backend; each costs one socket.
    int maxIdlePerBackend = 512;
    // In a lab: the balancer host's network namespace (a descriptor), which every balancer thread
    // enters before it makes a socket; -1 for the namespace the balancer is created in.
    int networkNamespace = -1;
};

} // namespace topolab::runtime
