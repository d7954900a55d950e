#include "workercommand.h"

#include "runtime/http/httpserver.h"
#include "runtime/worker/workerservice.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace topolab::runtime;

namespace topolab::app {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(WorkerCommand)
};

// Parses "HOST:PORT" (or just "PORT") into `address`; false if it is neither.
bool parseHostPort(const QString &text, DatabaseAddress *address)
{
    const qsizetype colon = text.lastIndexOf(u':');
    bool ok = false;
    const int port = text.mid(colon + 1).toInt(&ok);
    if (!ok || port < 1 || port > 65535)
        return false;
    address->port = static_cast<quint16>(port);
    if (colon > 0)
        address->host = text.left(colon);
    return true;
}

// The kernel sends SIGKILL (which even a paused worker obeys) when the parent dies; if it died
// before prctl() took effect, the worker has been re-parented already and leaves at once.
bool dieWithParent(pid_t expectedParent)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    return expectedParent == 0 || getppid() == expectedParent;
}

} // namespace

int runWorkerCommand(const QStringList &arguments, Console console)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Tr::tr("Runs one web/app server of a cluster: the site's static files, the guestbook API "
               "on MySQL, /healthz and /_stats. Normally started by 'topolab run' or the "
               "designer, not by hand. The database password is read from TOPOLAB_DB_PASSWORD."));
    const QCommandLineOption name(u"name"_s, Tr::tr("Server name, e.g. server-1."), u"NAME"_s);
    const QCommandLineOption port(u"port"_s, Tr::tr("Port to listen on."), u"PORT"_s);
    const QCommandLineOption listen(u"listen"_s,
                                    Tr::tr("Address to listen on (default 127.0.0.1; in a lab "
                                           "host, 0.0.0.0)."),
                                    u"ADDRESS"_s, u"127.0.0.1"_s);
    const QCommandLineOption root(u"root"_s, Tr::tr("Folder of the site's files."), u"DIR"_s);
    const QCommandLineOption primary(u"primary"_s, Tr::tr("Primary database, HOST:PORT."),
                                     u"ADDR"_s);
    const QCommandLineOption replica(u"replica"_s, Tr::tr("Replica database, HOST:PORT."),
                                     u"ADDR"_s);
    const QCommandLineOption database(u"database"_s, Tr::tr("Database name."), u"NAME"_s,
                                      u"foobar"_s);
    const QCommandLineOption user(u"user"_s, Tr::tr("Database user."), u"USER"_s, u"foobar_app"_s);
    const QCommandLineOption parent(u"parent-pid"_s, Tr::tr("Exit when this process is gone."),
                                    u"PID"_s);
    parser.addOptions({name, port, root, listen, primary, replica, database, user, parent});
    if (const std::optional<int> done = parseCommandLine(parser, arguments, u"worker"_s, console))
        return *done;

    const auto usage = [&](const QString &message) {
        console.err << message << u"\n"_s << Tr::tr("Run 'topolab worker --help' for usage.")
                    << u"\n"_s;
        return ExitFailure;
    };
    bool portOk = false;
    const int listenPort = parser.value(port).toInt(&portOk);
    if (!parser.isSet(name) || !parser.isSet(port) || !parser.isSet(root))
        return usage(Tr::tr("topolab worker needs --name, --port and --root."));
    if (!portOk || listenPort < 0 || listenPort > 65535)
        return usage(
            Tr::tr("--port must be a number from 0 to 65535, not \"%1\".").arg(parser.value(port)));
    if (!QFileInfo(parser.value(root)).isDir())
        return usage(Tr::tr("The site folder \"%1\" does not exist.").arg(parser.value(root)));

    WorkerService::Options options{parser.value(name), parser.value(root), {}, {}};
    for (auto [option, address] :
         {std::pair{&primary, &options.primary}, std::pair{&replica, &options.replica}}) {
        if (!parser.isSet(*option))
            continue;
        if (!parseHostPort(parser.value(*option), address))
            return usage(Tr::tr("--%1 must be HOST:PORT, not \"%2\".")
                             .arg(option->names().first(), parser.value(*option)));
        address->database = parser.value(database);
        address->user = parser.value(user);
        address->password = qEnvironmentVariable("TOPOLAB_DB_PASSWORD");
    }
    if (!dieWithParent(static_cast<pid_t>(parser.value(parent).toLongLong())))
        return ExitFailure;

    WorkerService service(options);
    HttpServer server(service, {});
    QString error;
    const QHostAddress listenAddress(parser.value(listen));
    if (listenAddress.isNull())
        return usage(Tr::tr("--listen must be an IPv4 address, not \"%1\".")
                         .arg(parser.value(listen)));
    if (!server.listen(listenAddress, static_cast<quint16>(listenPort), &error)) {
        console.err << error << u"\n"_s;
        return ExitFailure;
    }
    // The controller waits for this line to know the worker is ready and on which port.
    console.out << u"listening on %1:%2\n"_s.arg(listenAddress.toString()).arg(server.port());
    console.out.flush();
    return QCoreApplication::exec();
}

} // namespace topolab::app
