#include "reviewreport.h"

#include "core/topology.h"
#include "designreview.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace topolab::core::ReviewReport {

namespace {

// lupdate reads the context from this declaration, so the strings below land in "ReviewReport".
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ReviewReport)
};

constexpr int kWidth = 100;

// Wraps `text` at word boundaries to kWidth columns, every line starting with `indent`.
QString wrapped(const QString &text, const QString &indent)
{
    QString result;
    QString line = indent;
    for (const QString &word : text.split(u' ', Qt::SkipEmptyParts)) {
        if (line.size() > indent.size() && line.size() + 1 + word.size() > kWidth) {
            result += line + u'\n';
            line = indent;
        }
        if (line.size() > indent.size())
            line += u' ';
        line += word;
    }
    return result + line + u'\n';
}

} // namespace

QString text(const Topology &topology, const QString &source, const QList<Finding> &findings)
{
    const int errors = DesignReview::count(findings, Severity::Error);
    const int warnings = DesignReview::count(findings, Severity::Warning);
    QString out = Tr::tr("Design review of \"%1\" (%2): %3, %4\n")
                      .arg(topology.name(), source, Tr::tr("%n error(s)", nullptr, errors),
                           Tr::tr("%n warning(s)", nullptr, warnings));
    if (findings.isEmpty())
        return out + Tr::tr("No problems found.\n");
    const QString indent(4, u' ');
    for (const Finding &finding : findings) {
        out += u"\n%1 [%2] %3\n"_s.arg(severityId(finding.severity).toUpper(), finding.rule,
                                       finding.title);
        out += indent + Tr::tr("nodes: %1").arg(finding.nodes.join(u", "_s)) + u'\n';
        out += wrapped(finding.explanation, indent);
        out += wrapped(Tr::tr("Fix: %1").arg(finding.fix), indent);
    }
    return out;
}

QJsonObject json(const Topology &topology, const QString &source, const QList<Finding> &findings)
{
    QJsonArray items;
    for (const Finding &finding : findings) {
        items.append(QJsonObject{{u"rule"_s, finding.rule},
                                 {u"severity"_s, severityId(finding.severity)},
                                 {u"nodes"_s, QJsonArray::fromStringList(finding.nodes)},
                                 {u"title"_s, finding.title},
                                 {u"explanation"_s, finding.explanation},
                                 {u"fix"_s, finding.fix}});
    }
    return {{u"design"_s, topology.name()},
            {u"source"_s, source},
            {u"errors"_s, DesignReview::count(findings, Severity::Error)},
            {u"warnings"_s, DesignReview::count(findings, Severity::Warning)},
            {u"findings"_s, items}};
}

} // namespace topolab::core::ReviewReport
