#pragma once

#include <QStringList>
#include <QTextStream>

namespace topolab::app {

// Exit codes shared by every headless command, documented in `topolab --help`.
enum ExitCode : int {
    ExitOk = 0,
    ExitFindings = 1, // review: the design has errors
    ExitFailure = 2,  // bad usage, unreadable file, unknown template
};

// The streams a headless command writes to; tests and main() supply them.
struct Console {
    QTextStream &out;
    QTextStream &err;
};

} // namespace topolab::app
