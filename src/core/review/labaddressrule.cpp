#include "labaddressrule.h"

#include "core/lab/labaddresses.h"

namespace topolab::core {

QList<Finding> LabAddressRule::check(const Topology &topology) const
{
    QList<Finding> findings;
    const LabAddresses addresses(topology);
    for (const LabAddresses::Problem &problem : addresses.problems())
        findings.append({id(), Severity::Error, problem.nodeIds, problem.title,
                         problem.explanation, LabAddresses::tr("Fix the address in the inspector.")});
    return findings;
}

} // namespace topolab::core
