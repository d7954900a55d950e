#include "exposurescan.h"

#include "core/lab/labaddresses.h"
#include "labnetwork.h"
#include "networkhost.h"

#include <QElapsedTimer>

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
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
    QList<std::pair<QString, QString>> machines;
    for (const LabNetwork::Machine &machine : lab.machines())
        machines.append({machine.name, machine.address});
    // The site's public address in a pair: what the firewall lets the internet reach.
    if (plan.standby && !plan.floatingAddress.isEmpty())
        machines.append({u"floating IP"_s, plan.floatingAddress});
    if (lab.firewall())
        machines.append({lab.firewall()->name + u" (outside)"_s,
                         core::Ipv4::format(core::LabAddresses::kFirewallOutside)});
    QList<Target> targets;
    for (const auto &[name, address] : machines)
        for (int port : sorted)
            targets.append({name, address, static_cast<quint16>(port)});
    return targets;
}

QString ExposureScan::outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Open:
        return u"open"_s;
    case Outcome::Refused:
        return u"closed"_s;
    case Outcome::Filtered:
        return u"filtered"_s;
    }
    return {};
}

QList<ExposureScan::Result> ExposureScan::run(const NetworkHost &from, const QList<Target> &targets,
                                              std::chrono::milliseconds timeout)
{
    QList<Result> results;
    std::vector<pollfd> polls;
    {
        // The sockets are the internet host's, wherever this thread is otherwise.
        const NetworkHost::Scope inside(&from);
        for (const Target &target : targets) {
            results.append({target, Outcome::Filtered});
            const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            sockaddr_in address{};
            address.sin_family = AF_INET;
            address.sin_port = htons(target.port);
            ::inet_pton(AF_INET, target.address.toLatin1().constData(), &address.sin_addr);
            if (fd >= 0 &&
                ::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0 &&
                errno != EINPROGRESS) {
                results.last().outcome =
                    errno == ECONNREFUSED ? Outcome::Refused : Outcome::Filtered;
                ::close(fd);
                polls.push_back({-1, 0, 0});
                continue;
            }
            polls.push_back({fd, POLLOUT, 0});
        }
    }
    QElapsedTimer clock;
    clock.start();
    qsizetype pending = std::count_if(polls.cbegin(), polls.cend(),
                                      [](const pollfd &p) { return p.fd >= 0; });
    while (pending > 0 && clock.elapsed() < timeout.count()) {
        const int ready = ::poll(polls.data(), polls.size(),
                                 static_cast<int>(timeout.count() - clock.elapsed()));
        if (ready <= 0)
            continue;
        for (size_t i = 0; i < polls.size(); ++i) {
            pollfd &p = polls[i];
            if (p.fd < 0 || p.revents == 0)
                continue;
            int error = 0;
            socklen_t length = sizeof error;
            ::getsockopt(p.fd, SOL_SOCKET, SO_ERROR, &error, &length);
            results[static_cast<qsizetype>(i)].outcome = error == 0 ? Outcome::Open
                                                         : error == ECONNREFUSED
                                                             ? Outcome::Refused
                                                             : Outcome::Filtered;
            ::close(p.fd);
            p.fd = -1;
            --pending;
        }
    }
    for (const pollfd &p : polls) {
        if (p.fd >= 0)
            ::close(p.fd);
    }
    return results;
}

} // namespace topolab::runtime
