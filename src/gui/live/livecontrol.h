#pragma once

#include "gui/charts/serverseries.h"
#include "runtime/balancer/serveradminstate.h"
#include "runtime/cluster/clusterdriver.h"

#include <QHash>
#include <QObject>
#include <QVariantMap>
#include <memory>

class QAction;
class QLabel;
class QMainWindow;
class QMenu;
class QWidget;

namespace topolab::core {
struct TopologyChange;
}

namespace topolab::gui {

class ActionRegistry;
class BackendTablePanel;
class ChartsPanel;
class DesignEditor;
class DocumentFiles;
class ExposureScanDialog;
class InspectorPanel;
class LiveSession;
class LiveStateModel;
class LoadPanel;
class LogsPanel;
class PalettePanel;
class TopologyScene;

// What the window does with a running cluster: starting and stopping it (the Cluster menu),
// showing the live panels and the status bar's summary, the fault and control actions of each
// running node (kill, pause, the balancer's algorithm, …), locking the design's structure while
// it runs, and handing the design's live edits (a new algorithm) to the cluster.
class LiveControl final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveControl)

public:
    // The window's parts a cluster shows itself in, or locks while it runs.
    struct Panels {
        LiveStateModel &live;
        ChartsPanel &charts;
        BackendTablePanel &servers;
        LogsPanel &logs;
        LoadPanel &load;
        InspectorPanel &inspector;
        PalettePanel &palette;
        QWidget &history;
        QLabel &summary;
    };

    // Adds the Cluster menu's actions to `menu` and `actions`.
    LiveControl(QMainWindow &window, DesignEditor &editor, TopologyScene &scene,
                DocumentFiles &files, Panels panels, ActionRegistry &actions, QMenu *menu);
    // Stops a running cluster and waits until every process of it has ended.
    ~LiveControl() override;

    LiveSession &session() const { return *m_session; }
    // The program that runs `topolab worker` (this binary unless a test says otherwise) and the
    // cache of initialised MariaDB folders (empty: the user's cache).
    void setWorkerProgram(const QString &program, const QString &cacheRoot = {});
    // The fault-injection and control actions for one running node (kill, pause, …), as the
    // context menu and the inspector offer them; empty when the node does not run.
    QList<QAction *> liveActions(const QString &nodeId, QObject *parent);
    // False, with the reason shown, while a cluster runs: it cannot follow another design.
    bool mayReplaceDesign();
    // The selection changed: the inspector offers the selected node's live actions, and the
    // Servers panel picks the selected server.
    void selectionChanged();
    void refreshInspectorActions();

signals:
    void statusMessage(const QString &text, bool isError);
    // A cluster started or stopped: what may be edited changed.
    void activeChanged(bool active);

private:
    void startCluster();
    // Cluster › Attach: picks a running lab, opens its design and follows it.
    void attachToLab();
    // Cluster › Exposure scan: shows what the internet host reaches of the running lab.
    void scanExposure();
    void openInBrowser();
    void resetData();
    // Where this design keeps its databases between runs.
    QString designDataFolder() const;
    void onSessionActive(bool active);
    void applyLiveChange(const core::TopologyChange &change);
    void previewServers(const core::TopologyChange &change);
    void showLivePanels();
    // In a lab process when the system allows one, else in this process on one host (and
    // m_oneHostReason says why).
    std::unique_ptr<runtime::ClusterDriver> localDriver();
    void newSession(std::unique_ptr<runtime::ClusterDriver> driver);

    QMainWindow &m_window;
    DesignEditor &m_editor;
    TopologyScene &m_scene;
    DocumentFiles &m_files;
    Panels m_panels;
    ActionRegistry &m_actions;
    LiveSession *m_session = nullptr;
    ExposureScanDialog *m_scanDialog = nullptr; // the window's, made on first use
    QString m_program;
    QString m_cacheRoot;
    QString m_oneHostReason;
    // The session follows a lab it did not start; at its end the next start is local again.
    bool m_attached = false;
    QString m_liveAlgorithm;
    // The charts show a run's data (not the design's servers ahead of a start).
    bool m_chartsHoldRun = false;
    ServerList m_previewed;
    // The operator state of the server whose actions the inspector shows.
    std::optional<runtime::ServerAdminState> m_shownAdmin;
    QHash<QString, QVariantMap> m_liveProperties; // as the running cluster was started
};

} // namespace topolab::gui
