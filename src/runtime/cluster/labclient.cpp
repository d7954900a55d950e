#include "labclient.h"

#include "core/topologyfile.h"
#include "labcodec.h"
#include "labconnection.h"
#include "labsockets.h"
#include "runtime/net/portforward.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalSocket>
#include <QProcess>
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(LabClient)
};

// A lab is up within seconds; this is how often the window looks whether it listens yet.
constexpr int kRetryMs = 100;
// Stopping a lab stops MariaDB, which may take a while; the window waits, as ClusterHost does.
constexpr int kStopWaitMs = 30000;
// What is kept of the lab's standard error, for the reason when it ends before it is up.
constexpr qsizetype kMaxErrors = 64 * 1024;
// How many of its last lines say why a lab ended.
constexpr qsizetype kReasonLines = 8;

QJsonObject command(const QString &name, QJsonObject fields = {})
{
    fields.insert(u"cmd"_s, name);
    return fields;
}

} // namespace

LabClient::LabClient(QString program, QString cacheRoot, QObject *parent)
    : ClusterDriver(parent)
    , m_program(std::move(program))
    , m_cacheRoot(std::move(cacheRoot))
{
    qRegisterMetaType<ClusterSample>();
    qRegisterMetaType<LoadReport>();
    qRegisterMetaType<NodeState>();
    qRegisterMetaType<ClusterAction>();
    qRegisterMetaType<ExposureReport>();
    m_retry.setInterval(kRetryMs);
    connect(&m_retry, &QTimer::timeout, this, &LabClient::connectToLab);
}

LabClient::~LabClient()
{
    if (m_connection)
        m_connection->disconnect(this);
    if (!m_process)
        return;
    m_process->disconnect(this);
    // SIGTERM stops a held lab as Ctrl-C does: every process, namespace and folder goes.
    m_process->terminate();
    if (!m_process->waitForFinished(kStopWaitMs)) {
        m_process->kill();
        m_process->waitForFinished();
    }
}

void LabClient::start(const core::Topology &topology, const core::ClusterPlan &plan,
                      const QString &dataFolder)
{
    if (m_process || m_connection) {
        emit actionFailed(Tr::tr("The cluster is already running."));
        return;
    }
    m_attaching = false;
    m_helloSeen = false;
    m_stopAsked = false;
    m_errors.clear();
    QString error;
    m_socketPath = LabSockets::newPath(&error);
    m_folder = std::make_unique<QTemporaryDir>();
    const QString file = m_folder->filePath(u"design.topo.json"_s);
    if (m_socketPath.isEmpty() || !m_folder->isValid()) {
        error = error.isEmpty()
                    ? Tr::tr("no temporary folder for the design: %1").arg(m_folder->errorString())
                    : error;
    } else if (const auto saved = core::TopologyFile::save(topology, file)) {
        error = saved->message();
    }
    if (!error.isEmpty()) {
        emit started(false, {Tr::tr("The lab process could not be started: %1").arg(error)}, {});
        emit stopped();
        return;
    }
    // The one thing of the desktop's the lab needs: asked here, a busy port is marked on the
    // balancer's card, not only said by a process that ended.
    if (const int probe =
            PortForward::openListener(static_cast<quint16>(plan.balancer.port), &error);
        probe < 0) {
        emit stateChanged(plan.balancer.nodeId, NodeState::Down, error);
        emit started(false, {Tr::tr("%1 did not start: %2").arg(plan.balancer.name, error)}, {});
        emit stopped();
        return;
    } else {
        ::close(probe);
    }
    m_process = new QProcess(this);
    m_process->setProgram(m_program);
    // --force: the window decides what it starts; the lab must not refuse it a second time.
    QStringList arguments{u"run"_s,        file,         u"--hold"_s,
                          u"--requests"_s, u"0"_s,       u"--force"_s,
                          u"--control"_s,  m_socketPath, u"--stop-with-parent"_s};
    if (!dataFolder.isEmpty())
        arguments << u"--data-folder"_s << dataFolder;
    if (!m_cacheRoot.isEmpty())
        arguments << u"--cache-folder"_s << m_cacheRoot;
    m_process->setArguments(arguments);
    m_process->setStandardInputFile(QProcess::nullDevice());
    m_process->setStandardOutputFile(QProcess::nullDevice());
    // Should the window die without a word (SIGKILL), the lab stops as if asked; and should it
    // die before the child asked for that, the child has another parent already and goes.
    m_process->setChildProcessModifier([window = ::getpid()] {
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != window)
            ::_exit(1);
    });
    connect(m_process, &QProcess::readyReadStandardError, this, [this] {
        m_errors.append(m_process->readAllStandardError());
        if (m_errors.size() > kMaxErrors)
            m_errors = m_errors.right(kMaxErrors);
    });
    connect(m_process, &QProcess::finished, this, &LabClient::onProcessEnded);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError failure) {
        if (failure == QProcess::FailedToStart) {
            m_errors = Tr::tr("%1 could not be started: %2")
                           .arg(m_program, m_process->errorString())
                           .toUtf8();
            onProcessEnded();
        }
    });
    m_process->start();
    m_launched.start();
    if (m_process)
        m_retry.start(); // not when it failed to start at once
}

void LabClient::attach(const QString &socketPath)
{
    m_attaching = true;
    m_helloSeen = false;
    m_stopAsked = false;
    m_socketPath = socketPath;
    connectToLab();
    if (!m_connection)
        lost(Tr::tr("no lab listens at %1 any more").arg(socketPath));
}

std::optional<QJsonObject> LabClient::hello(const QString &socketPath, int timeoutMs)
{
    QLocalSocket socket;
    socket.connectToServer(socketPath);
    if (!socket.waitForConnected(timeoutMs))
        return std::nullopt;
    QElapsedTimer waited;
    waited.start();
    QByteArray line;
    while (!line.contains('\n') && waited.elapsed() < timeoutMs &&
           line.size() < LabConnection::kMaxLine) {
        if (socket.bytesAvailable() == 0 &&
            !socket.waitForReadyRead(static_cast<int>(timeoutMs - waited.elapsed())))
            break;
        line.append(socket.readAll());
    }
    socket.disconnectFromServer();
    const QJsonDocument document = QJsonDocument::fromJson(line.left(line.indexOf('\n')));
    if (!document.isObject() || document.object().value(u"type"_s) != u"hello"_s)
        return std::nullopt;
    return document.object();
}

void LabClient::connectToLab()
{
    if (m_connection)
        return;
    if (m_process && !m_attaching && m_launched.hasExpired(m_upDeadline.count())) {
        // Hung on its way up (a server that neither starts nor fails): the window must not
        // say "Starting…" for ever.
        m_retry.stop();
        m_errors.append(Tr::tr("The lab was not up after %1 s and was stopped; what it said "
                               "last is above.")
                            .arg(m_upDeadline.count() / 1000)
                            .toUtf8() +
                        '\n');
        m_process->terminate();
        QTimer::singleShot(kStopWaitMs, m_process, &QProcess::kill);
        return;
    }
    auto *socket = new QLocalSocket;
    socket->connectToServer(m_socketPath);
    // A local socket connects at once or not at all.
    if (!socket->waitForConnected(kRetryMs)) {
        delete socket;
        return; // not listening yet; the process ending stops the retries
    }
    m_retry.stop();
    m_connection = new LabConnection(socket, this);
    connect(m_connection, &LabConnection::received, this, &LabClient::onMessage);
    connect(m_connection, &LabConnection::closed, this, [this](const QString &why) {
        if (!m_process) {
            lost(why.isEmpty() ? Tr::tr("the lab ended") : why);
            return;
        }
        // A lab this window started and can no longer drive is stopped; its end is reported
        // when its process ends, with why the connection went.
        if (!why.isEmpty())
            m_errors.append(why.toUtf8() + '\n');
        m_process->terminate();
    });
}

void LabClient::onMessage(const QJsonObject &message)
{
    const QString type = message.value(u"type"_s).toString();
    const QString node = message.value(u"node"_s).toString();
    if (type == u"hello") {
        onHello(message);
    } else if (type == u"state") {
        emit stateChanged(
            node,
            nodeStateFromName(message.value(u"state"_s).toString()).value_or(NodeState::Stopped),
            message.value(u"reason"_s).toString());
    } else if (type == u"log") {
        emit logged(node, message.value(u"line"_s).toString());
    } else if (type == u"sample") {
        emit sampled(LabCodec::sampleFromJson(message.value(u"sample"_s).toObject()));
    } else if (type == u"failover") {
        emit failedOver(node, message.value(u"message"_s).toString());
    } else if (type == u"failed") {
        emit actionFailed(message.value(u"message"_s).toString());
    } else if (type == u"done") {
        if (const auto action = clusterActionFromName(message.value(u"action"_s).toString()))
            emit actionDone(*action, message.value(u"subject"_s).toString());
    } else if (type == u"loadProgress") {
        emit loadProgress(LabCodec::loadReportFromJson(message.value(u"report"_s).toObject()));
    } else if (type == u"loadFinished") {
        m_loadRunning = false;
        emit loadFinished(LabCodec::loadReportFromJson(message.value(u"report"_s).toObject()));
    } else if (type == u"scan") {
        emit exposureScanned(LabCodec::exposureFromJson(message.value(u"report"_s).toObject()));
    }
}

void LabClient::onHello(const QJsonObject &hello)
{
    const int protocol = hello.value(u"protocol"_s).toInt();
    if (protocol != LabConnection::kProtocol) {
        const QString why = Tr::tr("the lab speaks protocol %1 and this window %2: run the same "
                                   "version of Topolab for both")
                                .arg(protocol)
                                .arg(LabConnection::kProtocol);
        m_connection->disconnect(this);
        m_connection->close();
        if (m_process) {
            m_errors.append(why.toUtf8() + '\n');
            m_process->terminate();
        } else {
            lost(why);
        }
        return;
    }
    m_helloSeen = true;
    m_running = true;
    m_url = hello.value(u"url"_s).toString();
    m_oneHostReason = hello.value(u"oneHostReason"_s).toString();
    m_loadRunning = hello.value(u"loadRunning"_s).toBool();
    if (m_attaching)
        emit attached(hello.value(u"design"_s).toObject(), hello.value(u"file"_s).toString());
    for (const QJsonValue &state : hello.value(u"states"_s).toArray())
        emit stateChanged(
            state[u"node"_s].toString(),
            nodeStateFromName(state[u"state"_s].toString()).value_or(NodeState::Stopped),
            state[u"reason"_s].toString());
    QStringList problems;
    for (const QJsonValue &problem : hello.value(u"problems"_s).toArray())
        problems.append(problem.toString());
    if (!m_oneHostReason.isEmpty())
        problems.prepend(Tr::tr("One host: %1").arg(m_oneHostReason));
    emit started(true, problems, m_url);
}

void LabClient::onProcessEnded()
{
    m_retry.stop();
    QStringList said;
    for (const QByteArray &line : m_errors.split('\n'))
        if (!line.trimmed().isEmpty())
            said.append(QString::fromUtf8(line.trimmed()));
    said = said.mid(std::max<qsizetype>(0, said.size() - kReasonLines));
    const QString how = !m_process ? QString()
                        : m_process->exitStatus() == QProcess::CrashExit
                            ? Tr::tr("it crashed or was killed")
                            : Tr::tr("exit code %1").arg(m_process->exitCode());
    if (m_process) {
        m_process->deleteLater();
        m_process = nullptr;
    }
    if (m_connection) {
        m_connection->disconnect(this);
        m_connection->deleteLater();
        m_connection = nullptr;
    }
    m_folder.reset();
    if (!m_helloSeen && !m_stopAsked) {
        // What the lab printed last says why it did not come up (a busy port, no MariaDB …).
        emit started(false,
                     said.isEmpty() ? QStringList{Tr::tr("the lab process ended before it was up")}
                                    : said,
                     {});
    } else if (m_helloSeen && !m_stopAsked) {
        // Not asked by this window: said with the lab's last words, not as a plain stop.
        for (const QString &line : std::as_const(said))
            emit logged({}, line);
        emit actionFailed(
            Tr::tr("The lab ended, not at this window's request (%1): %2")
                .arg(how, said.isEmpty() ? Tr::tr("it said nothing") : said.constLast()));
    }
    m_running = false;
    m_loadRunning = false;
    m_url.clear();
    emit stopped();
}

void LabClient::lost(const QString &why)
{
    m_retry.stop();
    if (m_connection) {
        m_connection->disconnect(this);
        m_connection->deleteLater();
        m_connection = nullptr;
    }
    const bool wasUp = m_helloSeen;
    m_helloSeen = false;
    m_running = false;
    m_loadRunning = false;
    m_url.clear();
    if (!wasUp)
        emit started(false, {Tr::tr("Cannot attach to the lab: %1").arg(why)}, {});
    else if (!m_stopAsked)
        emit logged({}, Tr::tr("The lab is gone: %1").arg(why));
    emit stopped();
}

void LabClient::send(const QJsonObject &message)
{
    if (!m_connection) {
        emit actionFailed(Tr::tr("The lab is not connected: start the cluster, or attach to a "
                                 "running lab."));
        return;
    }
    m_connection->send(message);
}

void LabClient::stop()
{
    m_stopAsked = true;
    m_loadRunning = false;
    if (m_connection)
        send(command(u"stop"_s));
    else if (m_process)
        m_process->terminate();
}

void LabClient::control(ClusterAction action, const QString &nodeId)
{
    send(command(u"control"_s, {{u"action"_s, clusterActionName(action)}, {u"node"_s, nodeId}}));
}

void LabClient::setServerState(const QString &nodeId, ServerAdminState state)
{
    send(command(u"serverState"_s,
                 {{u"node"_s, nodeId}, {u"state"_s, serverAdminStateName(state)}}));
}

void LabClient::setWeight(const QString &nodeId, int weight)
{
    send(command(u"weight"_s, {{u"node"_s, nodeId}, {u"weight"_s, weight}}));
}

void LabClient::setAlgorithm(core::BalancingAlgorithm algorithm)
{
    send(command(u"algorithm"_s, {{u"algorithm"_s, core::balancingAlgorithmName(algorithm)}}));
}

void LabClient::setReplicationRunning(bool running)
{
    send(command(u"replication"_s, {{u"running"_s, running}}));
}

void LabClient::startLoad(const LoadOptions &options)
{
    m_loadRunning = true;
    send(command(u"load"_s, {{u"options"_s, LabCodec::toJson(options)}}));
}

void LabClient::stopLoad()
{
    // Sent even when no load seems to run: the lab knows better (a load it replaced said it
    // had finished), and ignores it when idle.
    if (m_connection)
        send(command(u"stopLoad"_s));
}

void LabClient::scanExposure()
{
    send(command(u"scan"_s));
}

} // namespace topolab::runtime
