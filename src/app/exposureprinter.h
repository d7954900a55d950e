#pragma once

#include "headlesscommand.h"
#include "runtime/net/exposurereport.h"

namespace topolab::app {

// What `topolab scan` and a held run's `scan` print of an exposure scan of `design`: every port
// of the lab the internet host reached, the counts of the others and the verdict; or the report
// as JSON (on one line when `oneLine`, as a held run's commands answer), with the error, also on
// standard error, when there was nothing to scan. Returns the exit status: 0, or 2 for that.
int printExposure(const runtime::ExposureReport &report, const QString &design, bool json,
                  bool oneLine, Console console);

} // namespace topolab::app
