#include "nodekind.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace topolab::core {

namespace {

struct KindNames {
    NodeKind kind;
    QLatin1StringView id;
    QLatin1StringView prefix;
    const char *displayName;
};

constexpr KindNames kKinds[] = {
    {NodeKind::Client, "client"_L1, "client"_L1,
     QT_TRANSLATE_NOOP("NodeKind", "Client / Internet")},
    {NodeKind::Dns, "dns"_L1, "dns"_L1, QT_TRANSLATE_NOOP("NodeKind", "DNS")},
    {NodeKind::LoadBalancer, "load-balancer"_L1, "lb"_L1,
     QT_TRANSLATE_NOOP("NodeKind", "Load balancer")},
    {NodeKind::WebServer, "web-server"_L1, "web"_L1, QT_TRANSLATE_NOOP("NodeKind", "Web server")},
    {NodeKind::AppServer, "app-server"_L1, "app"_L1,
     QT_TRANSLATE_NOOP("NodeKind", "Application server")},
    {NodeKind::Codebase, "codebase"_L1, "code"_L1, QT_TRANSLATE_NOOP("NodeKind", "Codebase")},
    {NodeKind::Database, "database"_L1, "db"_L1, QT_TRANSLATE_NOOP("NodeKind", "MySQL database")},
    {NodeKind::Firewall, "firewall"_L1, "fw"_L1, QT_TRANSLATE_NOOP("NodeKind", "Firewall")},
    {NodeKind::Monitoring, "monitoring"_L1, "mon"_L1,
     QT_TRANSLATE_NOOP("NodeKind", "Monitoring agent")},
};

const KindNames &namesOf(NodeKind kind)
{
    for (const auto &names : kKinds) {
        if (names.kind == kind)
            return names;
    }
    Q_UNREACHABLE();
}

} // namespace

QList<NodeKind> allNodeKinds()
{
    QList<NodeKind> kinds;
    for (const auto &names : kKinds)
        kinds.append(names.kind);
    return kinds;
}

QString kindId(NodeKind kind)
{
    return namesOf(kind).id;
}

std::optional<NodeKind> kindFromId(const QString &id)
{
    for (const auto &names : kKinds) {
        if (names.id == id)
            return names.kind;
    }
    return std::nullopt;
}

QString kindDisplayName(NodeKind kind)
{
    return QCoreApplication::translate("NodeKind", namesOf(kind).displayName);
}

QString kindIdPrefix(NodeKind kind)
{
    return namesOf(kind).prefix;
}

} // namespace topolab::core
