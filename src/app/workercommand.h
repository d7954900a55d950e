#pragma once

#include "headlesscommand.h"

namespace topolab::app {

// `topolab worker --name NAME --port PORT --root DIR [--primary HOST:PORT] [--replica HOST:PORT]
// [--database NAME] [--user USER]`: one web/app server process of a running cluster. It dies with
// its parent, so no worker outlives the Topolab that started it.
int runWorkerCommand(const QStringList &arguments, Console console);

} // namespace topolab::app
