#include "labentry.h"

#include "runtime/net/portforward.h"
#include "runfolders.h"
#include "runtime/net/usernamespace.h"

#include <unistd.h>

namespace topolab::runtime {

LabEntry::LabEntry(LabEntry &&other) noexcept
    : m_network(std::move(other.m_network))
    , m_forward(std::exchange(other.m_forward, -1))
    , m_oneHostReason(std::move(other.m_oneHostReason))
{
}

LabEntry::~LabEntry()
{
    if (m_forward >= 0)
        ::close(m_forward);
}

std::optional<LabEntry> LabEntry::open(const core::ClusterPlan &plan, QString *error)
{
    LabEntry entry;
    if (!UserNamespace::isAvailable(&entry.m_oneHostReason))
        return entry;
    // Forked now, while it is safe to: a lab killed outright leaves no folder behind.
    RunFolders::removeWhenThisProcessEnds();
    // Made before the namespaces, so that it stays on the user's own network.
    entry.m_forward =
        PortForward::openListener(static_cast<quint16>(plan.balancer.port), error);
    if (entry.m_forward < 0)
        return std::nullopt;
    if (!UserNamespace::enter(&entry.m_oneHostReason)) {
        ::close(std::exchange(entry.m_forward, -1));
        return entry;
    }
    entry.m_network = LabNetwork::build(plan, error);
    if (!entry.m_network) {
        *error = tr("the lab's hosts could not be built: %1").arg(*error);
        return std::nullopt;
    }
    entry.m_oneHostReason.clear();
    return entry;
}

} // namespace topolab::runtime
