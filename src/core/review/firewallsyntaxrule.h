#pragma once

#include "reviewrule.h"

#include <QCoreApplication>

namespace topolab::core {

// A firewall rule that does not parse would leave a hole or a wall nobody meant: the lab does
// not start with one, and the finding names the rule.
class FirewallSyntaxRule final : public ReviewRule {
    Q_DECLARE_TR_FUNCTIONS(FirewallSyntaxRule)

public:
    QString id() const override { return QStringLiteral("firewall-syntax"); }
    QList<Finding> check(const Topology &topology) const override;
};

} // namespace topolab::core
