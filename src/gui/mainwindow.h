#pragma once

#include "core/nodekind.h"
#include "core/topologydocument.h"

#include <QMainWindow>
#include <memory>

class QAction;
class QLabel;
class QMenu;
class QTimer;

namespace topolab::gui {

class ChartsPanel;
class DesignEditor;
class InspectorPanel;
class LiveSession;
class LoadPanel;
class LogsPanel;
class PalettePanel;
class ProblemsPanel;
class RecentFiles;
class RecoveryStore;
class TopologyScene;
class TopologyView;

// The designer window: the canvas in the centre, the palette, inspector, problems and history
// docked around it, menus and a toolbar with the standard shortcuts, and the file life cycle
// (new, open, save, recent files, unsaved-changes prompts, autosave and crash recovery).
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    const core::TopologyDocument &document() const { return m_document; }
    DesignEditor &editor() const { return *m_editor; }
    TopologyScene *scene() const { return m_scene; }
    TopologyView *view() const { return m_view; }
    const QString &filePath() const { return m_filePath; }
    bool isModified() const;
    RecoveryStore &recoveryStore() const { return *m_recovery; }
    LiveSession &session() const { return *m_session; }
    ChartsPanel *charts() const { return m_charts; }
    LoadPanel *loadPanel() const { return m_load; }
    LogsPanel *logs() const { return m_logs; }
    QAction *startClusterAction() const { return m_startCluster; }
    QAction *stopClusterAction() const { return m_stopCluster; }
    // The fault-injection and control actions for one running node (kill, pause, …), as the
    // context menu and the inspector offer them; empty when the node does not run.
    QList<QAction *> liveActions(const QString &nodeId, QObject *parent);
    // The program that runs `topolab worker` (this binary unless a test says otherwise) and the
    // cache of initialised MariaDB folders (empty: the user's cache).
    void setWorkerProgram(const QString &program, const QString &cacheRoot = {});
    void setAutosaveInterval(int milliseconds);

    // Each asks about unsaved changes first and returns false if the user cancels or the file
    // cannot be read; a file that fails to open leaves the current design untouched.
    bool openFile(const QString &path);
    bool openTemplate(const QString &name);
    bool newDesign();
    bool saveTo(const QString &path);
    // Offers the designs autosaved by Topolabs that ended without saving; true if one was restored.
    bool offerRecovery();
    // For an exit that cannot ask (SIGTERM): keeps unsaved work in the autosave for next time.
    void keepUnsavedWork();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createDocks();
    void createFileMenu();
    void createEditMenu();
    void createViewMenu();
    void createClusterMenu();
    void createToolBar();
    void createStatusBar();
    void restoreSettings();
    void saveSettings() const;

    bool maybeSave();
    bool save();
    bool saveAs();
    void chooseFile();
    void exportImage();
    void showDesign(core::Topology topology, const QString &path);
    void updateTitle();
    void updateEditActions();
    void showStatus(const QString &text, bool isError);
    void autosave();
    void rebuildRecentMenu();

    void addNodeInView(core::NodeKind kind);
    void copySelection();
    void cutSelection();
    void paste();
    void duplicateSelection();
    void deleteSelection();
    void selectAll();
    void putSelectionOnNewServer();
    void takeSelectionOffServer();
    void showContextMenu(QPoint screenPos);
    void startCluster();
    void resetData();
    // Where this design keeps its databases between runs.
    QString designDataFolder() const;
    void onSessionActive(bool active);
    void applyLiveChange(const core::TopologyChange &change);
    void refreshInspectorActions();
    // False, with the reason shown, while a cluster runs: it cannot follow another design.
    bool mayReplaceDesign();

    core::TopologyDocument m_document;
    DesignEditor *m_editor;
    TopologyScene *m_scene;
    TopologyView *m_view;
    PalettePanel *m_palette;
    InspectorPanel *m_inspector;
    ProblemsPanel *m_problems;
    RecentFiles *m_recent;
    std::unique_ptr<RecoveryStore> m_recovery;
    QTimer *m_autosaveTimer;
    QString m_filePath;
    // A restored autosave has changes no file holds, though its undo history is empty.
    bool m_unsavedRestore = false;
    bool m_autosaveDue = false;
    int m_pasteCount = 0;

    ChartsPanel *m_charts;
    LoadPanel *m_load;
    LogsPanel *m_logs;
    LiveSession *m_session = nullptr;
    QString m_workerProgram;
    QString m_liveAlgorithm;
    QHash<QString, QVariantMap> m_liveProperties; // as the running cluster was started
    QLabel *m_clusterLabel;
    QLabel *m_countLabel;
    QLabel *m_zoomLabel;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_editMenu = nullptr;
    QAction *m_cut = nullptr;
    QAction *m_copy = nullptr;
    QAction *m_paste = nullptr;
    QAction *m_duplicate = nullptr;
    QAction *m_delete = nullptr;
    QAction *m_group = nullptr;
    QAction *m_ungroup = nullptr;
    QAction *m_undo = nullptr;
    QAction *m_redo = nullptr;
    QAction *m_startCluster = nullptr;
    QAction *m_stopCluster = nullptr;
    QAction *m_resetData = nullptr;
};

} // namespace topolab::gui
