#pragma once

#include "headlesscommand.h"

namespace topolab::app {

// True when the arguments ask for a headless command (or help/version), which must run without a
// display; false when they ask for the designer window.
bool isHeadlessInvocation(const QStringList &arguments);

// Dispatches `topolab COMMAND …` to its command. `arguments` includes the program name.
int runHeadless(const QStringList &arguments, Console console);

} // namespace topolab::app
