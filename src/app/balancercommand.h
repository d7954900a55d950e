#pragma once

#include "headlesscommand.h"

namespace topolab::app {

// `topolab balancer --port P --backend NAME=HOST:PORT … [--algorithm A]`: the embedded load
// balancer on its own, in front of any HTTP servers, until Ctrl-C (for benchmarks and experiments).
int runBalancerCommand(const QStringList &arguments, Console console);

} // namespace topolab::app
