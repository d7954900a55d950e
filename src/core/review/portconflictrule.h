#pragma once

#include "reviewrule.h"

#include <QCoreApplication>

namespace topolab::core {

// Everything runs on one machine, so two listeners on one port cannot both start.
class PortConflictRule final : public ReviewRule {
    Q_DECLARE_TR_FUNCTIONS(PortConflictRule)

public:
    QString id() const override { return QStringLiteral("port-conflict"); }
    QList<Finding> check(const Topology &topology) const override;
};

} // namespace topolab::core
