#pragma once

#include "core/clusterplan.h"
#include "runtime/net/labnetwork.h"

#include <QCoreApplication>
#include <memory>
#include <optional>

namespace topolab::runtime {

// How a lab process gets its lab: while it has one thread, it opens the desktop's way in
// (127.0.0.1 and the balancer's port, on the user's own network), enters its namespaces and builds
// the hosts. Where the system allows no user namespaces, or TOPOLAB_LAB=host asks, the design runs
// as one host instead, and oneHostReason() says why in plain words.
class LabEntry final {
    Q_DECLARE_TR_FUNCTIONS(LabEntry)

public:
    // nullopt with `error` only for what the user must fix (a busy port) or a lab that could not
    // be built after its namespaces were entered (there is no way back to one host then).
    static std::optional<LabEntry> open(const core::ClusterPlan &plan, QString *error);

    LabEntry(LabEntry &&other) noexcept;
    LabEntry &operator=(LabEntry &&) = delete;
    ~LabEntry();

    bool isLab() const { return m_network != nullptr; }
    const LabNetwork *network() const { return m_network.get(); }
    const QString &oneHostReason() const { return m_oneHostReason; }
    // The listening socket for ClusterController::Options::forwardListener; the caller owns it.
    int takeForwardListener() { return std::exchange(m_forward, -1); }

private:
    LabEntry() = default;

    std::unique_ptr<LabNetwork> m_network;
    int m_forward = -1;
    QString m_oneHostReason;
};

} // namespace topolab::runtime
