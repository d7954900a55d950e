#pragma once

#include <QString>

namespace topolab::runtime {

// How the replica follows its primary, from SHOW SLAVE STATUS.
struct ReplicationStatus {
    bool configured = false;
    bool ioRunning = false;
    bool sqlRunning = false;
    int lagSeconds = -1; // -1: unknown (replication stopped or the replica is unreachable)
    QString error;

    bool healthy() const { return configured && ioRunning && sqlRunning && error.isEmpty(); }
};

} // namespace topolab::runtime
