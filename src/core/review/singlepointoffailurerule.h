#pragma once

#include "reviewrule.h"

#include <QCoreApplication>

namespace topolab::core {

// A tier with exactly one node takes the whole site (or all writes) down when that node fails.
class SinglePointOfFailureRule final : public ReviewRule {
    Q_DECLARE_TR_FUNCTIONS(SinglePointOfFailureRule)

public:
    QString id() const override { return QStringLiteral("single-point-of-failure"); }
    QList<Finding> check(const Topology &topology) const override;
};

} // namespace topolab::core
