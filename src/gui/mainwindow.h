#pragma once

#include "core/nodekind.h"
#include "core/review/documentreview.h"
#include "core/topologydocument.h"
#include "files/documentfiles.h"
#include "live/livecontrol.h"

#include <QMainWindow>

class QAction;
class QLabel;
class QUndoView;

namespace topolab::gui {

class ActionRegistry;
class BackendTablePanel;
class ChartsPanel;
class DesignEditor;
class EditActions;
class InspectorPanel;
class LiveStateModel;
class LoadPanel;
class LogsPanel;
class PalettePanel;
class ProblemsPanel;
class TopologyScene;
class TopologyView;

// The designer window: the canvas in the centre, the palette, inspector, problems, history and
// live panels docked around it, the menus, the toolbar and the status bar. The work behind them
// has its own classes: DocumentFiles (the file life cycle), EditActions (the selection and the
// clipboard), LiveControl (the running cluster); actions are found by id in ActionRegistry.
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
    ActionRegistry &actions() const { return *m_actions; }
    DocumentFiles &files() const { return *m_files; }
    LiveControl &live() const { return *m_live; }
    const QString &filePath() const { return m_files->filePath(); }
    bool isModified() const { return m_files->isModified(); }
    RecoveryStore &recoveryStore() const { return m_files->recoveryStore(); }
    LiveSession &session() const { return m_live->session(); }
    ChartsPanel *charts() const { return m_charts; }
    LoadPanel *loadPanel() const { return m_load; }
    LogsPanel *logs() const { return m_logs; }
    BackendTablePanel *servers() const { return m_servers; }
    QAction *startClusterAction() const;
    QAction *stopClusterAction() const;
    QList<QAction *> liveActions(const QString &nodeId, QObject *parent)
    {
        return m_live->liveActions(nodeId, parent);
    }
    void setWorkerProgram(const QString &program, const QString &cacheRoot = {})
    {
        m_live->setWorkerProgram(program, cacheRoot);
    }
    void setAutosaveInterval(int milliseconds) { m_files->setAutosaveInterval(milliseconds); }

    bool openFile(const QString &path) { return m_files->openFile(path); }
    bool openTemplate(const QString &name) { return m_files->openTemplate(name); }
    bool newDesign() { return m_files->newDesign(); }
    bool saveTo(const QString &path) { return m_files->saveTo(path); }
    bool offerRecovery() { return m_files->offerRecovery(); }
    void keepUnsavedWork() { m_files->keepUnsavedWork(); }

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

    void updateTitle();
    void selectionChanged();
    void showStatus(const QString &text, bool isError);
    void addNodeInView(core::NodeKind kind);
    void showContextMenu(QPoint screenPos);

    core::TopologyDocument m_document;
    core::DocumentReview m_review{m_document};
    DesignEditor *m_editor;
    TopologyScene *m_scene;
    TopologyView *m_view;
    // Before the panels that observe it, and outliving every cluster session.
    LiveStateModel *m_liveState;
    PalettePanel *m_palette;
    InspectorPanel *m_inspector;
    ProblemsPanel *m_problems;
    ChartsPanel *m_charts;
    LoadPanel *m_load;
    LogsPanel *m_logs;
    BackendTablePanel *m_servers;
    QUndoView *m_history;
    ActionRegistry *m_actions;
    DocumentFiles *m_files;
    EditActions *m_edit = nullptr;
    LiveControl *m_live = nullptr;
    QLabel *m_clusterLabel;
    QLabel *m_countLabel;
    QLabel *m_zoomLabel;
};

} // namespace topolab::gui
