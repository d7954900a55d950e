#include "balancercommand.h"

#include "runtime/balancer/balancer.h"
#include "runtime/balancer/balancingpolicy.h"
#include "signalwatcher.h"

#include <QCommandLineParser>
#include <QCoreApplication>

using namespace Qt::StringLiterals;
using namespace topolab::runtime;

namespace topolab::app {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(BalancerCommand)
};

// "server-1=127.0.0.1:8081" or "127.0.0.1:8081", with an optional ",weight=3".
std::optional<BackendConfig> parseBackend(const QString &text, int index)
{
    QString spec = text;
    BackendConfig backend;
    backend.name = u"server-%1"_s.arg(index);
    const qsizetype comma = spec.indexOf(u",weight="_s);
    if (comma >= 0) {
        bool ok = false;
        backend.weight = spec.mid(comma + 8).toInt(&ok);
        if (!ok || backend.weight < 1 || backend.weight > 100)
            return std::nullopt;
        spec.truncate(comma);
    }
    const qsizetype equals = spec.indexOf(u'=');
    if (equals > 0) {
        backend.name = spec.left(equals);
        spec = spec.mid(equals + 1);
    }
    const qsizetype colon = spec.lastIndexOf(u':');
    bool ok = false;
    const int port = spec.mid(colon + 1).toInt(&ok);
    if (colon <= 0 || !ok || port < 1 || port > 65535)
        return std::nullopt;
    backend.host = spec.left(colon);
    backend.port = static_cast<quint16>(port);
    return backend;
}

} // namespace

int runBalancerCommand(const QStringList &arguments, Console console)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr(
        "Runs Topolab's load balancer alone in front of the given HTTP servers until Ctrl-C, then "
        "prints how many requests each served."));
    const QCommandLineOption port(u"port"_s, Tr::tr("Port to listen on (127.0.0.1), default 8080."),
                                  u"PORT"_s, u"8080"_s);
    const QCommandLineOption backend(
        u"backend"_s, Tr::tr("A server: NAME=HOST:PORT[,weight=N]. Repeat for each."), u"SPEC"_s);
    const QCommandLineOption algorithm(
        u"algorithm"_s, Tr::tr("One of: %1.").arg(core::balancingAlgorithmNames().join(u", "_s)),
        u"NAME"_s, core::balancingAlgorithmName(core::BalancingAlgorithm::RoundRobin));
    const QCommandLineOption interval(
        u"health-interval"_s,
        Tr::tr("Milliseconds between health checks (GET /healthz); 0 turns them off."), u"MS"_s,
        u"1000"_s);
    const QCommandLineOption threads(
        u"threads"_s,
        Tr::tr("Threads serving clients (1 to 64), default 1; more spread the load over cores."),
        u"N"_s, u"1"_s);
    parser.addOptions({port, backend, algorithm, interval, threads});
    if (const std::optional<int> done = parseCommandLine(parser, arguments, u"balancer"_s, console))
        return *done;

    const auto usage = [&](const QString &message) {
        console.err << message << u"\n"_s << Tr::tr("Run 'topolab balancer --help' for usage.")
                    << u"\n"_s;
        return ExitFailure;
    };
    BalancerOptions options;
    bool ok = false;
    const int listenPort = parser.value(port).toInt(&ok);
    if (!ok || listenPort < 0 || listenPort > 65535)
        return usage(Tr::tr("--port must be a number from 0 to 65535."));
    options.port = static_cast<quint16>(listenPort);
    const std::optional<core::BalancingAlgorithm> chosen =
        core::balancingAlgorithmFromName(parser.value(algorithm));
    if (!chosen)
        return usage(
            Tr::tr("Unknown --algorithm \"%1\": it is one of %2.")
                .arg(parser.value(algorithm), core::balancingAlgorithmNames().join(u", "_s)));
    options.algorithm = *chosen;
    const int healthMs = parser.value(interval).toInt(&ok);
    if (!ok || healthMs < 0)
        return usage(Tr::tr("--health-interval must be a number of milliseconds."));
    const int threadCount = parser.value(threads).toInt(&ok);
    if (!ok || threadCount < 1 || threadCount > 64)
        return usage(Tr::tr("--threads must be a number from 1 to 64."));
    options.threads = threadCount;
    // Without checks only failed requests mark a server down; a day between checks is "off".
    options.healthInterval = std::chrono::milliseconds(healthMs == 0 ? 86400000 : healthMs);
    const QStringList specs = parser.values(backend);
    if (specs.isEmpty())
        return usage(Tr::tr("Give at least one --backend NAME=HOST:PORT."));
    for (qsizetype i = 0; i < specs.size(); ++i) {
        const std::optional<BackendConfig> parsed =
            parseBackend(specs.at(i), static_cast<int>(i) + 1);
        if (!parsed)
            return usage(Tr::tr("\"%1\" is not NAME=HOST:PORT[,weight=N].").arg(specs.at(i)));
        options.backends.append(*parsed);
    }

    Balancer balancer(options);
    QString error;
    if (!balancer.start(&error)) {
        console.err << error << u"\n"_s;
        return ExitFailure;
    }
    console.out << Tr::tr("balancing %1 on %2 (Ctrl-C stops)")
                       .arg(core::balancingAlgorithmName(options.algorithm), balancer.url())
                << u"\n"_s;
    console.out.flush();
    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::interrupted, &watcher,
                     [] { QCoreApplication::quit(); });
    QCoreApplication::exec();
    balancer.stop();
    for (const MetricsSnapshot::Backend &served : balancer.snapshot(0).backends)
        console.out << u"%1\t%2 requests\t%3 errors\n"_s.arg(served.name)
                           .arg(served.total.requests)
                           .arg(served.total.errors());
    return ExitOk;
}

} // namespace topolab::app
