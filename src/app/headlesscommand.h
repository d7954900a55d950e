#pragma once

#include <QStringList>
#include <QTextStream>
#include <optional>

class QCommandLineParser;

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

// Adds --help to `parser` and parses the arguments of `topolab COMMAND`. Returns the exit code
// when the command is already done (help printed, or a usage error reported), nothing when the
// command should go on.
std::optional<int> parseCommandLine(QCommandLineParser &parser, const QStringList &arguments,
                                    const QString &command, Console console);

} // namespace topolab::app
