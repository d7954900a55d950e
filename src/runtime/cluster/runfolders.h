#pragma once

#include <QString>

namespace topolab::runtime {

// The run folders of clusters, /tmp/topolab-run-XXXXXX, each with the pid of the Topolab that
// made it in owner.pid. A Topolab killed outright cannot remove its own.
class RunFolders final {
public:
    // Removes the folders whose owner no longer runs.
    static void removeAbandoned();
    // Leaves behind a small process that removes this process's folders once it has ended, however
    // it ends (SIGKILL included). Call it while the process has one thread.
    static void removeWhenThisProcessEnds();

private:
    static void removeOwnedBy(qint64 pid);
};

} // namespace topolab::runtime
