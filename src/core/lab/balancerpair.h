#pragma once

#include <QStringList>

namespace topolab::core {

class Topology;

// Which balancers of a design run, and how: the active one, its standby (a balancer marked
// "standby", sharing a floating IP with it through VRRP), and the rest, which this machine does
// not run. The plan, the addresses and the review all read the design through this one choice.
struct BalancerPair {
    QString active;  // node id; empty without a balancer
    QString standby; // node id; empty without a standby
    QStringList others;

    bool isPair() const { return !standby.isEmpty(); }

    // The first balancer not marked standby is the active one (the first balancer of all when
    // every one is marked), the first other one marked standby its standby.
    static BalancerPair of(const Topology &topology);
};

} // namespace topolab::core
