#include "labaddresses.h"

#include "balancerpair.h"
#include "core/kindcatalog.h"
#include "core/topology.h"

#include <QMap>

using namespace Qt::StringLiterals;

namespace topolab::core {

namespace {

// Where Topolab starts looking for a free address for each kind of machine, so that a design's
// addresses read alike: .1 the firewall, .10 the balancers, .21 the servers, .31 the databases.
quint32 rangeStart(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Firewall:
        return 1;
    case NodeKind::LoadBalancer:
        return 10;
    case NodeKind::WebServer:
        return 21;
    default:
        return 31;
    }
}

// Floating IPs are not machines: they take the first free address from here.
constexpr quint32 kFloatingRangeStart = 100;

} // namespace

bool LabAddresses::isMachine(const Topology &topology, const QString &nodeId)
{
    const Node *node = topology.node(nodeId);
    if (!node)
        return false;
    switch (node->kind) {
    case NodeKind::LoadBalancer:
    case NodeKind::WebServer:
    case NodeKind::Firewall:
        return true;
    case NodeKind::Database:
        // An external server is somebody else's machine, outside the lab.
        return !topology.property(nodeId, PropertyKey::external).toBool();
    default:
        return false;
    }
}

LabAddresses::LabAddresses(const Topology &topology)
{
    QMap<quint32, QStringList> taken;
    QList<const Node *> automatic;
    for (const Node &node : topology.nodes()) {
        if (!isMachine(topology, node.id))
            continue;
        const QString text = topology.property(node.id, PropertyKey::address).toString().trimmed();
        if (text.isEmpty()) {
            automatic.append(&node);
            continue;
        }
        // The property refuses anything that is not an address, so this parses.
        const quint32 address = Ipv4::parse(text).value_or(0);
        m_addresses.insert(node.id, Ipv4::format(address));
        if (!kPrivateNetwork.contains(address) || address < kPrivateNetwork.firstHost() ||
            address > kPrivateNetwork.lastHost()) {
            m_problems.append(
                {{node.id},
                 tr("Address %1 of \"%2\" is outside the lab network").arg(text, node.name),
                 tr("Every machine of the lab has an address on the private network %1, from "
                    "%2 to %3. Change the address in the inspector, or clear it to let Topolab "
                    "choose one.")
                     .arg(kPrivateNetwork.text(), Ipv4::format(kPrivateNetwork.firstHost()),
                          Ipv4::format(kPrivateNetwork.lastHost()))});
            continue;
        }
        taken[address].append(node.id);
    }
    for (auto it = taken.cbegin(); it != taken.cend(); ++it) {
        if (it->size() < 2)
            continue;
        QStringList names;
        for (const QString &id : *it)
            names.append(u"\"%1\""_s.arg(topology.node(id)->name));
        m_problems.append(
            {*it,
             tr("Address %1 is given to %2 machines").arg(Ipv4::format(it.key())).arg(it->size()),
             tr("%1 have the same address %2; two machines on one network cannot share an "
                "address. Give each its own in the inspector, or clear it to let Topolab choose.")
                 .arg(names.join(u", "_s), Ipv4::format(it.key()))});
    }
    // From the range's start upwards, then from the network's start: the first free one.
    const auto firstFree = [&](quint32 rangeOffset) {
        const quint32 first = kPrivateNetwork.firstHost();
        const quint32 count = kPrivateNetwork.lastHost() - first + 1;
        const quint32 start = kPrivateNetwork.at(rangeOffset) - first;
        quint32 candidate = first + start;
        for (quint32 step = 0; step < count && taken.contains(candidate); ++step)
            candidate = first + (start + step + 1) % count;
        return candidate;
    };
    for (const Node *node : automatic) {
        const quint32 candidate = firstFree(rangeStart(node->kind));
        taken[candidate].append(node->id);
        m_addresses.insert(node->id, Ipv4::format(candidate));
        m_chosen.insert(node->id);
    }
    const BalancerPair pair = BalancerPair::of(topology);
    if (!pair.isPair())
        return;
    const Node *active = topology.node(pair.active);
    const QString text = topology.property(active->id, PropertyKey::floatingIp).toString().trimmed();
    if (text.isEmpty()) {
        m_floating = Ipv4::format(firstFree(kFloatingRangeStart));
        return;
    }
    const quint32 address = Ipv4::parse(text).value_or(0);
    m_floating = Ipv4::format(address);
    if (!kPrivateNetwork.contains(address) || address < kPrivateNetwork.firstHost() ||
        address > kPrivateNetwork.lastHost()) {
        m_problems.append(
            {{active->id},
             tr("Floating IP %1 of \"%2\" is outside the lab network").arg(text, active->name),
             tr("The floating IP is an address on the private network %1, from %2 to %3, that "
                "the balancer pair shares. Change it in the inspector, or clear it to let Topolab "
                "choose one.")
                 .arg(kPrivateNetwork.text(), Ipv4::format(kPrivateNetwork.firstHost()),
                      Ipv4::format(kPrivateNetwork.lastHost()))});
    } else if (taken.contains(address)) {
        const Node *owner = topology.node(taken.value(address).first());
        m_problems.append(
            {{active->id, owner->id},
             tr("Floating IP %1 of \"%2\" is the address of \"%3\"")
                 .arg(m_floating, active->name, owner->name),
             tr("The address the balancer pair shares must be no machine's own address, or "
                "requests for the site would reach \"%1\". Give the floating IP another "
                "address, or clear it to let Topolab choose.")
                 .arg(owner->name)});
    }
}

} // namespace topolab::core
