#pragma once

#include "core/topology.h"

#include <QDateTime>
#include <QLockFile>
#include <memory>
#include <optional>

namespace topolab::gui {

// Autosaved copies of unsaved designs, one per running window, so that a crash loses at most the
// last few seconds of work. Each window locks its own copy; a copy whose lock nobody holds was
// left by a Topolab that ended without saving, and is offered back at the next start.
class RecoveryStore final {
public:
    struct Recovered {
        core::Topology topology;
        QString sourcePath; // the file the design came from; empty for an unsaved design
        QDateTime savedAt;
        QString recoveryPath;
    };

    // `directory` defaults to the user's data folder (~/.local/share/Topolab/topolab/recovery).
    explicit RecoveryStore(QString directory = {});
    ~RecoveryStore();
    Q_DISABLE_COPY_MOVE(RecoveryStore)

    const QString &directory() const { return m_directory; }
    // Writes this window's copy atomically; on failure returns the reason.
    std::optional<QString> write(const core::Topology &topology, const QString &sourcePath);
    // Removes this window's copy: the design was saved, discarded or closed cleanly.
    void discard();

    // Copies left behind by windows that are gone, newest first. Unreadable copies are renamed to
    // *.broken and reported in `problems`, never deleted.
    QList<Recovered> orphans(QStringList *problems = nullptr) const;
    // Deletes an orphan once its design has been restored or declined.
    static void remove(const Recovered &recovered);

private:
    QString m_directory;
    QString m_path;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace topolab::gui
