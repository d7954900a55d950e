#include "clusterhost.h"

#include "clusterengine.h"
#include "runtime/load/loadrunner.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

ClusterHost::ClusterHost(ClusterController::Options options, QObject *parent)
    : ClusterDriver(parent)
    , m_engine(new ClusterEngine(std::move(options)))
    , m_load(new LoadRunner(this))
{
    qRegisterMetaType<ClusterSample>();
    qRegisterMetaType<NodeState>();
    qRegisterMetaType<ClusterAction>();
    m_clusterThread.setObjectName(u"topolab-cluster"_s);
    m_engine->moveToThread(&m_clusterThread);
    connect(&m_clusterThread, &QThread::finished, m_engine, &QObject::deleteLater);

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
    connect(m_load, &LoadRunner::loadProgress, this, &ClusterHost::loadProgress);
    connect(m_load, &LoadRunner::loadFinished, this, &ClusterHost::loadFinished);
    m_clusterThread.start();
}

ClusterHost::~ClusterHost()
{
    m_load->stop();
    // Blocking on purpose: the window is closing, and every process must be gone before it is.
    QMetaObject::invokeMethod(m_engine, &ClusterEngine::stop, Qt::BlockingQueuedConnection);
    m_clusterThread.quit();
    m_clusterThread.wait();
}

void ClusterHost::start(const core::Topology &, const core::ClusterPlan &plan,
                        const QString &dataFolder)
{
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine, plan, dataFolder] { engine->start(plan, dataFolder); });
}

void ClusterHost::stop()
{
    m_load->stop();
    QMetaObject::invokeMethod(m_engine, &ClusterEngine::stop);
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
    m_load->start(options);
}

void ClusterHost::stopLoad()
{
    m_load->stop();
}

bool ClusterHost::isLoadRunning() const
{
    return m_load->isRunning();
}

void ClusterHost::scanExposure()
{
    // Every port is the desktop's own here; the window says why it runs no lab.
    QTimer::singleShot(0, this, [this] { emit exposureScanned(ExposureReport::oneHost({})); });
}

} // namespace topolab::runtime
