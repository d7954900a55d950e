#include "clusterhost.h"

#include "clusterengine.h"
#include "runtime/load/loadgenerator.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

namespace {
constexpr int kLoadProgressMs = 250;
} // namespace

ClusterHost::ClusterHost(ClusterController::Options options, QObject *parent)
    : QObject(parent)
    , m_engine(new ClusterEngine(std::move(options)))
    , m_loadContext(new QObject)
{
    qRegisterMetaType<ClusterSample>();
    qRegisterMetaType<LoadReport>();
    qRegisterMetaType<NodeState>();
    qRegisterMetaType<ClusterAction>();
    m_clusterThread.setObjectName(u"topolab-cluster"_s);
    m_loadThread.setObjectName(u"topolab-load"_s);
    m_engine->moveToThread(&m_clusterThread);
    m_loadContext->moveToThread(&m_loadThread);
    connect(&m_clusterThread, &QThread::finished, m_engine, &QObject::deleteLater);
    connect(&m_loadThread, &QThread::finished, m_loadContext, &QObject::deleteLater);

    connect(m_engine, &ClusterEngine::started, this,
            [this](bool ok, const QStringList &problems, const QString &url) {
                m_running = ok;
                m_url = url;
                emit started(ok, problems, url);
            });
    connect(m_engine, &ClusterEngine::stopped, this, [this] {
        m_running = false;
        m_url.clear();
        emit stopped();
    });
    connect(m_engine, &ClusterEngine::stateChanged, this, &ClusterHost::stateChanged);
    connect(m_engine, &ClusterEngine::logged, this, &ClusterHost::logged);
    connect(m_engine, &ClusterEngine::sampled, this, &ClusterHost::sampled);
    connect(m_engine, &ClusterEngine::failedOver, this, &ClusterHost::failedOver);
    connect(m_engine, &ClusterEngine::actionFailed, this, &ClusterHost::actionFailed);
    connect(m_engine, &ClusterEngine::actionDone, this, &ClusterHost::actionDone);
    // Written on this thread only; the load thread reports which run ended, so that the end of
    // a run stopped for a new one does not mark the new one ended.
    connect(this, &ClusterHost::loadEnded, this, [this](int generation) {
        if (generation == m_loadGeneration)
            m_loadRunning = false;
    });
    m_clusterThread.start();
    m_loadThread.start();
}

ClusterHost::~ClusterHost()
{
    stopLoad();
    // Blocking on purpose: the window is closing, and every process must be gone before it is.
    QMetaObject::invokeMethod(m_engine, &ClusterEngine::stop, Qt::BlockingQueuedConnection);
    m_loadThread.quit();
    m_clusterThread.quit();
    m_loadThread.wait();
    m_clusterThread.wait();
}

void ClusterHost::start(const core::ClusterPlan &plan, const QString &dataFolder)
{
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine, plan, dataFolder] { engine->start(plan, dataFolder); });
}

void ClusterHost::stop()
{
    stopLoad();
    QMetaObject::invokeMethod(m_engine, &ClusterEngine::stop);
}

void ClusterHost::kill(const QString &nodeId)
{
    control(ClusterAction::Kill, nodeId);
}

void ClusterHost::pause(const QString &nodeId)
{
    control(ClusterAction::Pause, nodeId);
}

void ClusterHost::resume(const QString &nodeId)
{
    control(ClusterAction::Resume, nodeId);
}

void ClusterHost::restart(const QString &nodeId)
{
    control(ClusterAction::Restart, nodeId);
}

void ClusterHost::control(ClusterAction action, const QString &nodeId)
{
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine, action, nodeId] { engine->control(action, nodeId); });
}

void ClusterHost::setServerState(const QString &nodeId, ServerAdminState state)
{
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine, nodeId, state] { engine->setServerState(nodeId, state); });
}

void ClusterHost::setWeight(const QString &nodeId, int weight)
{
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine, nodeId, weight] { engine->setWeight(nodeId, weight); });
}

void ClusterHost::setAlgorithm(core::BalancingAlgorithm algorithm)
{
    QMetaObject::invokeMethod(m_engine,
                              [engine = m_engine, algorithm] { engine->setAlgorithm(algorithm); });
}

void ClusterHost::setReplicationRunning(bool running)
{
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine, running] { engine->setReplicationRunning(running); });
}

void ClusterHost::startLoad(const LoadOptions &options)
{
    stopLoad();
    m_loadRunning = true;
    const int generation = ++m_loadGeneration;
    // Made on the load thread, so that its sockets and timers belong there.
    QMetaObject::invokeMethod(m_loadContext, [this, options, generation] {
        auto *load = new LoadGenerator(options, m_loadContext);
        auto *progress = new QTimer(load);
        progress->setInterval(kLoadProgressMs);
        connect(progress, &QTimer::timeout, load,
                [this, load] { emit loadProgress(load->report()); });
        connect(load, &LoadGenerator::finished, load,
                [this, load, progress, generation](const LoadReport &report) {
                    // No progress report may arrive after the final one.
                    progress->stop();
                    if (m_load == load)
                        m_load = nullptr;
                    emit loadEnded(generation);
                    emit loadFinished(report);
                    load->deleteLater();
                });
        m_load = load;
        progress->start();
        load->start();
    });
}

void ClusterHost::stopLoad()
{
    if (!m_loadRunning)
        return;
    m_loadRunning = false;
    // Its `finished` (and the report so far) comes back through the handler set in startLoad.
    QMetaObject::invokeMethod(
        m_loadContext,
        [this] {
            if (m_load)
                m_load->stop();
        },
        Qt::BlockingQueuedConnection);
}

} // namespace topolab::runtime
