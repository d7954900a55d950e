#include "commandline.h"

#include "balancercommand.h"
#include "reviewcommand.h"
#include "runcommand.h"
#include "templatecommand.h"
#include "workercommand.h"

#include <QCoreApplication>

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

bool isCommand(const QString &word)
{
    return word == u"review"_s || word == u"template"_s || word == u"worker"_s ||
           word == u"run"_s || word == u"balancer"_s || word == u"help"_s;
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
    if (!first.startsWith(u'-'))
        return false;
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
    if (command == u"help"_s || command == u"-h"_s || command == u"--help"_s) {
        console.out << helpText();
        return ExitOk;
    }
    if (command == u"-v"_s || command == u"--version"_s) {
        console.out << u"topolab "_s << QCoreApplication::applicationVersion() << u"\n"_s;
        return ExitOk;
    }
    console.err << Tr::tr("Unknown option \"%1\". Run 'topolab --help' for usage.").arg(command)
                << u"\n"_s;
    return ExitFailure;
}

} // namespace topolab::app
