#include "reviewtext.h"

#include "core/topology.h"

#include <QCoreApplication>

namespace topolab::core::ReviewText {

QString nodeNames(const Topology &topology, const QStringList &ids)
{
    QStringList names;
    for (const QString &id : ids) {
        const Node *node = topology.node(id);
        names.append(QStringLiteral("\"%1\"").arg(node ? node->name : id));
    }
    if (names.size() <= 1)
        return names.value(0);
    const QString last = names.takeLast();
    return QCoreApplication::translate("ReviewText", "%1 and %2")
        .arg(names.join(QStringLiteral(", ")), last);
}

} // namespace topolab::core::ReviewText
