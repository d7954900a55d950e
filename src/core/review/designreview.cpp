#include "designreview.h"

#include "backendcountrule.h"
#include "balancerpairrule.h"
#include "danglinglinkrule.h"
#include "duplicatelinkrule.h"
#include "firewallopeningrule.h"
#include "firewallrule.h"
#include "firewallsyntaxrule.h"
#include "httpsrule.h"
#include "labaddressrule.h"
#include "monitoringrule.h"
#include "portconflictrule.h"
#include "replicationrule.h"
#include "singlepointoffailurerule.h"

namespace topolab::core {

DesignReview::DesignReview()
{
    m_rules.push_back(std::make_unique<PortConflictRule>());
    m_rules.push_back(std::make_unique<LabAddressRule>());
    m_rules.push_back(std::make_unique<BalancerPairRule>());
    m_rules.push_back(std::make_unique<FirewallSyntaxRule>());
    m_rules.push_back(std::make_unique<BackendCountRule>());
    m_rules.push_back(std::make_unique<ReplicationRule>());
    m_rules.push_back(std::make_unique<SinglePointOfFailureRule>());
    m_rules.push_back(std::make_unique<FirewallRule>());
    m_rules.push_back(std::make_unique<FirewallOpeningRule>());
    m_rules.push_back(std::make_unique<HttpsRule>());
    m_rules.push_back(std::make_unique<MonitoringRule>());
    m_rules.push_back(std::make_unique<DanglingLinkRule>());
    m_rules.push_back(std::make_unique<DuplicateLinkRule>());
}

DesignReview::~DesignReview() = default;
DesignReview::DesignReview(DesignReview &&) noexcept = default;
DesignReview &DesignReview::operator=(DesignReview &&) noexcept = default;

QList<Finding> DesignReview::run(const Topology &topology) const
{
    QList<Finding> findings;
    for (const auto &rule : m_rules)
        findings += rule->check(topology);
    std::stable_sort(findings.begin(), findings.end(),
                     [](const Finding &a, const Finding &b) { return a.severity > b.severity; });
    return findings;
}

int DesignReview::count(const QList<Finding> &findings, Severity severity)
{
    return static_cast<int>(
        std::count_if(findings.cbegin(), findings.cend(),
                      [&](const Finding &f) { return f.severity == severity; }));
}

} // namespace topolab::core
