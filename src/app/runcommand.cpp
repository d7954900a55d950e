#include "runcommand.h"

#include "core/clusterplan.h"
#include "core/review/designreview.h"
#include "core/review/reviewreport.h"
#include "core/topologyfile.h"
#include "core/topologyjson.h"
#include "exposureprinter.h"
#include "holdconsole.h"
#include "runreport.h"
#include "runtime/cluster/labentry.h"
#include "runtime/cluster/labserver.h"
#include "runtime/cluster/labsockets.h"
#include "runtime/db/designdatafolder.h"
#include "runtime/load/loadgenerator.h"
#include "runtime/net/exposurescan.h"
#include "signalwatcher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace topolab::runtime;

namespace topolab::app {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(RunCommand)
};

// Parses "70:20:10" into the three shares of the load mix.
bool parseMix(const QString &text, LoadOptions *options)
{
    const QStringList parts = text.split(u':');
    if (parts.size() != 3)
        return false;
    int shares[3] = {};
    for (int i = 0; i < 3; ++i) {
        bool ok = false;
        shares[i] = parts.at(i).toInt(&ok);
        if (!ok || shares[i] < 0 || shares[i] > 1000)
            return false;
    }
    if (shares[0] + shares[1] + shares[2] == 0)
        return false;
    options->staticShare = shares[0];
    options->readShare = shares[1];
    options->writeShare = shares[2];
    return true;
}

} // namespace

int runRunCommand(const QStringList &arguments, Console console, const QString &command)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr(
        "Runs a design on this machine — MariaDB primary and replica, one worker process per web "
        "server, the load balancer — sends load through the balancer, prints how it was spread and "
        "served, and stops everything. With --hold it keeps the cluster up for curl, wrk or a "
        "browser until Ctrl-C."));
    parser.addPositionalArgument(u"file"_s, Tr::tr("The .topo.json design to run."), u"FILE"_s);
    const QCommandLineOption requests(u"requests"_s, Tr::tr("Send N requests (default 1000)."),
                                      u"N"_s);
    const QCommandLineOption duration(u"duration"_s, Tr::tr("Send load for S seconds."), u"S"_s);
    const QCommandLineOption rate(
        u"rate"_s, Tr::tr("Open loop: R requests per second, whatever the servers do."), u"R"_s);
    const QCommandLineOption concurrency(u"concurrency"_s, Tr::tr("Connections (default 8)."),
                                         u"C"_s, u"8"_s);
    const QCommandLineOption mix(u"mix"_s, Tr::tr("Pages:API reads:API writes (default 70:20:10)."),
                                 u"S:R:W"_s, u"70:20:10"_s);
    const QCommandLineOption json(u"json"_s, Tr::tr("Print the report as JSON."));
    const QCommandLineOption hold(
        u"hold"_s,
        Tr::tr("Keep the cluster up after the load (or without load: --requests 0) until Ctrl-C. "
               "Meanwhile commands on standard input show the backend table (show, or an empty "
               "line; JSON with --json), drain, ready, maintenance or weight a server, and kill, "
               "freeze, resume or restart a node, and stop; help lists them."));
    const QCommandLineOption freshData(
        u"fresh-data"_s,
        Tr::tr("Start with empty databases: delete the data this design kept from earlier runs."));
    const QCommandLineOption force(
        u"force"_s, Tr::tr("Run the design even though its review found errors (a port "
                           "conflict, say): what then fails is reported as it happens."));
    const QCommandLineOption control(
        u"control"_s,
        Tr::tr("With --hold: listen for windows at the Unix socket PATH (default: one in "
               "$XDG_RUNTIME_DIR/topolab, where Cluster › Attach looks)."),
        u"PATH"_s);
    const QCommandLineOption dataFolderOption(
        u"data-folder"_s, Tr::tr("Keep the databases in DIR instead of the design's own folder."),
        u"DIR"_s);
    // Tests keep their initialised MariaDB folders apart from the user's.
    QCommandLineOption cacheFolder(u"cache-folder"_s, Tr::tr("Initialised MariaDB folders."),
                                   u"DIR"_s);
    cacheFolder.setFlags(QCommandLineOption::HiddenFromHelp);
    // Set by a window for the lab it starts: the lab must not outlive it, SIGKILL included.
    QCommandLineOption stopWithParent(u"stop-with-parent"_s,
                                      Tr::tr("Stop when the process that started this one ends."));
    stopWithParent.setFlags(QCommandLineOption::HiddenFromHelp);
    // Set by `topolab scan`, which is a run without load that scans instead of reporting.
    QCommandLineOption scan(u"scan"_s, Tr::tr("Scan what the internet host reaches."));
    scan.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({requests, duration, rate, concurrency, mix, json, hold, freshData, force,
                       control, dataFolderOption, cacheFolder, stopWithParent, scan});
    if (const std::optional<int> done = parseCommandLine(parser, arguments, command, console))
        return *done;

    const auto usage = [&](const QString &message) {
        console.err << message << u"\n"_s
                    << Tr::tr("Run 'topolab %1 --help' for usage.").arg(command) << u"\n"_s;
        return ExitFailure;
    };
    if (parser.positionalArguments().size() != 1)
        return usage(Tr::tr("topolab %1 takes exactly one FILE (for example: topolab %1 "
                            "foobar.topo.json).")
                         .arg(command));
    if (parser.isSet(control) && !parser.isSet(hold))
        return usage(Tr::tr("--control needs --hold: only a held cluster listens for windows."));
    LoadOptions load;
    bool ok = true;
    load.requests = parser.isSet(requests) ? parser.value(requests).toInt(&ok)
                                           : (parser.isSet(duration) ? 0 : 1000);
    if (!ok || load.requests < 0)
        return usage(Tr::tr("--requests must be a whole number of 0 or more."));
    if (parser.isSet(duration)) {
        const double seconds = parser.value(duration).toDouble(&ok);
        if (!ok || seconds <= 0 || seconds > 86400)
            return usage(Tr::tr("--duration must be a number of seconds from 0 to 86400."));
        load.duration = std::chrono::milliseconds(static_cast<qint64>(seconds * 1000));
    }
    if (parser.isSet(rate)) {
        load.rate = parser.value(rate).toDouble(&ok);
        if (!ok || load.rate <= 0 || load.rate > 1e6)
            return usage(Tr::tr("--rate must be a number of requests per second above 0."));
    }
    load.concurrency = parser.value(concurrency).toInt(&ok);
    if (!ok || load.concurrency < 1 || load.concurrency > 4096)
        return usage(Tr::tr("--concurrency must be a whole number from 1 to 4096."));
    if (!parseMix(parser.value(mix), &load))
        return usage(
            Tr::tr("--mix must be three whole numbers like 70:20:10 (pages:reads:writes)."));

    const QString file = parser.positionalArguments().first();
    const core::TopologyFile::LoadResult loaded = core::TopologyFile::load(file);
    if (const auto *error = std::get_if<core::FileError>(&loaded)) {
        console.err << Tr::tr("Cannot %1 %2").arg(command, error->message()) << u"\n"_s;
        return ExitFailure;
    }
    const core::Topology &topology = std::get<core::Topology>(loaded);
    QList<core::Finding> errors = core::DesignReview().run(topology);
    errors.removeIf([](const core::Finding &f) { return f.severity != core::Severity::Error; });
    if (!errors.isEmpty()) {
        console.err << core::ReviewReport::text(topology, file, errors) << u"\n"_s;
        if (!parser.isSet(force)) {
            console.err << Tr::tr("topolab %1 does not start a design whose review has errors. "
                                  "Fix them in the designer, or add --force to run it anyway.")
                               .arg(command)
                        << u"\n"_s;
            return ExitFailure;
        }
        console.err << Tr::tr("Running it anyway (--force).") << u"\n"_s;
    }
    const auto planned = core::ClusterPlan::fromTopology(topology);
    if (const auto *why = std::get_if<QString>(&planned)) {
        console.err << Tr::tr("Cannot %1 %2: %3").arg(command, file, *why) << u"\n"_s;
        return ExitFailure;
    }

    const QString dataFolder = parser.isSet(dataFolderOption)
                                   ? parser.value(dataFolderOption)
                                   : DesignDataFolder::forDesign(topology.name(), file);
    if (parser.isSet(freshData)) {
        QString error;
        if (!DesignDataFolder::reset(dataFolder, &error)) {
            console.err << error << u"\n"_s;
            return ExitFailure;
        }
    }
    const core::ClusterPlan &plan = std::get<core::ClusterPlan>(planned);
    // Before the namespaces: in there this user is root, and the folder would be root's.
    QString controlPath;
    if (parser.isSet(hold)) {
        QString error;
        // The sockets of labs killed outright go first: the folder lists only labs that run.
        if (!parser.isSet(control))
            LabSockets::listening();
        controlPath = parser.isSet(control)
                          ? parser.value(control)
                          : LabSockets::pathFor(QCoreApplication::applicationPid(), &error);
        if (controlPath.isEmpty())
            console.err << Tr::tr("warning: no window can attach to this run: %1").arg(error)
                        << u"\n"_s;
        // Said before a minute of starting, not after.
        else if (parser.isSet(control) && !LabSockets::makeRoomAt(controlPath, &error))
            return usage(Tr::tr("Cannot hold %1: %2").arg(file, error));
    }
    // Now, while this process has one thread: the kernel gives a new user namespace to no other.
    const pid_t parent = ::getppid();
    QString labError;
    std::optional<LabEntry> lab = LabEntry::open(plan, &labError);
    if (parser.isSet(stopWithParent)) {
        // Entering a user namespace changed this process's credentials, and the kernel forgot
        // the parent-death signal the window asked for with them: ask again.
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent)
            ::raise(SIGTERM);
        // Its standard error is a pipe only the window reads: with the window gone, a line
        // written while stopping must not kill it before its servers are stopped.
        ::signal(SIGPIPE, SIG_IGN);
    }
    if (!lab) {
        console.err << Tr::tr("Cannot %1 %2: %3").arg(command, file, labError) << u"\n"_s;
        return ExitFailure;
    }
    // Nothing to scan from on one host: said before a minute of starting for nothing.
    if (parser.isSet(scan) && !lab->isLab())
        return printExposure(ExposureReport::oneHost(lab->oneHostReason()), plan.designName,
                             parser.isSet(json), false, console);
    if (!lab->isLab())
        console.err << Tr::tr("One host: %1").arg(lab->oneHostReason()) << u"\n"_s;
    ClusterController cluster(plan,
                              {QCoreApplication::applicationFilePath(), parser.value(cacheFolder),
                               dataFolder, lab->network(), lab->takeForwardListener()});
    QObject::connect(&cluster, &ClusterController::stateChanged, &cluster,
                     [&](const QString &node, NodeState state, const QString &reason) {
                         if (state == NodeState::Down) {
                             const core::Node *drawn = topology.node(node);
                             console.err
                                 << Tr::tr("%1 is down: %2").arg(drawn ? drawn->name : node, reason)
                                 << u"\n"_s;
                         }
                         console.err.flush();
                     });
    QObject::connect(&cluster, &ClusterController::failedOver, &cluster,
                     [&](const ClusterController::Failover &move) {
                         console.err << move.message(plan) << u"\n"_s;
                         console.err.flush();
                     });
    console.err << Tr::tr("Starting %1…").arg(cluster.plan().designName) << u"\n"_s;
    console.err.flush();
    SignalWatcher watcher;
    bool interrupted = false;
    QObject::connect(&watcher, &SignalWatcher::interrupted, &watcher, [&] {
        interrupted = true;
        QCoreApplication::quit();
    });
    QElapsedTimer startClock;
    startClock.start();
    QStringList problems;
    if (!cluster.start(&problems)) {
        console.err << Tr::tr("The cluster could not start:\n  %1").arg(problems.join(u"\n  "_s))
                    << u"\n"_s;
        return ExitFindings;
    }
    const qint64 startMs = startClock.elapsed();
    QCoreApplication::processEvents(); // a Ctrl-C during the start arrives here
    if (interrupted) {
        console.err << Tr::tr("Interrupted; stopping…") << u"\n"_s;
        cluster.stop();
        return ExitOk;
    }
    console.err << Tr::tr("Up in %1 ms: balancer %2").arg(startMs).arg(cluster.url()) << u"\n"_s;
    if (cluster.database())
        console.err
            << Tr::tr("Data: %1 (kept between runs; --fresh-data starts empty)").arg(dataFolder)
            << u"\n"_s;
    for (const QString &problem : problems)
        console.err << Tr::tr("warning: %1").arg(problem) << u"\n"_s;
    console.err.flush();

    LoadReport report;
    if (load.requests > 0 || load.duration.count() > 0) {
        // In a lab the load starts on the internet host, as the desktop's requests do.
        load.host = cluster.siteHost();
        load.port = cluster.sitePort();
        LoadGenerator generator(load);
        QObject::connect(&generator, &LoadGenerator::finished, &generator,
                         [&](const LoadReport &r) {
                             report = r;
                             QCoreApplication::quit();
                         });
        generator.start();
        QCoreApplication::exec();
        generator.stop();
    }
    if (parser.isSet(scan)) {
        // A lab: one host was refused above.
        const int scanned = printExposure(ExposureScan(plan, *lab->network()).wait(),
                                          plan.designName, parser.isSet(json), false, console);
        cluster.stop();
        return scanned;
    }
    RunReport summary = RunReport::collect(cluster, report, startMs);
    summary.oneHostReason = lab->oneHostReason();
    if (parser.isSet(json))
        console.out << QJsonDocument(summary.json()).toJson();
    else
        console.out << summary.text();
    console.out.flush();

    if (parser.isSet(hold) && !interrupted) {
        console.err << Tr::tr("The cluster is up at %1 — try: curl -i %1  (Ctrl-C stops it)")
                           .arg(cluster.url())
                    << u"\n"_s;
        console.err
            << Tr::tr("Type show (or press Enter) for the backend table, help for the "
                      "commands: drain, maintenance, ready, weight, kill, freeze, resume, restart.")
            << u"\n"_s;
        LabServer server(cluster,
                         {core::TopologyJson::toJson(topology), QFileInfo(file).absoluteFilePath(),
                          problems, lab->oneHostReason()});
        QObject::connect(&server, &LabServer::stopRequested, &server, [&] {
            console.err << Tr::tr("A window asked the lab to stop.") << u"\n"_s;
            QCoreApplication::quit();
        });
        if (QString error; !controlPath.isEmpty() && !server.listen(controlPath, &error)) {
            // Asked for by name (a window waits there): without it the run is of no use.
            if (parser.isSet(control)) {
                console.err << Tr::tr("Cannot hold %1: %2").arg(file, error) << u"\n"_s;
                cluster.stop();
                return ExitFindings;
            }
            console.err << Tr::tr("warning: no window can attach to this run: %1").arg(error)
                        << u"\n"_s;
        } else if (!controlPath.isEmpty())
            console.err << Tr::tr("A window can watch and control it: Cluster › Attach in "
                                  "Topolab (socket %1).")
                               .arg(controlPath)
                        << u"\n"_s;
        console.err.flush();
        HoldConsole commands(cluster, console, parser.isSet(json));
        QCoreApplication::exec();
    }
    console.err << Tr::tr("Stopping…") << u"\n"_s;
    console.err.flush();
    cluster.stop();
    return ExitOk;
}

} // namespace topolab::app
