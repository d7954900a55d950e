#include "exposureprinter.h"

#include "runtime/cluster/labcodec.h"

#include <QCoreApplication>
#include <QJsonDocument>

using namespace Qt::StringLiterals;
using topolab::runtime::ExposureReport;

namespace topolab::app {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ExposurePrinter)
};

} // namespace

int printExposure(const ExposureReport &report, const QString &design, bool json, bool oneLine,
                  Console console)
{
    if (json) {
        QJsonObject out = runtime::LabCodec::toJson(report);
        out.insert(u"design"_s, design);
        out.insert(u"verdict"_s, report.verdict());
        console.out << QJsonDocument(out).toJson(oneLine ? QJsonDocument::Compact
                                                         : QJsonDocument::Indented);
        if (oneLine)
            console.out << u"\n"_s;
        console.out.flush();
    }
    if (!report.error.isEmpty()) {
        console.err << report.error << u"\n"_s;
        return ExitFailure;
    }
    if (json)
        return ExitOk;
    console.out << Tr::tr("What the internet (%1) reaches of %2:").arg(report.from, design)
                << u"\n"_s;
    const QList<ExposureReport::Result> open = report.open();
    qsizetype nameWidth = 0;
    for (const ExposureReport::Result &result : open)
        nameWidth = std::max(nameWidth, result.target.machine.size());
    for (const ExposureReport::Result &result : open)
        console.out << u"  %1  %2 %3  %4\n"_s
                           .arg(result.target.machine, -static_cast<int>(nameWidth))
                           .arg(result.target.address, -12)
                           .arg(result.target.port, 5)
                           .arg(ExposureReport::serviceOf(result.target));
    console.out << Tr::tr("Every other port: %1 closed (the host answered, nothing listens), %2 "
                          "filtered (no answer: dropped by a firewall, or no route).")
                       .arg(report.count(ExposureReport::Outcome::Refused))
                       .arg(report.count(ExposureReport::Outcome::Filtered))
                << u"\n"_s << report.verdict() << u"\n"_s;
    console.out.flush();
    return ExitOk;
}

} // namespace topolab::app
