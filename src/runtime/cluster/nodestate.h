#pragma once

#include <QString>
#include <optional>

namespace topolab::runtime {

// Where a running node is in its life; the canvas colours its badge by this.
enum class NodeState { Stopped, Starting, Healthy, Degraded, Down, Paused };

inline QString nodeStateName(NodeState state)
{
    switch (state) {
    case NodeState::Stopped:
        return QStringLiteral("stopped");
    case NodeState::Starting:
        return QStringLiteral("starting");
    case NodeState::Healthy:
        return QStringLiteral("healthy");
    case NodeState::Degraded:
        return QStringLiteral("degraded");
    case NodeState::Down:
        return QStringLiteral("down");
    case NodeState::Paused:
        return QStringLiteral("paused");
    }
    return {};
}

// The inverse of nodeStateName().
inline std::optional<NodeState> nodeStateFromName(QStringView name)
{
    for (NodeState state : {NodeState::Stopped, NodeState::Starting, NodeState::Healthy,
                            NodeState::Degraded, NodeState::Down, NodeState::Paused}) {
        if (name == nodeStateName(state))
            return state;
    }
    return std::nullopt;
}

} // namespace topolab::runtime
