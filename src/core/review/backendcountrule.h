#pragma once

#include "reviewrule.h"

#include <QCoreApplication>

namespace topolab::core {

// A balancer needs two or more backends to balance anything and to survive one failing.
class BackendCountRule final : public ReviewRule {
    Q_DECLARE_TR_FUNCTIONS(BackendCountRule)

public:
    QString id() const override { return QStringLiteral("too-few-backends"); }
    QList<Finding> check(const Topology &topology) const override;
};

} // namespace topolab::core
