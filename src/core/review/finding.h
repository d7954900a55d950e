#pragma once

#include <QStringList>

namespace topolab::core {

enum class Severity { Info, Warning, Error };

QString severityId(Severity severity);

// One problem the design review found: which rule, how bad, which nodes, why it matters and what
// to do about it.
struct Finding {
    QString rule;
    Severity severity = Severity::Warning;
    QStringList nodes;
    QString title;
    QString explanation;
    QString fix;

    friend bool operator==(const Finding &, const Finding &) = default;
};

} // namespace topolab::core
