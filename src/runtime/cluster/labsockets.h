#pragma once

#include <QString>
#include <QStringList>

namespace topolab::runtime {

// Where lab processes listen for windows (LabServer, LabClient): one Unix socket per lab in a
// folder only this user can open, $XDG_RUNTIME_DIR/topolab or else /tmp/topolab-UID. Read it
// before entering a user namespace: in there the user is root, and /tmp/topolab-0 is not theirs.
class LabSockets final {
public:
    // Made (mode 0700) when missing; empty, with the reason, when it cannot be.
    static QString folder(QString *error);
    // The socket of a `topolab run --hold` with this process id.
    static QString pathFor(qint64 pid, QString *error);
    // A socket path for a lab a window starts, not used by any other.
    static QString newPath(QString *error);
    // The sockets in the folder that accept a connection now; the others (their lab was killed
    // outright) are removed.
    static QStringList listening();
    // Makes `path` free for a lab to listen at: nothing there, or a socket no lab answers on
    // any more (removed). False, with the reason, when a lab answers there or something that is
    // not a socket is there — which is never removed.
    static bool makeRoomAt(const QString &path, QString *error);
};

} // namespace topolab::runtime
