#pragma once

#include "reviewrule.h"

#include <QCoreApplication>

namespace topolab::core {

// Servers nobody monitors fail silently: no metrics, no alerts, no capacity planning.
class MonitoringRule final : public ReviewRule {
    Q_DECLARE_TR_FUNCTIONS(MonitoringRule)

public:
    QString id() const override { return QStringLiteral("no-monitoring"); }
    QList<Finding> check(const Topology &topology) const override;
};

} // namespace topolab::core
