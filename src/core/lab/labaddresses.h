#pragma once

#include "ipv4.h"

#include <QCoreApplication>
#include <QHash>
#include <QStringList>

namespace topolab::core {

class Topology;

// Where each machine of a design sits on the lab's networks. A machine (a balancer, a web server
// with its application server, a database, a firewall's inside) has an address on the private
// network: the one its "address" property names, or one Topolab chooses from the machine's range
// when that is empty. The internet host and a firewall's outside are on a documentation network
// (RFC 5737), so nothing in the lab can be mistaken for a real address on the user's network.
class LabAddresses final {
    Q_DECLARE_TR_FUNCTIONS(LabAddresses)

public:
    static constexpr Ipv4::Network kPrivateNetwork{(10u << 24) | (20u << 16), 24};
    static constexpr Ipv4::Network kInternetNetwork{(203u << 24) | (113u << 8), 24};
    static constexpr quint32 kInternetHost = kInternetNetwork.base + 10;
    static constexpr quint32 kFirewallOutside = kInternetNetwork.base + 1;

    struct Problem {
        QStringList nodeIds;
        QString title;
        QString explanation;
    };

    explicit LabAddresses(const Topology &topology);

    // The machine's private address, "" for a node that is not a machine of its own.
    QString of(const QString &nodeId) const { return m_addresses.value(nodeId); }
    bool isChosenByTopolab(const QString &nodeId) const { return m_chosen.contains(nodeId); }
    // The address a balancer pair shares (BalancerPair), held by whichever of the two is master
    // now: the active balancer's "floatingIp", or one Topolab chooses from .100 up; "" without a
    // pair.
    const QString &floating() const { return m_floating; }
    // Clashes and addresses outside the private network: the lab cannot start with them.
    const QList<Problem> &problems() const { return m_problems; }

    // Whether the node is a machine of its own in the lab.
    static bool isMachine(const Topology &topology, const QString &nodeId);

private:
    QHash<QString, QString> m_addresses;
    QSet<QString> m_chosen;
    QString m_floating;
    QList<Problem> m_problems;
};

} // namespace topolab::core
