#include "commandline.h"

#include "balancercommand.h"
#include "nearestword.h"
#include "reviewcommand.h"
#include "runcommand.h"
#include "templatecommand.h"
#include "workercommand.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace topolab::app {

namespace {

// lupdate reads the context from this declaration, so the strings below land in "CommandLine".
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
};

QString helpText()
{
    return Tr::tr(
        "Usage: topolab [FILE]\n"
        "       topolab COMMAND [options]\n"
        "\n"
        "Topolab designs, runs and explains a distributed web stack on one machine.\n"
        "Without a command it opens the designer, with FILE if one is given.\n"
        "\n"
        "Commands:\n"
        "  review FILE     Review a design: single points of failure, firewall, HTTPS,\n"
        "                  monitoring, port conflicts, dangling and duplicate links\n"
        "  template NAME   Write a built-in design to stdout (topolab template --list)\n"
        "  run FILE        Run a design on this machine, send load through it, report\n"
        "  scan FILE       Run a design and list what the internet reaches of its hosts\n"
        "  balancer …      Run the load balancer alone in front of given HTTP servers\n"
        "  worker …        Run one web/app server of a cluster (Topolab starts these)\n"
        "  help            Show this help\n"
        "\n"
        "Options:\n"
        "  -h, --help      Show this help\n"
        "  -v, --version   Show the version\n"
        "\n"
        "Run 'topolab COMMAND --help' for the options of a command.\n"
        "Exit status: 0 success, 1 the reviewed design has errors, 2 bad usage or a file\n"
        "that cannot be read.\n");
}

const QStringList &commands()
{
    static const QStringList names = {u"review"_s, u"template"_s, u"run"_s,   u"scan"_s,
                                      u"balancer"_s, u"worker"_s, u"help"_s};
    return names;
}

bool isCommand(const QString &word)
{
    return commands().contains(word);
}

// A first argument that is neither a command, an option nor an existing file.
int reportUnknownWord(const QString &word, Console console)
{
    // A path is a file that is not there; a bare word is a command that does not exist.
    if (word.contains(u'/') || word.contains(u'.')) {
        console.err << Tr::tr("%1: no such file. Give the path of a saved design (.topo.json), "
                              "or run topolab without a file to start from the built-in template.")
                           .arg(word)
                    << u"\n"_s;
        return ExitFailure;
    }
    const QString nearest = nearestWord(word.toLower(), commands());
    console.err << Tr::tr("Unknown command \"%1\".").arg(word);
    if (!nearest.isEmpty())
        console.err << u" "_s << Tr::tr("Did you mean \"%1\"?").arg(nearest);
    console.err
        << u"\n"_s
        << Tr::tr("Commands: %1. Run 'topolab --help' for usage.").arg(commands().join(u", "_s))
        << u"\n"_s;
    return ExitFailure;
}

} // namespace

bool isHeadlessInvocation(const QStringList &arguments)
{
    if (arguments.size() < 2)
        return false;
    const QString &first = arguments.at(1);
    if (isCommand(first))
        return true;
    // Qt's own GUI options (-platform, -style, …) belong to the designer; any other option is
    // answered headless, so a typo never needs a display to be reported.
    static const QStringList guiOptions = {u"platform"_s, u"style"_s,   u"stylesheet"_s,
                                           u"reverse"_s,  u"display"_s, u"qwindowgeometry"_s,
                                           u"geometry"_s, u"plugin"_s,  u"platformtheme"_s};
    // A word that names no file is a mistyped command (or a missing file): reported headless,
    // without a display, instead of opening a window that says so.
    if (!first.startsWith(u'-'))
        return !QFileInfo::exists(first);
    QString option = first;
    while (option.startsWith(u'-'))
        option.remove(0, 1);
    return !guiOptions.contains(option.section(u'=', 0, 0));
}

int runHeadless(const QStringList &arguments, Console console)
{
    const QString command = arguments.value(1);
    const QStringList rest = QStringList{arguments.value(0)} + arguments.mid(2);
    if (command == u"review"_s)
        return runReviewCommand(rest, console);
    if (command == u"template"_s)
        return runTemplateCommand(rest, console);
    if (command == u"worker"_s)
        return runWorkerCommand(rest, console);
    if (command == u"run"_s)
        return runRunCommand(rest, console);
    if (command == u"balancer"_s)
        return runBalancerCommand(rest, console);
    if (command == u"scan"_s) {
        if (rest.contains(u"-h"_s) || rest.contains(u"--help"_s)) {
            console.out << Tr::tr("Usage: topolab scan [--json] [--force] FILE\n\n"
                                  "Runs the design with every machine a host of its own, connects "
                                  "from the internet host to every address and port of the lab, "
                                  "lists what answered, and stops the design.\n");
            return ExitOk;
        }
        // A run without load that scans instead of reporting: one way to start a design. Only
        // the scan's own options: run's load and hold options mean nothing to it.
        for (const QString &argument : rest) {
            if (argument.startsWith(u'-') && argument != u"--json"_s && argument != u"--force"_s) {
                console.err << Tr::tr("topolab scan takes --json, --force and one FILE, not "
                                      "\"%1\". Run 'topolab scan --help' for usage.")
                                   .arg(argument)
                            << u"\n"_s;
                return ExitFailure;
            }
        }
        return runRunCommand(rest + QStringList{u"--requests"_s, u"0"_s, u"--scan"_s}, console,
                             u"scan"_s);
    }
    if (command == u"help"_s || command == u"-h"_s || command == u"--help"_s) {
        console.out << helpText();
        return ExitOk;
    }
    if (command == u"-v"_s || command == u"--version"_s) {
        console.out << u"topolab "_s << QCoreApplication::applicationVersion() << u"\n"_s;
        return ExitOk;
    }
    if (!command.startsWith(u'-'))
        return reportUnknownWord(command, console);
    console.err << Tr::tr("Unknown option \"%1\". Run 'topolab --help' for usage.").arg(command)
                << u"\n"_s;
    return ExitFailure;
}

} // namespace topolab::app
