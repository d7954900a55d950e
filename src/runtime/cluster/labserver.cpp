#include "labserver.h"

#include "labcodec.h"
#include "labconnection.h"
#include "labsockets.h"
#include "runtime/net/exposurescan.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QLocalSocket>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(LabServer)
};

QJsonObject labMessage(const QString &type, QJsonObject fields = {})
{
    fields.insert(u"type"_s, type);
    return fields;
}

} // namespace

LabServer::LabServer(ClusterController &cluster, Hello hello, QObject *parent)
    : QObject(parent)
    , m_cluster(cluster)
    , m_hello(std::move(hello))
    , m_engine({})
{
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    connect(&m_server, &QLocalServer::newConnection, this, &LabServer::accept);
    connect(&m_engine, &ClusterEngine::stateChanged, this,
            [this](const QString &node, NodeState state, const QString &reason) {
                broadcast(labMessage(u"state"_s, {{u"node"_s, node},
                                                  {u"state"_s, nodeStateName(state)},
                                                  {u"reason"_s, reason}}));
            });
    connect(&m_engine, &ClusterEngine::logged, this,
            [this](const QString &node, const QString &line) {
                broadcast(labMessage(u"log"_s, {{u"node"_s, node}, {u"line"_s, line}}));
            });
    connect(&m_engine, &ClusterEngine::sampled, this, [this](const ClusterSample &sample) {
        broadcast(labMessage(u"sample"_s, {{u"sample"_s, LabCodec::toJson(sample)}}));
    });
    connect(&m_engine, &ClusterEngine::failedOver, this,
            [this](const QString &node, const QString &message) {
                broadcast(labMessage(u"failover"_s, {{u"node"_s, node}, {u"message"_s, message}}));
            });
    connect(&m_engine, &ClusterEngine::actionFailed, this, [this](const QString &message) {
        broadcast(labMessage(u"failed"_s, {{u"message"_s, message}}));
    });
    connect(&m_engine, &ClusterEngine::actionDone, this,
            [this](ClusterAction action, const QString &subject) {
                broadcast(labMessage(u"done"_s, {{u"action"_s, clusterActionName(action)},
                                                 {u"subject"_s, subject}}));
            });
    connect(&m_load, &LoadRunner::loadProgress, this, [this](const LoadReport &report) {
        broadcast(labMessage(u"loadProgress"_s, {{u"report"_s, LabCodec::toJson(report)}}));
    });
    connect(&m_load, &LoadRunner::loadFinished, this, [this](const LoadReport &report) {
        broadcast(labMessage(u"loadFinished"_s, {{u"report"_s, LabCodec::toJson(report)}}));
    });
    m_engine.watch(m_cluster);
}

LabServer::~LabServer()
{
    m_load.stop();
    m_engine.stop();
    for (LabConnection *client : m_clients)
        client->disconnect(this);
    m_server.close();
}

bool LabServer::listen(const QString &path, QString *error)
{
    if (!LabSockets::makeRoomAt(path, error))
        return false;
    if (!m_server.listen(path)) {
        *error = Tr::tr("cannot listen for windows at %1: %2").arg(path, m_server.errorString());
        return false;
    }
    return true;
}

QJsonObject LabServer::hello() const
{
    QJsonArray states;
    for (const QString &node : m_cluster.nodeIds())
        states.append(QJsonObject{{u"node"_s, node},
                                  {u"state"_s, nodeStateName(m_cluster.state(node))},
                                  {u"reason"_s, m_cluster.reason(node)}});
    return labMessage(u"hello"_s, {{u"protocol"_s, LabConnection::kProtocol},
                                   {u"pid"_s, QCoreApplication::applicationPid()},
                                   {u"design"_s, m_hello.design},
                                   {u"file"_s, m_hello.file},
                                   {u"url"_s, m_cluster.url()},
                                   {u"problems"_s, QJsonArray::fromStringList(m_hello.problems)},
                                   {u"oneHostReason"_s, m_hello.oneHostReason},
                                   {u"states"_s, states},
                                   {u"loadRunning"_s, m_load.isRunning()}});
}

void LabServer::accept()
{
    while (QLocalSocket *socket = m_server.nextPendingConnection()) {
        auto *client = new LabConnection(socket, this);
        m_clients.push_back(client);
        connect(client, &LabConnection::received, this,
                [this, client](const QJsonObject &command) { execute(client, command); });
        connect(client, &LabConnection::closed, this, [this, client] {
            std::erase(m_clients, client);
            client->deleteLater();
        });
        client->send(hello());
    }
}

void LabServer::broadcast(const QJsonObject &message)
{
    // A copy: a send to a peer that went away closes it, and that takes it off the list.
    const std::vector<LabConnection *> clients = m_clients;
    for (LabConnection *client : clients)
        client->send(message);
}

void LabServer::scan(LabConnection *from)
{
    const auto reply = [client = QPointer(from)](const ExposureReport &report) {
        if (client)
            client->send(labMessage(u"scan"_s, {{u"report"_s, LabCodec::toJson(report)}}));
    };
    const LabNetwork *lab = m_cluster.lab();
    if (!lab)
        return reply(ExposureReport::oneHost(m_hello.oneHostReason));
    // Off the event loop's back: the lab keeps sampling and serving while the answers come.
    auto *scan = new ExposureScan(m_cluster.plan(), *lab, ExposureScan::kTimeout, this);
    connect(scan, &ExposureScan::finished, this, [scan, reply](const ExposureReport &report) {
        reply(report);
        scan->deleteLater();
    });
}

void LabServer::execute(LabConnection *from, const QJsonObject &command)
{
    const QString name = command.value(u"cmd"_s).toString();
    const QString node = command.value(u"node"_s).toString();
    const auto refuse = [from](const QString &why) {
        from->send(labMessage(u"failed"_s, {{u"message"_s, why}}));
    };
    if (name == u"control") {
        const auto action = clusterActionFromName(command.value(u"action"_s).toString());
        if (!action || (*action != ClusterAction::Kill && *action != ClusterAction::Pause &&
                        *action != ClusterAction::Resume && *action != ClusterAction::Restart))
            return refuse(Tr::tr("The lab knows no node action \"%1\"; it takes kill, pause, "
                                 "resume and restart.")
                              .arg(command.value(u"action"_s).toString()));
        m_engine.control(*action, node);
    } else if (name == u"serverState") {
        const auto state = serverAdminStateFromName(command.value(u"state"_s).toString());
        if (!state)
            return refuse(Tr::tr("The lab knows no server state \"%1\".")
                              .arg(command.value(u"state"_s).toString()));
        m_engine.setServerState(node, *state);
    } else if (name == u"weight") {
        m_engine.setWeight(node, command.value(u"weight"_s).toInt(-1));
    } else if (name == u"algorithm") {
        const auto algorithm =
            core::balancingAlgorithmFromName(command.value(u"algorithm"_s).toString());
        if (!algorithm)
            return refuse(Tr::tr("The lab knows no balancing algorithm \"%1\".")
                              .arg(command.value(u"algorithm"_s).toString()));
        m_engine.setAlgorithm(*algorithm);
    } else if (name == u"replication") {
        m_engine.setReplicationRunning(command.value(u"running"_s).toBool());
    } else if (name == u"load") {
        LoadOptions options = LabCodec::loadOptionsFromJson(command.value(u"options"_s).toObject());
        // From the internet host, as the site's visitors: wherever the window thought it was.
        options.host = m_cluster.siteHost();
        options.port = m_cluster.sitePort();
        m_load.start(options);
    } else if (name == u"stopLoad") {
        m_load.stop();
    } else if (name == u"scan") {
        scan(from);
    } else if (name == u"stop") {
        m_load.stop();
        emit stopRequested();
    } else {
        refuse(Tr::tr("The lab knows no command \"%1\" (protocol %2).")
                   .arg(name)
                   .arg(LabConnection::kProtocol));
    }
}

} // namespace topolab::runtime
