#pragma once

#include "reviewrule.h"

#include <QCoreApplication>

namespace topolab::core {

// A replica with no primary to copy from serves stale or no data.
class ReplicationRule final : public ReviewRule {
    Q_DECLARE_TR_FUNCTIONS(ReplicationRule)

public:
    QString id() const override { return QStringLiteral("replica-without-primary"); }
    QList<Finding> check(const Topology &topology) const override;
};

} // namespace topolab::core
