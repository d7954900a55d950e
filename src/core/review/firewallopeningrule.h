#pragma once

#include "reviewrule.h"

#include <QCoreApplication>

namespace topolab::core {

// A firewall drawn but open: a default policy of allow, or a rule that lets the internet (or
// anyone) through to a machine behind it rather than to the site's public address. The exposure
// scan would find the hole; the review names it before anything runs.
class FirewallOpeningRule final : public ReviewRule {
    Q_DECLARE_TR_FUNCTIONS(FirewallOpeningRule)

public:
    QString id() const override { return QStringLiteral("firewall-opening"); }
    QList<Finding> check(const Topology &topology) const override;
};

} // namespace topolab::core
