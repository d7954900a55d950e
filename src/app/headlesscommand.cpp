#include "headlesscommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace topolab::app {

std::optional<int> parseCommandLine(QCommandLineParser &parser, const QStringList &arguments,
                                    const QString &command, Console console)
{
    const QCommandLineOption help = parser.addHelpOption();
    if (!parser.parse(arguments)) {
        console.err << parser.errorText() << u"\n"_s
                    << QCoreApplication::translate("CommandLine",
                                                   "Run 'topolab %1 --help' for usage.")
                           .arg(command)
                    << u"\n"_s;
        return ExitFailure;
    }
    if (parser.isSet(help)) {
        console.out << parser.helpText().replace(u"[options]"_s, command + u" [options]"_s);
        return ExitOk;
    }
    return std::nullopt;
}

} // namespace topolab::app
