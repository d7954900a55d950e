#pragma once

#include "headlesscommand.h"

namespace topolab::app {

// `topolab template NAME` writes a built-in design to stdout; `--list` names them.
int runTemplateCommand(const QStringList &arguments, Console console);

} // namespace topolab::app
