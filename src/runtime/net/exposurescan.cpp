#include "exposurescan.h"

#include "core/lab/labaddresses.h"
#include "labnetwork.h"
#include "networkhost.h"

#include <QEventLoop>
#include <QSocketNotifier>

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

QList<ExposureScan::Target> ExposureScan::everyPortOf(const core::ClusterPlan &plan,
                                                      const LabNetwork &lab)
{
    QSet<int> ports = {22, 80, 443, 3306, plan.balancer.port};
    for (const core::ClusterPlan::Worker &worker : plan.workers)
        ports.insert(worker.port);
    for (const auto *database : {&plan.primary, &plan.replica})
        if (*database)
            ports.insert((*database)->port);
    QList<int> sorted(ports.cbegin(), ports.cend());
    std::sort(sorted.begin(), sorted.end());
    struct Machine {
        QString name;
        QString address;
        QString role;
    };
    QList<Machine> machines;
    for (const LabNetwork::Machine &machine : lab.machines())
        machines.append({machine.name, machine.address, machine.role});
    // The site's public address in a pair: what the firewall lets the internet reach.
    if (plan.standby && !plan.floatingAddress.isEmpty())
        machines.append({u"floating IP"_s, plan.floatingAddress, u"floating"_s});
    if (lab.firewall())
        machines.append({lab.firewall()->name + u" (outside)"_s,
                         core::Ipv4::format(core::LabAddresses::kFirewallOutside), u"firewall"_s});
    QList<Target> targets;
    for (const Machine &machine : machines)
        for (int port : sorted)
            targets.append(
                {machine.name, machine.address, static_cast<quint16>(port), machine.role});
    return targets;
}

ExposureScan::ExposureScan(const core::ClusterPlan &plan, const LabNetwork &lab,
                           std::chrono::milliseconds timeout, QObject *parent)
    : ExposureScan(lab.internet(), everyPortOf(plan, lab), timeout, parent)
{
    m_report.from = lab.internetAddress();
    m_report.site = lab.publicAddress();
    m_report.firewall = lab.firewall() != nullptr;
}

ExposureScan::ExposureScan(const NetworkHost &from, const QList<Target> &targets,
                           std::chrono::milliseconds timeout, QObject *parent)
    : QObject(parent)
{
    for (const Target &target : targets)
        m_report.results.append({target, Outcome::Filtered});
    connectAll(from, timeout);
}

ExposureScan::~ExposureScan()
{
    for (int fd : m_sockets)
        if (fd >= 0)
            ::close(fd);
}

void ExposureScan::connectAll(const NetworkHost &from, std::chrono::milliseconds timeout)
{
    m_sockets.assign(static_cast<size_t>(m_report.results.size()), -1);
    m_notifiers.assign(m_sockets.size(), nullptr);
    {
        // The sockets are the internet host's, wherever this thread is otherwise.
        const NetworkHost::Scope inside(&from);
        for (size_t i = 0; i < m_sockets.size(); ++i) {
            const Target &target = m_report.results.at(static_cast<qsizetype>(i)).target;
            const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            if (fd < 0)
                continue;
            sockaddr_in address{};
            address.sin_family = AF_INET;
            address.sin_port = htons(target.port);
            ::inet_pton(AF_INET, target.address.toLatin1().constData(), &address.sin_addr);
            if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0) {
                m_report.results[static_cast<qsizetype>(i)].outcome = Outcome::Open;
                ::close(fd);
                continue;
            }
            if (errno != EINPROGRESS) {
                m_report.results[static_cast<qsizetype>(i)].outcome =
                    errno == ECONNREFUSED ? Outcome::Refused : Outcome::Filtered;
                ::close(fd);
                continue;
            }
            m_sockets[i] = fd;
            ++m_pending;
        }
    }
    for (size_t i = 0; i < m_sockets.size(); ++i) {
        if (m_sockets[i] < 0)
            continue;
        auto *notifier = new QSocketNotifier(m_sockets[i], QSocketNotifier::Write, this);
        m_notifiers[i] = notifier;
        connect(notifier, &QSocketNotifier::activated, this, [this, i] {
            int error = 0;
            socklen_t length = sizeof error;
            ::getsockopt(m_sockets[i], SOL_SOCKET, SO_ERROR, &error, &length);
            settle(i, error == 0              ? Outcome::Open
                      : error == ECONNREFUSED ? Outcome::Refused
                                              : Outcome::Filtered);
        });
    }
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        for (size_t i = 0; i < m_sockets.size(); ++i)
            if (m_sockets[i] >= 0)
                settle(i, Outcome::Filtered);
    });
    if (m_pending > 0)
        m_deadline.start(timeout);
    else
        // Every answer came at once; `finished` still comes from the event loop, as promised.
        QTimer::singleShot(0, this, &ExposureScan::finish);
}

void ExposureScan::settle(size_t index, Outcome outcome)
{
    m_report.results[static_cast<qsizetype>(index)].outcome = outcome;
    delete std::exchange(m_notifiers[index], nullptr);
    ::close(std::exchange(m_sockets[index], -1));
    if (--m_pending == 0)
        finish();
}

void ExposureScan::finish()
{
    m_deadline.stop();
    emit finished(m_report);
}

const ExposureReport &ExposureScan::wait()
{
    if (!isFinished()) {
        QEventLoop loop;
        connect(this, &ExposureScan::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return m_report;
}

QList<ExposureScan::Result> ExposureScan::run(const NetworkHost &from, const QList<Target> &targets,
                                              std::chrono::milliseconds timeout)
{
    ExposureScan scan(from, targets, timeout);
    return scan.wait().results;
}

} // namespace topolab::runtime
