#include "templatecommand.h"

#include "core/templates.h"

#include <QCommandLineParser>
#include <QCoreApplication>

using namespace Qt::StringLiterals;
using namespace topolab::core;

namespace topolab::app {

namespace {

// lupdate reads the context from this declaration, so the strings below land in "TemplateCommand".
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(TemplateCommand)
};

} // namespace

int runTemplateCommand(const QStringList &arguments, Console console)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr("Writes a built-in design to standard output, e.g.\n"
                                            "  topolab template foobar > foobar.topo.json"));
    parser.addPositionalArgument(
        u"name"_s, Tr::tr("The template: %1.").arg(Templates::names().join(u", "_s)), u"NAME"_s);
    const QCommandLineOption list(u"list"_s, Tr::tr("List the templates with a description."));
    parser.addOption(list);
    if (const std::optional<int> done = parseCommandLine(parser, arguments, u"template"_s, console))
        return *done;
    if (parser.isSet(list)) {
        for (const QString &name : Templates::names())
            console.out << name << u"\t"_s << Templates::description(name) << u"\n"_s;
        return ExitOk;
    }
    const QStringList names = parser.positionalArguments();
    if (names.size() != 1) {
        console.err << Tr::tr("topolab template takes exactly one NAME; the templates are: %1.")
                           .arg(Templates::names().join(u", "_s))
                    << u"\n"_s;
        return ExitFailure;
    }
    const TopologyFile::LoadResult loaded = Templates::load(names.first());
    if (const auto *error = std::get_if<FileError>(&loaded)) {
        console.err << Tr::tr("Unknown template %1").arg(error->message()) << u"\n"_s;
        return ExitFailure;
    }
    console.out << QString::fromUtf8(TopologyFile::serialize(std::get<Topology>(loaded)));
    return ExitOk;
}

} // namespace topolab::app
