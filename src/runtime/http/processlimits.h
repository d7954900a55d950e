#pragma once

namespace topolab::runtime::ProcessLimits {

// The soft limit on open file descriptors, raised to the hard limit: a balancer needs two per
// client it proxies, and the default soft limit (1024) is far below what the kernel allows.
// Returns the limit in force afterwards.
int raiseDescriptorLimit();
int descriptorLimit();
// The accept queue a listening socket gets: the kernel's own maximum (net.core.somaxconn), so a
// burst of connections waits in the kernel rather than being refused or retried.
int listenBacklog();

} // namespace topolab::runtime::ProcessLimits
