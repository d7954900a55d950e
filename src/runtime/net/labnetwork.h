#pragma once

#include "core/clusterplan.h"
#include "networkhost.h"

#include <QCoreApplication>
#include <QHash>
#include <memory>
#include <vector>

namespace topolab::runtime {

// The lab's hosts and the wires between them, built from a plan: every machine of the design a
// network namespace with its own address on the private network, on one bridge (in a switch
// namespace of its own), and the internet host (the lab process's own namespace) where clients
// come from. Links are enforced by routes: a machine has a route to the machines the drawing links
// it to, and its default route goes to the gateway. Without a firewall that gateway is the
// internet itself, as on the seed design, so the internet reaches every machine; with one, the
// firewall is the only way between the internet and the private network, and forwards only what
// its rules allow.
class LabNetwork final {
    Q_DECLARE_TR_FUNCTIONS(LabNetwork)

public:
    struct Machine {
        QString name;                 // as the design names it: "Server 1"
        QStringList nodeIds;          // the design's nodes it runs
        QString address;              // on the private network
        QString role;                 // "balancer", "server", "database", "firewall"
        std::unique_ptr<NetworkHost> host;
        QStringList peers;            // addresses of the machines linked to it
    };

    // Builds the hosts of `plan`; nullptr with the reason when the kernel or `ip` refuses.
    static std::unique_ptr<LabNetwork> build(const core::ClusterPlan &plan, QString *error);
    // The hosts go with their descriptors; the internet host is the lab process's own namespace,
    // so its end of the wire is taken out here.
    ~LabNetwork();
    LabNetwork(const LabNetwork &) = delete;
    LabNetwork &operator=(const LabNetwork &) = delete;

    const NetworkHost &internet() const { return *m_internet; }
    // The host running `nodeId` (a balancer, a web or an application server, a database, the
    // firewall); nullptr for a node that runs nowhere in the lab.
    const NetworkHost *hostOf(const QString &nodeId) const;
    QString addressOf(const QString &nodeId) const;
    const std::vector<Machine> &machines() const { return m_machines; }
    // Where the internet sends the site's requests: the balancer's address.
    const QString &publicAddress() const { return m_publicAddress; }
    QString internetAddress() const;
    // The firewall's host, or nullptr without one.
    const Machine *firewall() const;
    // The firewall host stops forwarding: a firewall that is down lets nothing through, rather
    // than everything its rules were to stop.
    bool closeFirewall(QString *error) const;

    // Every machine's interface on the private network, and the firewall's toward the internet.
    static inline const QString kInsideInterface = QStringLiteral("eth0");
    static inline const QString kOutsideInterface = QStringLiteral("eth1");
    // The port the site answers on inside the lab, whatever port the desktop reaches it on.
    static constexpr quint16 kWebPort = 80;

private:
    LabNetwork() = default;
    bool wire(const core::ClusterPlan &plan, QString *error);
    // The machine running `nodeId` in m_machines, or -1.
    qsizetype indexOf(const QString &nodeId) const;

    std::unique_ptr<NetworkHost> m_internet;
    std::unique_ptr<NetworkHost> m_switch;
    std::vector<Machine> m_machines;
    QString m_publicAddress;
    bool m_wired = false;
};

} // namespace topolab::runtime
