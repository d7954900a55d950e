#pragma once

#include "nodekind.h"
#include "propertyspec.h"

#include <QVariantMap>

namespace topolab::core {

// The typed properties of each node kind: what the inspector edits, what the file may contain and
// what the runtime reads. The single source of truth for defaults and valid ranges.
namespace KindCatalog {

const QList<PropertySpec> &properties(NodeKind kind);
const PropertySpec *property(NodeKind kind, const QString &key);
QVariantMap defaultProperties(NodeKind kind);

// The property a card on the canvas shows under the node's name (port, algorithm, role), if any.
QString headlineProperty(NodeKind kind);

// Kinds that open a listening TCP port on the machine when the cluster runs.
bool listens(NodeKind kind);

} // namespace KindCatalog

namespace PropertyKey {
inline const QString algorithm = QStringLiteral("algorithm");
inline const QString port = QStringLiteral("port");
inline const QString https = QStringLiteral("https");
inline const QString weight = QStringLiteral("weight");
inline const QString role = QStringLiteral("role");
inline const QString hostname = QStringLiteral("hostname");
inline const QString external = QStringLiteral("external");
inline const QString address = QStringLiteral("address");
inline const QString rules = QStringLiteral("rules");
inline const QString standby = QStringLiteral("standby");
inline const QString priority = QStringLiteral("priority");
inline const QString preempt = QStringLiteral("preempt");
inline const QString floatingIp = QStringLiteral("floatingIp");
} // namespace PropertyKey

namespace DatabaseRole {
inline const QString primary = QStringLiteral("primary");
inline const QString replica = QStringLiteral("replica");
} // namespace DatabaseRole

} // namespace topolab::core
