#pragma once

#include "reviewrule.h"

#include <QCoreApplication>

namespace topolab::core {

// The first server a request reaches must terminate HTTPS, or traffic crosses the Internet in clear
// text.
class HttpsRule final : public ReviewRule {
    Q_DECLARE_TR_FUNCTIONS(HttpsRule)

public:
    QString id() const override { return QStringLiteral("no-https"); }
    QList<Finding> check(const Topology &topology) const override;
};

} // namespace topolab::core
