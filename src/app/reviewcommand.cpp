#include "reviewcommand.h"

#include "core/review/designreview.h"
#include "core/review/reviewreport.h"
#include "core/topologyfile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>

using namespace Qt::StringLiterals;
using namespace topolab::core;

namespace topolab::app {

namespace {

// lupdate reads the context from this declaration, so the strings below land in "ReviewCommand".
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ReviewCommand)
};

TopologyFile::LoadResult loadDesign(const QString &path)
{
    if (path != u"-"_s)
        return TopologyFile::load(path);
    QFile in;
    if (in.open(stdin, QIODevice::ReadOnly))
        return TopologyFile::parse(in.read(TopologyFile::kMaxFileSize + 1), u"stdin"_s);
    const QString reason =
        QCoreApplication::translate("ReviewCommand", "cannot read standard input");
    return FileError{u"stdin"_s, {}, reason};
}

} // namespace

int runReviewCommand(const QStringList &arguments, Console console)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr(
        "Reviews a design for single points of failure, missing firewall, HTTPS and monitoring, "
        "port conflicts and broken links.\n\nExit status: 0 no errors (warnings allowed), 1 the "
        "design has errors, 2 the file cannot be read or the command is wrong."));
    parser.addPositionalArgument(
        u"file"_s, Tr::tr("The .topo.json design to review, or - for stdin."), u"FILE"_s);
    const QCommandLineOption format(u"format"_s, Tr::tr("Output format: text (default) or json."),
                                    u"text|json"_s, u"text"_s);
    parser.addOption(format);
    if (const std::optional<int> done = parseCommandLine(parser, arguments, u"review"_s, console))
        return *done;
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1) {
        console.err << Tr::tr("topolab review takes exactly one FILE (for example: topolab review "
                              "foobar.topo.json).")
                    << u"\n"_s;
        return ExitFailure;
    }
    const QString outputFormat = parser.value(format);
    if (outputFormat != u"text"_s && outputFormat != u"json"_s) {
        console.err << Tr::tr("Unknown --format \"%1\": use text or json.").arg(outputFormat)
                    << u"\n"_s;
        return ExitFailure;
    }

    const TopologyFile::LoadResult loaded = loadDesign(files.first());
    if (const auto *error = std::get_if<FileError>(&loaded)) {
        console.err << Tr::tr("Cannot review %1").arg(error->message()) << u"\n"_s;
        return ExitFailure;
    }
    const Topology &topology = std::get<Topology>(loaded);
    const QList<Finding> findings = DesignReview().run(topology);
    const QString source = files.first() == u"-"_s ? u"stdin"_s : files.first();
    if (outputFormat == u"json"_s)
        console.out << QJsonDocument(ReviewReport::json(topology, source, findings)).toJson();
    else
        console.out << ReviewReport::text(topology, source, findings);
    return DesignReview::count(findings, Severity::Error) > 0 ? ExitFindings : ExitOk;
}

} // namespace topolab::app
