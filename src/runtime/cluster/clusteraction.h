#pragma once

#include <QMetaType>

namespace topolab::runtime {

// What the user can do to a running cluster: the fault injections on a node's process, the
// operator's states and weight of a server behind the balancer, and the balancer's and the
// replica's switches.
enum class ClusterAction {
    Kill,
    Pause,
    Resume,
    Restart,
    Drain,
    Maintenance,
    Ready,
    Weight,
    Algorithm,
    Replication
};

} // namespace topolab::runtime

Q_DECLARE_METATYPE(topolab::runtime::ClusterAction)
