#include "floatingip.h"

#include "runtime/balancer/proxyhandler.h"
#include "runtime/net/labnetwork.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <atomic>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(FloatingIp)
};

QByteArray healthPath()
{
    return QByteArray(ProxyHandler::kHealthPath.data(), ProxyHandler::kHealthPath.size());
}

} // namespace

QString FloatingIp::Failover::message(const core::ClusterPlan &plan) const
{
    return Tr::tr("floating IP moved to %1 after %2 s")
        .arg(plan.nodeName(to))
        .arg(static_cast<double>(ms) / 1000.0, 0, 'f', 1);
}

FloatingIp::FloatingIp(const core::ClusterPlan &plan, const LabNetwork &lab, QString folder,
                       QObject *parent)
    : QObject(parent)
    , m_plan(plan)
    , m_lab(lab)
    , m_folder(std::move(folder))
{
}

FloatingIp::~FloatingIp()
{
    m_recoveryProbe.reset();
    m_probes.clear();
    m_vrrp.clear();
}

int FloatingIp::halfOf(const QString &nodeId) const
{
    if (nodeId == m_plan.balancer.nodeId)
        return 0;
    return m_plan.standby && nodeId == m_plan.standby->nodeId ? 1 : -1;
}

void FloatingIp::start(QStringList *problems)
{
    const core::ClusterPlan::Balancer *halves[] = {&m_plan.balancer, &*m_plan.standby};
    for (int i = 0; i < 2; ++i) {
        const core::ClusterPlan::Balancer &self = *halves[i];
        const core::ClusterPlan::Balancer &peer = *halves[1 - i];
        const QString folder = m_folder + u"/vrrp-%1"_s.arg(i + 1);
        QDir().mkpath(folder);
        auto vrrp = std::make_unique<VrrpInstance>(VrrpInstance::Options{
            self.name, folder, m_lab.hostOf(self.nodeId), self.address, peer.address,
            m_plan.floatingAddress, self.priority, self.preempt});
        const QString id = self.nodeId;
        connect(vrrp.get(), &VrrpInstance::roleChanged, this, [this, id](VrrpInstance::Role role) {
            emit logged(id, Tr::tr("VRRP: %1").arg(VrrpInstance::roleName(role)));
            emit roleChanged(id, role);
        });
        connect(vrrp.get(), &VrrpInstance::logLine, this,
                [this, id](const QString &line) { emit logged(id, line); });
        connect(vrrp.get(), &VrrpInstance::exitedUnexpectedly, this,
                [this, id](const QString &why) { emit halfDown(id, why); });
        QString error;
        if (!vrrp->start(&error)) {
            emit halfDown(id, error);
            problems->append(u"%1: %2"_s.arg(self.name, error));
        }
        m_vrrp.push_back(std::move(vrrp));
    }
    watchHealth();
    // Both start as backups and elect a master after three adverts unheard: the site has an
    // address only then.
    QElapsedTimer waited;
    waited.start();
    const auto hasMaster = [this] {
        return std::any_of(m_vrrp.cbegin(), m_vrrp.cend(), [](const auto &vrrp) {
            return vrrp->role() == VrrpInstance::Role::Master;
        });
    };
    while (!hasMaster() && waited.elapsed() < 6000) {
        for (const auto &vrrp : m_vrrp)
            vrrp->waitForOutput(25);
    }
    if (!hasMaster())
        problems->append(Tr::tr("no balancer took the floating IP %1 within 6 s; the log of "
                                "each says why")
                             .arg(m_plan.floatingAddress));
}

void FloatingIp::watchHealth()
{
    const core::ClusterPlan::Balancer *halves[] = {&m_plan.balancer, &*m_plan.standby};
    for (int i = 0; i < 2; ++i) {
        VrrpInstance *vrrp = m_vrrp.at(static_cast<size_t>(i)).get();
        // Two checks in a row decide, as the balancer's own health checks do; the state is the
        // probe thread's alone.
        auto streak = std::make_shared<std::pair<bool, int>>(true, 0);
        m_probes.push_back(std::make_unique<HealthProbe>(
            HealthProbe::Options{m_lab.hostOf(halves[i]->nodeId), u"127.0.0.1"_s,
                                 LabNetwork::kWebPort, healthPath()},
            [vrrp, streak](bool passed) {
                auto &[healthy, count] = *streak;
                count = passed == healthy ? 0 : count + 1;
                if (count < 2)
                    return;
                healthy = passed;
                count = 0;
                vrrp->setHealthy(healthy);
            }));
    }
}

VrrpInstance::Role FloatingIp::role(const QString &nodeId) const
{
    const int half = halfOf(nodeId);
    if (half < 0 || static_cast<size_t>(half) >= m_vrrp.size())
        return VrrpInstance::Role::Stopped;
    return m_vrrp[static_cast<size_t>(half)]->role();
}

QStringList FloatingIp::holders() const
{
    QStringList holders;
    for (const core::ClusterPlan::Balancer *half : {&m_plan.balancer, &*m_plan.standby}) {
        QByteArray addresses;
        QString error;
        if (m_lab.hostOf(half->nodeId)
                ->run(u"ip"_s, {u"-4"_s, u"-o"_s, u"addr"_s, u"show"_s}, &error, {}, &addresses) &&
            addresses.contains(" " + m_plan.floatingAddress.toUtf8() + "/"))
            holders.append(half->nodeId);
    }
    return holders;
}

bool FloatingIp::injectFault(const QString &nodeId, const std::function<bool()> &fault)
{
    const bool holds = holders() == QStringList{nodeId};
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    if (!fault())
        return false;
    if (!holds)
        return true; // the standby's fault moves nothing
    m_faultFrom = nodeId;
    // Once a request has failed: one the balancer still answered on its way down is not a
    // recovery.
    auto seenFailure = std::make_shared<bool>(false);
    auto reported = std::make_shared<std::atomic<bool>>(false);
    // From where the site's visitors are, through the floating IP, as often as is cheap.
    m_recoveryProbe = std::make_unique<HealthProbe>(
        HealthProbe::Options{&m_lab.internet(), m_plan.floatingAddress, LabNetwork::kWebPort,
                             healthPath(), std::chrono::milliseconds(20),
                             std::chrono::milliseconds(200)},
        [this, clock, seenFailure, reported](bool passed) {
            if (!passed) {
                *seenFailure = true;
                return;
            }
            if (!*seenFailure || reported->exchange(true))
                return;
            QMetaObject::invokeMethod(
                this, [this, ms = clock->elapsed()] { served(ms); }, Qt::QueuedConnection);
        });
    return true;
}

void FloatingIp::served(qint64 ms)
{
    m_recoveryProbe.reset();
    const Failover failover{m_faultFrom, holders().value(0), ms};
    m_faultFrom.clear();
    if (failover.to.isEmpty() || failover.to == failover.from)
        return; // it came back where it was (a thaw in time), not a move
    emit logged(failover.to, failover.message(m_plan));
    emit failedOver(failover);
}

} // namespace topolab::runtime
