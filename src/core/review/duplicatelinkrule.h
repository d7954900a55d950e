#pragma once

#include "reviewrule.h"

#include <QCoreApplication>

namespace topolab::core {

// Two links between the same nodes in the same direction mean nothing more than one.
class DuplicateLinkRule final : public ReviewRule {
    Q_DECLARE_TR_FUNCTIONS(DuplicateLinkRule)

public:
    QString id() const override { return QStringLiteral("duplicate-link"); }
    QList<Finding> check(const Topology &topology) const override;
};

} // namespace topolab::core
