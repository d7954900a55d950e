#include "serverstateaction.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;
using topolab::runtime::ServerAdminState;

namespace topolab::gui {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ServerStateAction)
};

} // namespace

QList<ServerStateAction> ServerStateAction::all()
{
    return {
        {ServerAdminState::Ready, u"ready"_s, Tr::tr("Ready"),
         Tr::tr("Let the server take requests again.")},
        {ServerAdminState::Drain, u"drain"_s, Tr::tr("Drain"),
         Tr::tr("Send the server no new requests; those in flight finish. Once drained it can "
                "be stopped without failing a request.")},
        {ServerAdminState::Maintenance, u"maintenance"_s, Tr::tr("Maintenance"),
         Tr::tr("Take the server out at once and stop checking its health, so it can be stopped "
                "or restarted without alarms.")},
    };
}

} // namespace topolab::gui
