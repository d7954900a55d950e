#include "livecontrol.h"

#include "core/kindcatalog.h"
#include "core/topologychange.h"
#include "core/topologydocument.h"
#include "core/topologyfile.h"
#include "core/topologyjson.h"
#include "exposurescandialog.h"
#include "gui/actionregistry.h"
#include "gui/canvas/topologyscene.h"
#include "gui/canvas/topologyview.h"
#include "gui/designeditor.h"
#include "gui/files/documentfiles.h"
#include "gui/panels/backendtablepanel.h"
#include "gui/panels/chartspanel.h"
#include "gui/panels/inspectorpanel.h"
#include "gui/panels/loadpanel.h"
#include "gui/panels/logspanel.h"
#include "gui/panels/palettepanel.h"
#include "livesession.h"
#include "livestatemodel.h"
#include "runtime/cluster/clusterhost.h"
#include "runtime/cluster/labclient.h"
#include "runtime/cluster/labsockets.h"
#include "runtime/db/designdatafolder.h"
#include "runtime/net/usernamespace.h"
#include "serverstateaction.h"

#include <QAction>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QDockWidget>
#include <QFileInfo>
#include <QInputDialog>
#include <QJsonObject>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QTimer>
#include <QUndoStack>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace topolab::gui {

LiveControl::LiveControl(QMainWindow &window, DesignEditor &editor, TopologyScene &scene,
                         DocumentFiles &files, Panels panels, ActionRegistry &actions, QMenu *menu)
    : QObject(&window)
    , m_window(window)
    , m_editor(editor)
    , m_scene(scene)
    , m_files(files)
    , m_panels(panels)
    , m_actions(actions)
{
    QAction *start =
        actions.add(u"startCluster"_s, menu, u"start"_s, tr("&Start cluster"), Qt::Key_F5);
    QAction *stop =
        actions.add(u"stopCluster"_s, menu, u"stop"_s, tr("S&top cluster"), Qt::SHIFT | Qt::Key_F5);
    start->setToolTip(tr("Run this design on this machine: MariaDB, the workers and the "
                         "balancer, on 127.0.0.1 (F5)"));
    stop->setEnabled(false);
    connect(start, &QAction::triggered, this, &LiveControl::startCluster);
    connect(stop, &QAction::triggered, this, [this] { m_session->stop(); });
    QAction *browse =
        actions.add(u"openInBrowser"_s, menu, {}, tr("Open in &browser"), Qt::CTRL | Qt::Key_B);
    browse->setToolTip(tr("Open the running balancer's address in the web browser"));
    browse->setEnabled(false);
    connect(browse, &QAction::triggered, this, &LiveControl::openInBrowser);
    QAction *attach = actions.add(u"attachLab"_s, menu, {}, tr("&Attach to a running lab…"));
    attach->setToolTip(tr("Watch and control a cluster started with topolab run FILE --hold, "
                          "in a terminal or on a script's behalf"));
    connect(attach, &QAction::triggered, this, &LiveControl::attachToLab);
    QAction *scan = actions.add(u"scanExposure"_s, menu, {}, tr("&Exposure scan…"));
    scan->setToolTip(tr("Connect from the internet host to every address and port of the lab "
                        "and list what answers: a database port that does is exposed"));
    scan->setEnabled(false);
    connect(scan, &QAction::triggered, this, &LiveControl::scanExposure);
    menu->addSeparator();
    QAction *reset = actions.add(u"resetData"_s, menu, {}, tr("&Reset data…"));
    reset->setToolTip(tr("Delete this design's databases, so that the next start begins with an "
                         "empty guestbook"));
    connect(reset, &QAction::triggered, this, &LiveControl::resetData);

    connect(&m_panels.load, &LoadPanel::startRequested, this,
            [this](const runtime::LoadOptions &options) {
                m_panels.load.setRunning(true);
                m_session->host().startLoad(options);
            });
    connect(&m_panels.load, &LoadPanel::stopRequested, this,
            [this] { m_session->host().stopLoad(); });
    connect(&m_editor.document(), &core::TopologyDocument::changed, this,
            &LiveControl::applyLiveChange);
    connect(&m_editor.document(), &core::TopologyDocument::changed, this,
            &LiveControl::previewServers);
    connect(&m_panels.servers, &BackendTablePanel::stateRequested, this,
            [this](const QString &nodeId, runtime::ServerAdminState state) {
                m_session->setServerState(nodeId, state);
            });
    // Through the editor, so the design says what runs and the change is undoable.
    connect(&m_panels.servers, &BackendTablePanel::weightRequested, this,
            [this](const QString &nodeId, int weight) {
                if (core::Outcome done =
                        m_editor.setProperty(nodeId, core::PropertyKey::weight, weight);
                    !done)
                    emit statusMessage(done.reason(), true);
            });
    // A server's state shows in the inspector's actions: refresh them when it changes.
    connect(&m_panels.live, &LiveStateModel::trafficChanged, this, [this] {
        const QStringList selected = m_scene.selectedNodeIds();
        if (selected.size() != 1)
            return;
        const LiveStateModel::Server *server = m_panels.live.serverOf(selected.first());
        if (server && server->live.admin != m_shownAdmin)
            refreshInspectorActions();
    });
    setWorkerProgram(QCoreApplication::applicationFilePath());
}

LiveControl::~LiveControl()
{
    m_session->host().disconnect(this);
    m_session->disconnect(this);
    delete m_session;
}

void LiveControl::setWorkerProgram(const QString &program, const QString &cacheRoot)
{
    if (m_session && m_session->isActive())
        return;
    m_program = program;
    m_cacheRoot = cacheRoot;
    newSession(localDriver());
}

std::unique_ptr<runtime::ClusterDriver> LiveControl::localDriver()
{
    // Asked once per session: whether the kernel allows a lab does not change while it runs.
    QString why;
    if (runtime::UserNamespace::isAvailable(&why)) {
        m_oneHostReason.clear();
        return std::make_unique<runtime::LabClient>(m_program, m_cacheRoot);
    }
    m_oneHostReason = why;
    return std::make_unique<runtime::ClusterHost>(
        runtime::ClusterController::Options{m_program, m_cacheRoot});
}

void LiveControl::newSession(std::unique_ptr<runtime::ClusterDriver> driver)
{
    if (m_session) {
        m_session->host().disconnect(this);
        m_session->disconnect(this);
    }
    delete m_session;
    m_session = new LiveSession(m_panels.live, m_scene, m_panels.charts, m_panels.logs,
                                std::move(driver), m_oneHostReason, this);
    connect(m_session, &LiveSession::activeChanged, this, &LiveControl::onSessionActive);
    connect(m_session, &LiveSession::summaryChanged, &m_panels.summary, &QLabel::setText);
    connect(m_session, &LiveSession::urlChanged, &m_panels.load, &LoadPanel::setUrl);
    connect(m_session, &LiveSession::urlChanged, this, [this](const QString &url) {
        m_actions.action(u"openInBrowser"_s)->setEnabled(!url.isEmpty());
        m_actions.action(u"scanExposure"_s)->setEnabled(!url.isEmpty());
    });
    connect(m_session, &LiveSession::exposureScanned, this,
            [this](const runtime::ExposureReport &report) {
                if (m_scanDialog)
                    m_scanDialog->showReport(report);
            });
    connect(m_session, &LiveSession::problem, this,
            [this](const QString &message) { emit statusMessage(message, true); });
    // Rebuilt only when the selected node's own state changes, not on every change anywhere:
    // a rebuild would close a menu the user has open.
    connect(&m_panels.live, &LiveStateModel::nodeChanged, m_session, [this](const QString &nodeId) {
        if (m_scene.selectedNodeIds() == QStringList{nodeId})
            refreshInspectorActions();
    });
    runtime::ClusterDriver &host = m_session->host();
    // A load this window did not start shows too: one another window started in the same lab,
    // or one that ran before this window attached.
    connect(&host, &runtime::ClusterDriver::loadProgress, this,
            [this](const runtime::LoadReport &report) {
                m_panels.load.setRunning(true);
                m_panels.load.showProgress(report, false);
            });
    connect(&host, &runtime::ClusterDriver::loadFinished, this,
            [this](const runtime::LoadReport &report) {
                m_panels.load.showProgress(report, true);
                m_panels.load.setRunning(false);
            });
}

QList<QAction *> LiveControl::liveActions(const QString &nodeId, QObject *parent)
{
    QList<QAction *> actions;
    if (!m_session->isActive() || !m_session->runsNode(nodeId))
        return actions;
    const runtime::NodeState state = m_session->state(nodeId);
    const auto add = [&](const QString &name, const QString &text, const QString &tip, bool enabled,
                         auto &&slot) {
        auto *action = new QAction(text, parent);
        action->setObjectName(name);
        action->setToolTip(tip);
        action->setEnabled(enabled);
        connect(action, &QAction::triggered, this, slot);
        actions.append(action);
    };
    const bool up = state == runtime::NodeState::Healthy || state == runtime::NodeState::Degraded;
    const core::ClusterPlan &plan = m_session->plan();
    // Only a balancer of a running pair may fail: a lone one is the site. The firewall is the
    // kernel's, no process of ours.
    const bool pairRuns =
        plan.standby && m_session->state(plan.standby->nodeId) != runtime::NodeState::Stopped;
    if ((plan.firewall && nodeId == plan.firewall->nodeId) ||
        (plan.standby && nodeId == plan.standby->nodeId && !pairRuns))
        return actions;
    if (m_session->isBalancer(nodeId)) {
        // The submenu lives as long as its action, wherever the action ends up.
        auto *holder = new QAction(tr("Balancing algorithm"), parent);
        holder->setObjectName(u"algorithm"_s);
        holder->setToolTip(tr("Switch the running balancer's algorithm; the design follows."));
        auto *parentWidget = qobject_cast<QWidget *>(parent);
        auto *menu = new QMenu(parentWidget ? parentWidget : &m_window);
        connect(holder, &QObject::destroyed, menu, &QObject::deleteLater);
        holder->setMenu(menu);
        const core::PropertySpec *spec =
            core::KindCatalog::property(core::NodeKind::LoadBalancer, core::PropertyKey::algorithm);
        for (const QString &algorithm : spec->choices()) {
            QAction *choice = menu->addAction(algorithm);
            choice->setCheckable(true);
            choice->setChecked(algorithm == m_liveAlgorithm);
            connect(choice, &QAction::triggered, this, [this, nodeId, algorithm] {
                // Through the editor, so the design says what runs and the change is undoable.
                if (core::Outcome done =
                        m_editor.setProperty(nodeId, core::PropertyKey::algorithm, algorithm);
                    !done)
                    emit statusMessage(done.reason(), true);
            });
        }
        actions.append(holder);
        if (!pairRuns)
            return actions;
    }
    add(u"kill"_s, tr("Kill"), tr("End the process at once (SIGKILL), as a crash would."), up,
        [this, nodeId] { m_session->kill(nodeId); });
    add(u"pause"_s, tr("Pause (freeze)"),
        tr("Freeze the process (SIGSTOP): it keeps its connections but answers nothing."), up,
        [this, nodeId] { m_session->pause(nodeId); });
    add(u"resume"_s, tr("Resume"), tr("Let a frozen process run again (SIGCONT)."),
        state == runtime::NodeState::Paused, [this, nodeId] { m_session->resume(nodeId); });
    add(u"restart"_s, tr("Restart"), tr("Stop the process if it runs, then start it again."), true,
        [this, nodeId] { m_session->restart(nodeId); });
    if (const LiveStateModel::Server *server = m_panels.live.serverOf(nodeId)) {
        using runtime::ServerAdminState;
        const ServerAdminState admin = server->live.admin;
        const QString web = server->nodeId;
        for (const ServerStateAction &action : ServerStateAction::all())
            add(action.id, action.text, action.tip, admin != action.state,
                [this, web, state = action.state] { m_session->setServerState(web, state); });
    }
    if (m_session->isReplica(nodeId)) {
        add(u"breakReplication"_s, tr("Break replication"),
            tr("Stop the replica copying the primary (STOP SLAVE); reads go stale."), up,
            [this] { m_session->setReplicationRunning(false); });
        add(u"restoreReplication"_s, tr("Restore replication"),
            tr("Let the replica catch up with the primary again (START SLAVE)."), up,
            [this] { m_session->setReplicationRunning(true); });
    }
    return actions;
}

void LiveControl::openInBrowser()
{
    const QString url = m_session->host().url();
    if (url.isEmpty())
        return;
    if (!QDesktopServices::openUrl(QUrl(url)))
        emit statusMessage(tr("No web browser could be started; open %1 in one yourself.").arg(url),
                           true);
}

bool LiveControl::mayReplaceDesign()
{
    if (!m_session->isActive())
        return true;
    QMessageBox::information(&m_window, tr("The cluster is running"),
                             tr("The running cluster follows the design that is open. Stop it "
                                "(Shift+F5) before opening or starting another design."));
    return false;
}

void LiveControl::startCluster()
{
    if (m_session->isActive())
        return;
    if (core::Outcome started =
            m_session->start(m_editor.document().topology(), designDataFolder());
        !started) {
        QMessageBox::warning(&m_window, tr("Cannot start the cluster"),
                             tr("%1\n\nFix the design (the Problems panel helps), then start "
                                "again.")
                                 .arg(started.reason()));
        return;
    }
    m_liveAlgorithm = core::balancingAlgorithmName(m_session->plan().balancer.algorithm);
    showLivePanels();
    emit statusMessage(tr("Starting the cluster…"), false);
}

void LiveControl::attachToLab()
{
    if (!mayReplaceDesign())
        return;
    // A lab answers at once; one that does not is busy or gone, and is not listed.
    constexpr int kHelloTimeoutMs = 1000;
    QStringList names;
    QList<std::pair<QString, QJsonObject>> labs;
    for (const QString &socket : runtime::LabSockets::listening()) {
        const std::optional<QJsonObject> hello = runtime::LabClient::hello(socket, kHelloTimeoutMs);
        if (!hello)
            continue;
        labs.append({socket, *hello});
        names.append(tr("%1 — %2 (process %3)")
                         .arg(hello->value(u"design"_s)[u"name"_s].toString(),
                              hello->value(u"file"_s).toString())
                         .arg(hello->value(u"pid"_s).toInteger()));
    }
    if (labs.isEmpty()) {
        QMessageBox::information(
            &m_window, tr("Attach to a running lab"),
            tr("No lab is running for you on this machine. Start one in a terminal with:\n\n"
               "    topolab run FILE --hold\n\nthen attach to it here."));
        return;
    }
    bool chosen = false;
    const QString name = QInputDialog::getItem(&m_window, tr("Attach to a running lab"), tr("Lab:"),
                                               names, 0, false, &chosen);
    if (!chosen)
        return;
    const auto &[socket, hello] = labs.at(names.indexOf(name));
    // The design as the lab runs it; from its file when the file still holds it, so that
    // saving goes back there.
    core::Topology running;
    if (const auto error =
            core::TopologyJson::fromJson(hello.value(u"design"_s).toObject(), &running)) {
        QMessageBox::warning(&m_window, tr("Attach to a running lab"),
                             tr("The lab's design cannot be read by this version of Topolab: "
                                "%1\n\nRun the same version for the lab and the window.")
                                 .arg(error->message()));
        return;
    }
    const QString file = hello.value(u"file"_s).toString();
    const core::TopologyFile::LoadResult onDisk = core::TopologyFile::load(file);
    const auto *saved = std::get_if<core::Topology>(&onDisk);
    const bool fileHoldsIt =
        saved && core::TopologyJson::toJson(*saved) == core::TopologyJson::toJson(running);
    if (!(fileHoldsIt ? m_files.openFile(file) : m_files.openUntitled(std::move(running))))
        return;
    auto lab = std::make_unique<runtime::LabClient>(m_program, m_cacheRoot);
    newSession(std::move(lab));
    m_attached = true;
    if (core::Outcome attached = m_session->attach(m_editor.document().topology(), socket);
        !attached) {
        QMessageBox::warning(&m_window, tr("Attach to a running lab"), attached.reason());
        return;
    }
    // Gone at once (the lab stopped meanwhile): the session said why.
    if (!m_session->isActive())
        return;
    m_liveAlgorithm = core::balancingAlgorithmName(m_session->plan().balancer.algorithm);
    showLivePanels();
    emit statusMessage(fileHoldsIt
                           ? tr("Attached to the lab of %1.").arg(file)
                           : tr("Attached to the lab of %1, which has changed since the lab "
                                "started (or is gone): this is the design as the lab runs it, "
                                "not saved anywhere yet.")
                                 .arg(file),
                       false);
}

void LiveControl::scanExposure()
{
    if (!m_scanDialog) {
        m_scanDialog = new ExposureScanDialog(&m_window);
        m_scanDialog->setObjectName(u"exposureScanDialog"_s);
        connect(m_scanDialog, &ExposureScanDialog::scanRequested, this, &LiveControl::scanExposure);
        // A stopped cluster has nothing to scan; the last report stays to be read.
        QAction *scan = m_actions.action(u"scanExposure"_s);
        connect(scan, &QAction::enabledChanged, m_scanDialog, &ExposureScanDialog::setScanAllowed);
    }
    m_scanDialog->scanning(m_session->plan().designName);
    m_scanDialog->show();
    m_scanDialog->raise();
    m_session->scanExposure();
}

void LiveControl::showLivePanels()
{
    auto *charts = m_window.findChild<QDockWidget *>(u"chartsDock"_s);
    const bool firstShow = !charts->isVisible();
    for (const QString &name : {u"logsDock"_s, u"serversDock"_s, u"chartsDock"_s, u"loadDock"_s}) {
        if (auto *dock = m_window.findChild<QDockWidget *>(name)) {
            dock->show();
            dock->raise();
        }
    }
    // The charts share the height with the canvas rather than take most of it.
    if (firstShow)
        QTimer::singleShot(0, this, [this, charts] {
            m_window.resizeDocks({charts}, {m_window.height() * 40 / 100}, Qt::Vertical);
        });
    // The charts took room from the canvas: show the whole design again.
    if (auto *view = qobject_cast<TopologyView *>(m_window.centralWidget()))
        QTimer::singleShot(0, view, &TopologyView::zoomToFit);
}

QString LiveControl::designDataFolder() const
{
    return runtime::DesignDataFolder::forDesign(m_editor.document().topology().name(),
                                                m_files.filePath());
}

void LiveControl::resetData()
{
    const QString folder = designDataFolder();
    if (!QFileInfo::exists(folder)) {
        emit statusMessage(tr("This design has no data yet: it starts empty."), false);
        return;
    }
    const auto answer = QMessageBox::question(
        &m_window, tr("Reset data"),
        tr("Delete the databases of \"%1\"? Every guestbook post in them is lost; the next start "
           "begins empty.\n\n%2")
            .arg(m_editor.document().topology().name(), folder),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    QString error;
    if (!runtime::DesignDataFolder::reset(folder, &error)) {
        QMessageBox::warning(&m_window, tr("Reset data"), error);
        return;
    }
    emit statusMessage(tr("The data of this design was deleted; the next start begins empty."),
                       false);
}

void LiveControl::onSessionActive(bool active)
{
    if (active) {
        m_chartsHoldRun = true;
        m_previewed.clear();
    } else if (!m_panels.live.failedAtStart().isEmpty()) {
        // The start failed: the Problems panel lists what did not start, and why.
        if (auto *problems = m_window.findChild<QDockWidget *>(u"problemsDock"_s))
            problems->raise();
    }
    m_actions.action(u"startCluster"_s)->setEnabled(!active);
    m_actions.action(u"attachLab"_s)->setEnabled(!active);
    if (!active && std::exchange(m_attached, false))
        // Not from inside the session's own signal: the next start runs here again.
        QTimer::singleShot(0, this, [this] {
            if (!m_session->isActive())
                newSession(localDriver());
        });
    m_actions.action(u"stopCluster"_s)->setEnabled(active);
    m_actions.action(u"resetData"_s)->setEnabled(!active);
    m_editor.setStructureLock(
        active ? tr("The cluster is running and cannot follow changes to its structure: stop it "
                    "(Shift+F5) to add, remove, link or regroup nodes.")
               : QString());
    m_panels.palette.setEnabled(!active);
    // Undo could add or remove nodes behind the running cluster's back; it waits for the stop.
    const QUndoStack &stack = *m_editor.undoStack();
    m_actions.action(u"undo"_s)->setEnabled(!active && stack.canUndo());
    m_actions.action(u"redo"_s)->setEnabled(!active && stack.canRedo());
    m_panels.history.setEnabled(!active);
    if (active) {
        m_liveProperties.clear();
        for (const core::Node &node : m_editor.document().topology().nodes())
            m_liveProperties.insert(node.id, node.properties);
    }
    m_panels.load.setRunning(false);
    if (!active)
        m_panels.summary.clear();
    refreshInspectorActions();
    emit activeChanged(active);
}

void LiveControl::previewServers(const core::TopologyChange &change)
{
    // Once a run has filled the charts they keep its data for the user to study, until the next
    // design or the next start.
    if (change.type == core::TopologyChange::Type::Reset)
        m_chartsHoldRun = false;
    if (m_chartsHoldRun || m_session->isActive() || !change.changesMeaning())
        return;
    // Before a start the charts name the design's servers, so a new user sees what they will show.
    auto planned = core::ClusterPlan::fromTopology(m_editor.document().topology());
    const auto *plan = std::get_if<core::ClusterPlan>(&planned);
    const ServerList servers = plan ? LiveStateModel::seriesOf(*plan) : ServerList();
    if (servers != m_previewed) {
        m_previewed = servers;
        m_panels.charts.setServers(servers);
    }
}

void LiveControl::applyLiveChange(const core::TopologyChange &change)
{
    if (!m_session->isActive() || change.type != core::TopologyChange::Type::NodeChanged ||
        !m_session->runsNode(change.id))
        return;
    // The card was redrawn from the design (a move, a rename): its live state goes back on.
    m_session->reapply(change.id);
    const core::Node *node = m_editor.document().topology().node(change.id);
    QVariantMap &running = m_liveProperties[change.id];
    if (node->properties == running)
        return; // a move or a rename: nothing the cluster runs on
    if (m_session->isServer(change.id) && node->properties.contains(core::PropertyKey::weight)) {
        const QVariant weight = node->properties.value(core::PropertyKey::weight);
        if (weight != running.value(core::PropertyKey::weight)) {
            running.insert(core::PropertyKey::weight, weight);
            m_session->setWeight(change.id, weight.toInt());
            emit statusMessage(
                tr("The running balancer gives %1 weight %2.").arg(node->name).arg(weight.toInt()),
                false);
            if (node->properties == running)
                return;
        }
    }
    if (m_session->isBalancer(change.id)) {
        const QString algorithm = node->properties.value(core::PropertyKey::algorithm).toString();
        if (algorithm != m_liveAlgorithm) {
            m_liveAlgorithm = algorithm;
            running.insert(core::PropertyKey::algorithm, algorithm);
            // The design only holds the names its property spec allows.
            m_session->setAlgorithm(core::balancingAlgorithmFromName(algorithm).value_or(
                core::BalancingAlgorithm::RoundRobin));
            emit statusMessage(tr("The running balancer switches to %1.").arg(algorithm), false);
            if (node->properties == running)
                return;
        }
    }
    emit statusMessage(tr("Saved in the design; the running cluster picks this change up when it "
                          "restarts (Shift+F5, then F5)."),
                       false);
}

void LiveControl::selectionChanged()
{
    refreshInspectorActions();
    // A server picked on the canvas is picked in the Servers panel too; only then, so that a
    // state change does not undo the user's pick in the table.
    const QStringList nodes = m_scene.selectedNodeIds();
    if (nodes.size() == 1) {
        if (const LiveStateModel::Server *server = m_panels.live.serverOf(nodes.first()))
            m_panels.servers.selectServer(server->nodeId);
    }
}

void LiveControl::refreshInspectorActions()
{
    const QStringList nodes = m_scene.selectedNodeIds();
    m_shownAdmin = {};
    if (nodes.size() == 1) {
        if (const LiveStateModel::Server *server = m_panels.live.serverOf(nodes.first()))
            m_shownAdmin = server->live.admin;
        m_panels.inspector.setLiveActions(liveActions(nodes.first(), &m_panels.inspector),
                                          m_session->describe(nodes.first()));
    } else {
        m_panels.inspector.setLiveActions({});
    }
}

} // namespace topolab::gui
