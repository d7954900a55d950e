#pragma once

#include "reviewrule.h"

#include <QCoreApplication>

namespace topolab::core {

// Servers that requests from the Internet reach without passing a firewall expose every open port.
class FirewallRule final : public ReviewRule {
    Q_DECLARE_TR_FUNCTIONS(FirewallRule)

public:
    QString id() const override { return QStringLiteral("no-firewall"); }
    QList<Finding> check(const Topology &topology) const override;
};

} // namespace topolab::core
