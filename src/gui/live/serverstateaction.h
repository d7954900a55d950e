#pragma once

#include "runtime/balancer/serveradminstate.h"

#include <QList>
#include <QString>

namespace topolab::gui {

// Ready, Drain and Maintenance as the window offers them, the same in the Servers panel, a
// card's menu and the inspector: the state, the action's id (its object name), text and tip.
struct ServerStateAction {
    runtime::ServerAdminState state;
    QString id;
    QString text;
    QString tip;

    static QList<ServerStateAction> all();
};

} // namespace topolab::gui
