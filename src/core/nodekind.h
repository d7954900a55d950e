#pragma once

#include <QList>
#include <QString>
#include <optional>

namespace topolab::core {

// Every building block the user can place. The string ids are part of the file format: never
// rename one, only add.
enum class NodeKind {
    Client,
    Dns,
    LoadBalancer,
    WebServer,
    AppServer,
    Codebase,
    Database,
    Firewall,
    Monitoring,
};

QList<NodeKind> allNodeKinds();
QString kindId(NodeKind kind);
std::optional<NodeKind> kindFromId(const QString &id);
QString kindDisplayName(NodeKind kind);
QString kindIdPrefix(NodeKind kind);

} // namespace topolab::core
