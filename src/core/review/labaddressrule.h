#pragma once

#include "reviewrule.h"

namespace topolab::core {

// Each machine of the lab needs an address of its own on the private network: a clash or an
// address outside it stops the lab before it starts.
class LabAddressRule final : public ReviewRule {
public:
    QString id() const override { return QStringLiteral("lab-address"); }
    QList<Finding> check(const Topology &topology) const override;
};

} // namespace topolab::core
