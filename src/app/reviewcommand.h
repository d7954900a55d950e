#pragma once

#include "headlesscommand.h"

namespace topolab::app {

// `topolab review FILE [--format text|json]`: prints the design review of a .topo.json file.
int runReviewCommand(const QStringList &arguments, Console console);

} // namespace topolab::app
