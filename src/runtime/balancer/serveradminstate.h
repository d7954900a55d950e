#pragma once

#include <QString>
#include <optional>

namespace topolab::runtime {

// What the operator wants of a server, beside what its health checks say (HAProxy's `set server
// … state`): ready takes requests; drain takes no new ones while those in flight finish;
// maintenance is out at once and not health-checked, so it can be stopped without being reported
// as failing.
enum class ServerAdminState : quint8 { Ready, Drain, Maintenance };

inline QString serverAdminStateName(ServerAdminState state)
{
    switch (state) {
    case ServerAdminState::Ready:
        return QStringLiteral("ready");
    case ServerAdminState::Drain:
        return QStringLiteral("drain");
    case ServerAdminState::Maintenance:
        return QStringLiteral("maintenance");
    }
    return {};
}

inline std::optional<ServerAdminState> serverAdminStateFromName(QStringView name)
{
    for (ServerAdminState state :
         {ServerAdminState::Ready, ServerAdminState::Drain, ServerAdminState::Maintenance}) {
        if (name == serverAdminStateName(state))
            return state;
    }
    return std::nullopt;
}

} // namespace topolab::runtime
