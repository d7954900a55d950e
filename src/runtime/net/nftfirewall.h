#pragma once

#include "core/clusterplan.h"

#include <QCoreApplication>
#include <QString>

namespace topolab::runtime {

class LabNetwork;

// The firewall of the lab, enforced by nftables in the firewall's host: the ruleset is generated
// from the firewall node's allowed ports and rules, checked by `nft -c`, applied, and its drop
// counters read back. Packets the firewall drops are counted per rule (named counters).
class NftFirewall final {
    Q_DECLARE_TR_FUNCTIONS(NftFirewall)

public:
    NftFirewall(const core::ClusterPlan &plan, const LabNetwork &lab);

    // The nftables ruleset, as `nft -f` reads it.
    QString ruleset() const;
    // Checks and loads the ruleset in the firewall's host; false with nft's own words.
    bool apply(QString *error) const;
    // Packets dropped so far; -1 when the counters cannot be read.
    qint64 droppedPackets() const;

    // Why the firewall cannot run here, or "" when nft is installed.
    static QString missingTool();

private:
    QString addressesOf(core::FirewallRuleList::Place place) const;
    QString match(const core::FirewallRuleList::Endpoint &endpoint, const char *direction) const;

    const core::ClusterPlan &m_plan;
    const LabNetwork &m_lab;
};

} // namespace topolab::runtime
