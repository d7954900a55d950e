#pragma once

#include "headlesscommand.h"

namespace topolab::app {

// `topolab run FILE [--requests N | --duration S] [--rate R] [--concurrency C] [--mix S:R:W]
// [--json] [--hold]`: runs the design on this machine, drives load through the balancer, prints
// how it was spread and served, and stops everything.
int runRunCommand(const QStringList &arguments, Console console);

} // namespace topolab::app
