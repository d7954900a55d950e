#pragma once

#include "headlesscommand.h"

namespace topolab::app {

// `topolab run FILE [--requests N | --duration S] [--rate R] [--concurrency C] [--mix S:R:W]
// [--json] [--hold]`: runs the design on this machine, drives load through the balancer, prints
// how it was spread and served, and stops everything.
// `command` names it in messages: `topolab scan` is such a run too.
int runRunCommand(const QStringList &arguments, Console console,
                  const QString &command = QStringLiteral("run"));

} // namespace topolab::app
