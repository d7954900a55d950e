#pragma once

#include "reviewrule.h"

#include <QCoreApplication>

namespace topolab::core {

// An active-passive balancer pair works only as VRRP decides it: the standby's priority below the
// active's, and the standby in front of the same servers, or a failover would move the site to
// the wrong balancer or to fewer servers.
class BalancerPairRule final : public ReviewRule {
    Q_DECLARE_TR_FUNCTIONS(BalancerPairRule)

public:
    QString id() const override { return QStringLiteral("balancer-pair"); }
    QList<Finding> check(const Topology &topology) const override;
};

} // namespace topolab::core
