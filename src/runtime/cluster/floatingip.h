#pragma once

#include "core/clusterplan.h"
#include "runtime/net/healthprobe.h"
#include "runtime/net/vrrpinstance.h"

#include <QObject>
#include <functional>
#include <memory>
#include <vector>

namespace topolab::runtime {

class LabNetwork;

// The floating IP of a balancer pair, in a lab: keepalived (VRRP) in each balancer's host, told
// by a probe of its own balancer's health whether to hold the address; who holds it, asked of
// the hosts; and, for a fault of the holder, the time until the site is served again through it.
class FloatingIp final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FloatingIp)

public:
    // A move of the address after a fault: from which balancer to which, and the time from the
    // fault to the first request served again through the floating IP.
    struct Failover {
        QString from;
        QString to;
        qint64 ms = 0;
        // "floating IP moved to Load balancer 2 after 1.2 s"
        QString message(const core::ClusterPlan &plan) const;
    };

    // For `plan`'s balancer and its standby; keepalived's files go in `folder`.
    FloatingIp(const core::ClusterPlan &plan, const LabNetwork &lab, QString folder,
               QObject *parent = nullptr);
    // The probes first: they write the instances' health files.
    ~FloatingIp() override;

    // Starts both halves and their probes, then waits (at most 6 s) until one holds the address;
    // what did not work is added to `problems`.
    void start(QStringList *problems);
    // The role of the half of the balancer `nodeId`; Stopped for any other node.
    VrrpInstance::Role role(const QString &nodeId) const;
    // The balancers (active, standby or, were VRRP wrong, both) whose host has the address now.
    QStringList holders() const;
    // Runs `fault` (a kill or a freeze of the balancer `nodeId`); when that balancer held the
    // address, measures from the fault until the site serves again through it.
    bool injectFault(const QString &nodeId, const std::function<bool()> &fault);

signals:
    void roleChanged(const QString &nodeId, topolab::runtime::VrrpInstance::Role role);
    void logged(const QString &nodeId, const QString &line);
    // Its keepalived did not start or ended by itself.
    void halfDown(const QString &nodeId, const QString &why);
    void failedOver(const topolab::runtime::FloatingIp::Failover &failover);

private:
    void watchHealth();
    void served(qint64 ms);
    // 0 for the active balancer, 1 for its standby, -1 for neither.
    int halfOf(const QString &nodeId) const;

    const core::ClusterPlan &m_plan;
    const LabNetwork &m_lab;
    QString m_folder;
    std::vector<std::unique_ptr<VrrpInstance>> m_vrrp; // the active's first
    std::vector<std::unique_ptr<HealthProbe>> m_probes;
    std::unique_ptr<HealthProbe> m_recoveryProbe;
    QString m_faultFrom;
};

} // namespace topolab::runtime
