#pragma once

#include "core/topology.h"

#include <QObject>
#include <functional>
#include <memory>

class QMenu;
class QTimer;
class QUndoStack;
class QWidget;

namespace topolab::core {
class TopologyDocument;
}

namespace topolab::gui {

class RecentFiles;
class RecoveryStore;
class TopologyScene;

// The open design's file life cycle: new, open, save, recent files, the unsaved-changes prompt,
// autosave and crash recovery, and exporting the drawing. Dialogs open over `window`.
class DocumentFiles final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DocumentFiles)

public:
    DocumentFiles(core::TopologyDocument &document, QUndoStack &undoStack, TopologyScene &scene,
                  QWidget &window);
    ~DocumentFiles() override;

    const QString &filePath() const { return m_filePath; }
    // Changes no file holds: undoable edits, or a restored autosave.
    bool isModified() const;
    RecoveryStore &recoveryStore() const { return *m_recovery; }
    // Asked before another design replaces this one; false keeps it.
    void setReplaceGuard(std::function<bool()> mayReplace) { m_mayReplace = std::move(mayReplace); }
    void setAutosaveInterval(int milliseconds);
    // Fills `menu` with the recent files, and keeps it up to date.
    void followRecentFiles(QMenu *menu);

    // Each asks about unsaved changes first and returns false if the user cancels or the file
    // cannot be read; a file that fails to open leaves the current design untouched.
    bool openFile(const QString &path);
    bool openTemplate(const QString &name);
    // `topology` as a new design of no file yet, as a template opens (a running lab's, say).
    bool openUntitled(core::Topology topology);
    bool newDesign();
    bool save();
    bool saveAs();
    bool saveTo(const QString &path);
    void chooseFile();
    void exportImage();
    // Offers the designs autosaved by Topolabs that ended without saving; true if one was restored.
    bool offerRecovery();
    // What a new window shows: work lost in a crash first; otherwise the file asked for (if any)
    // over the built-in template, so that a first start shows a whole design, and an error
    // about the file is shown over one.
    void openAtStart(const QString &requested);
    // For an exit that cannot ask (SIGTERM): keeps unsaved work in the autosave for next time.
    void keepUnsavedWork();
    // For closing the window: false if the user keeps it open to save.
    bool mayClose();

signals:
    // The file's name or its modified state changed.
    void titleChanged();
    void statusMessage(const QString &text, bool isError);
    // Another design is open.
    void designShown();

private:
    bool maybeSave();
    bool mayReplace() const { return !m_mayReplace || m_mayReplace(); }
    void showDesign(core::Topology topology, const QString &path);
    void autosave();
    void rebuildRecentMenu();

    core::TopologyDocument &m_document;
    QUndoStack &m_undoStack;
    TopologyScene &m_scene;
    QWidget &m_window;
    RecentFiles *m_recent;
    std::unique_ptr<RecoveryStore> m_recovery;
    QTimer *m_autosaveTimer;
    QMenu *m_recentMenu = nullptr;
    std::function<bool()> m_mayReplace;
    QString m_filePath;
    // A restored autosave has changes no file holds, though its undo history is empty.
    bool m_unsavedRestore = false;
    bool m_autosaveDue = false;
};

} // namespace topolab::gui
