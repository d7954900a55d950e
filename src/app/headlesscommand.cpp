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
    if (parser.isSet(help) || parser.isSet(u"help-all"_s)) {
        // Qt's text names the program by its full path, and offers --help-all for Qt's own
        // options, which no command takes.
        QStringList lines = parser.helpText().split(u'\n');
        if (!lines.isEmpty()) {
            const qsizetype options = lines.first().indexOf(u"[options]"_s);
            lines.first() =
                QCoreApplication::translate("CommandLine", "Usage: topolab %1 %2")
                    .arg(command, options >= 0 ? lines.first().mid(options) : u"[options]"_s);
        }
        lines.removeIf([](const QString &line) { return line.contains(u"--help-all"_s); });
        console.out << lines.join(u'\n');
        return ExitOk;
    }
    return std::nullopt;
}

} // namespace topolab::app
