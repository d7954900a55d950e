#pragma once

#include "reviewrule.h"

#include <QCoreApplication>

namespace topolab::core {

// Nodes no request can reach, and links they start, do nothing: usually a leftover of an edit.
class DanglingLinkRule final : public ReviewRule {
    Q_DECLARE_TR_FUNCTIONS(DanglingLinkRule)

public:
    QString id() const override { return QStringLiteral("dangling-link"); }
    QList<Finding> check(const Topology &topology) const override;
};

} // namespace topolab::core
