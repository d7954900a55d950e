#include "finding.h"

using namespace Qt::StringLiterals;

namespace topolab::core {

QString severityId(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return u"info"_s;
    case Severity::Warning:
        return u"warning"_s;
    case Severity::Error:
        return u"error"_s;
    }
    Q_UNREACHABLE();
}

} // namespace topolab::core
