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
    , m_health(m_options.backends)
{
    m_options.threads = std::max(1, m_options.threads);
    m_clock.start();
}

Balancer::~Balancer()
{
    stop();
}

bool Balancer::start(QString *error)
{
    if (isRunning())
        return true;
    ProcessLimits::raiseDescriptorLimit();
    const bool shared = m_options.threads > 1;
    for (int i = 0; i < m_options.threads; ++i) {
        auto thread = std::make_unique<QThread>();
        thread->setObjectName(shared ? u"topolab-balancer-%1"_s.arg(i + 1) : u"topolab-balancer"_s);
        // The first thread checks health for all.
        auto *server = new BalancerServer(m_options, m_metrics, m_health, i == 0);
        server->moveToThread(thread.get());
        connect(thread.get(), &QThread::finished, server, &QObject::deleteLater);
        connect(&server->core(), &BalancerCore::healthChanged, this,
                [this](int backend, bool healthy, const QString &reason) {
                    emit healthChanged(m_options.backends.at(backend).name, healthy, reason);
                });
        if (i > 0)
            connect(&server->core(), &BalancerCore::healthChanged, &m_servers.front()->health(),
                    [checker = &m_servers.front()->health()](int backend, bool healthy) {
                        if (!healthy)
                            checker->restartRise(backend);
                    });
        // Set for each start: a thread deletes its dispatcher when it finishes.
        thread->setEventDispatcher(new EpollEventDispatcher);
        thread->start();
        m_servers.push_back(server);
        m_threads.push_back(std::move(thread));
        bool listening = false;
        // The first thread opens the port; the others take clients from its socket.
        const BalancerServer *first = i == 0 ? nullptr : m_servers.front();
        QMetaObject::invokeMethod(
            server, [&] { listening = server->listen(m_options.port, first, error); },
            Qt::BlockingQueuedConnection);
        if (!listening) {
            stop();
            return false;
        }
        if (i == 0)
            m_port = server->port();
    }
    return true;
}

void Balancer::stop()
{
    for (const std::unique_ptr<QThread> &thread : m_threads)
        thread->quit();
    for (const std::unique_ptr<QThread> &thread : m_threads)
        thread->wait();
    m_threads.clear();
    m_servers.clear();
}

QString Balancer::url() const
{
    return u"http://%1:%2/"_s.arg(m_options.listenAddress.toString()).arg(m_port);
}

bool Balancer::setAlgorithm(const QString &algorithm)
{
    if (!isRunning() || !makeBalancingPolicy(algorithm))
        return false;
    bool changed = false;
    for (BalancerServer *server : m_servers)
        QMetaObject::invokeMethod(
            server, [&] { changed = server->core().setAlgorithm(algorithm); },
            Qt::BlockingQueuedConnection);
    if (changed)
        m_metrics.recordEvent(u"algorithm changed to %1"_s.arg(algorithm));
    return changed;
}

} // namespace topolab::runtime
