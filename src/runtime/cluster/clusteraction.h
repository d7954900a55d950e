#pragma once

#include <QMetaType>
#include <QString>
#include <optional>

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

// "kill", "drain", …: as the lab protocol names them.
inline QString clusterActionName(ClusterAction action)
{
    switch (action) {
    case ClusterAction::Kill:
        return QStringLiteral("kill");
    case ClusterAction::Pause:
        return QStringLiteral("pause");
    case ClusterAction::Resume:
        return QStringLiteral("resume");
    case ClusterAction::Restart:
        return QStringLiteral("restart");
    case ClusterAction::Drain:
        return QStringLiteral("drain");
    case ClusterAction::Maintenance:
        return QStringLiteral("maintenance");
    case ClusterAction::Ready:
        return QStringLiteral("ready");
    case ClusterAction::Weight:
        return QStringLiteral("weight");
    case ClusterAction::Algorithm:
        return QStringLiteral("algorithm");
    case ClusterAction::Replication:
        return QStringLiteral("replication");
    }
    return {};
}

inline std::optional<ClusterAction> clusterActionFromName(QStringView name)
{
    for (ClusterAction action :
         {ClusterAction::Kill, ClusterAction::Pause, ClusterAction::Resume, ClusterAction::Restart,
          ClusterAction::Drain, ClusterAction::Maintenance, ClusterAction::Ready,
          ClusterAction::Weight, ClusterAction::Algorithm, ClusterAction::Replication}) {
        if (name == clusterActionName(action))
            return action;
    }
    return std::nullopt;
}

} // namespace topolab::runtime

Q_DECLARE_METATYPE(topolab::runtime::ClusterAction)
