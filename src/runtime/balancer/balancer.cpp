#include "balancer.h"

#include "balancerserver.h"
#include "runtime/http/epolleventdispatcher.h"
#include "runtime/http/processlimits.h"

using namespace Qt::StringLiterals;

namespace topolab::runtime {

namespace {

QStringList backendNames(const BalancerOptions &options)
{
    QStringList names;
    for (const BackendConfig &backend : options.backends)
        names.append(backend.name);
    return names;
}

} // namespace

Balancer::Balancer(BalancerOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_metrics(backendNames(m_options), [this] { return m_clock.elapsed(); })
{
    m_clock.start();
    m_thread.setObjectName(u"topolab-balancer"_s);
}

Balancer::~Balancer()
{
    stop();
}

bool Balancer::start(QString *error)
{
    if (m_thread.isRunning())
        return true;
    ProcessLimits::raiseDescriptorLimit();
    m_server = new BalancerServer(m_options, m_metrics);
    m_server->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_server, &QObject::deleteLater);
    connect(&m_server->core(), &BalancerCore::healthChanged, this,
            [this](int backend, bool healthy, const QString &reason) {
                emit healthChanged(m_options.backends.at(backend).name, healthy, reason);
            });
    // Set for each start: a thread deletes its dispatcher when it finishes.
    m_thread.setEventDispatcher(new EpollEventDispatcher);
    m_thread.start();
    bool listening = false;
    QMetaObject::invokeMethod(
        m_server, [&] { listening = m_server->listen(error); }, Qt::BlockingQueuedConnection);
    if (!listening) {
        stop();
        return false;
    }
    m_port = m_server->port();
    return true;
}

void Balancer::stop()
{
    if (!m_thread.isRunning())
        return;
    m_thread.quit();
    m_thread.wait();
    m_server = nullptr;
}

QString Balancer::url() const
{
    return u"http://%1:%2/"_s.arg(m_options.listenAddress.toString()).arg(m_port);
}

bool Balancer::setAlgorithm(const QString &algorithm)
{
    if (!m_thread.isRunning() || !makeBalancingPolicy(algorithm))
        return false;
    bool changed = false;
    QMetaObject::invokeMethod(
        m_server, [&] { changed = m_server->core().setAlgorithm(algorithm); },
        Qt::BlockingQueuedConnection);
    if (changed)
        m_metrics.recordEvent(u"algorithm changed to %1"_s.arg(algorithm));
    return changed;
}

} // namespace topolab::runtime
