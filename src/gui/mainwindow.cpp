#include "mainwindow.h"

#include "aboutdialog.h"
#include "canvas/nodeitem.h"
#include "canvas/topologyscene.h"
#include "canvas/topologyview.h"
#include "charts/chartstyle.h"
#include "core/kindcatalog.h"
#include "core/templates.h"
#include "core/topologyfile.h"
#include "core/topologyfragment.h"
#include "designeditor.h"
#include "files/recentfiles.h"
#include "files/recoverystore.h"
#include "files/sceneexporter.h"
#include "live/livesession.h"
#include "panels/chartspanel.h"
#include "panels/inspectorpanel.h"
#include "panels/loadpanel.h"
#include "panels/logspanel.h"
#include "panels/palettepanel.h"
#include "panels/problemspanel.h"
#include "runtime/db/designdatafolder.h"
#include "style/apptheme.h"
#include "style/kindstyle.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QUndoView>

using namespace Qt::StringLiterals;
using namespace topolab::core;

namespace topolab::gui {

namespace {

const QString kFragmentMime = u"application/x-topolab-design+json"_s;
const char kFileFilter[] =
    QT_TRANSLATE_NOOP("topolab::gui::MainWindow", "Topolab designs (*.topo.json)");
constexpr int kDefaultAutosaveMs = 15'000;

QAction *addMenuAction(QMenu *menu, const QString &icon, const QString &text,
                       const QKeySequence &shortcut = {})
{
    QAction *action = menu->addAction(text);
    if (!icon.isEmpty())
        action->setIcon(actionIcon(icon));
    if (!shortcut.isEmpty())
        action->setShortcut(shortcut);
    return action;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_editor(new DesignEditor(m_document, this))
    , m_scene(new TopologyScene(*m_editor, this))
    , m_view(new TopologyView(m_scene, *m_editor, this))
    , m_palette(new PalettePanel(this))
    , m_inspector(new InspectorPanel(*m_editor, this))
    , m_problems(new ProblemsPanel(m_document, this))
    , m_recent(new RecentFiles(this))
    , m_recovery(std::make_unique<RecoveryStore>())
    , m_autosaveTimer(new QTimer(this))
    , m_charts(new ChartsPanel(this))
    , m_load(new LoadPanel(this))
    , m_logs(new LogsPanel(this))
    , m_workerProgram(QCoreApplication::applicationFilePath())
    , m_clusterLabel(new QLabel(this))
    , m_countLabel(new QLabel(this))
    , m_zoomLabel(new QLabel(this))
{
    setCentralWidget(m_view);
    setWorkerProgram(m_workerProgram);
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);
    createDocks();
    createFileMenu();
    createEditMenu();
    createViewMenu();
    createClusterMenu();
    createToolBar();
    createStatusBar();

    connect(m_problems, &ProblemsPanel::findingsChanged, m_scene, &TopologyScene::showFindings);
    connect(m_problems, &ProblemsPanel::nodesActivated, m_scene, &TopologyScene::selectNodes);
    connect(m_scene, &TopologyScene::selectionChanged, this, &MainWindow::updateEditActions);
    connect(m_scene, &TopologyScene::statusMessage, this, &MainWindow::showStatus);
    connect(m_scene, &TopologyScene::contextMenuRequested, this, &MainWindow::showContextMenu);
    connect(m_scene, &TopologyScene::nodeDoubleClicked, this, [this] {
        m_inspector->parentWidget()->show();
        m_inspector->focusName();
    });
    connect(m_view, &TopologyView::statusMessage, this, &MainWindow::showStatus);
    connect(m_inspector, &InspectorPanel::statusMessage, this, &MainWindow::showStatus);
    connect(m_palette, &PalettePanel::addRequested, this, &MainWindow::addNodeInView);
    connect(m_load, &LoadPanel::startRequested, this, [this](const runtime::LoadOptions &options) {
        m_load->setRunning(true);
        m_session->host().startLoad(options);
    });
    connect(m_load, &LoadPanel::stopRequested, this, [this] { m_session->host().stopLoad(); });
    connect(m_editor->undoStack(), &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
    connect(&m_document, &TopologyDocument::changed, this, [this](const TopologyChange &change) {
        m_autosaveDue = true;
        updateTitle();
        applyLiveChange(change);
    });
    connect(QApplication::clipboard(), &QClipboard::dataChanged, this,
            &MainWindow::updateEditActions);
    m_scene->showFindings(m_problems->findings());

    m_autosaveTimer->setInterval(kDefaultAutosaveMs);
    connect(m_autosaveTimer, &QTimer::timeout, this, &MainWindow::autosave);
    m_autosaveTimer->start();

    restoreSettings();
    updateTitle();
    updateEditActions();
    showStatus(tr("Ready. Drag a component from the palette onto the canvas."), false);
}

MainWindow::~MainWindow()
{
    // The document is a member, so it dies before QObject deletes the children that refer to it;
    // delete them first, and let none of them call back into this half-destroyed window.
    // The running cluster goes first, and waits until every process of it has ended.
    m_session->host().disconnect(this);
    m_session->disconnect(this);
    delete m_session;
    for (QObject *sender : std::initializer_list<QObject *>{m_editor->undoStack(), &m_document,
                                                            m_scene, m_view, m_inspector, m_palette,
                                                            m_problems, QApplication::clipboard()})
        sender->disconnect(this);
    qDeleteAll(findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly));
    delete m_view;
    delete m_scene;
    delete m_editor;
}

void MainWindow::createDocks()
{
    const auto dock = [this](QWidget *panel, const QString &title, const QString &name,
                             Qt::DockWidgetArea area) {
        auto *widget = new QDockWidget(title, this);
        widget->setObjectName(name);
        widget->setWidget(panel);
        addDockWidget(area, widget);
        return widget;
    };
    dock(m_palette, tr("Components"), u"paletteDock"_s, Qt::LeftDockWidgetArea);
    QDockWidget *inspector =
        dock(m_inspector, tr("Inspector"), u"inspectorDock"_s, Qt::RightDockWidgetArea);
    QDockWidget *problems =
        dock(m_problems, tr("Problems"), u"problemsDock"_s, Qt::RightDockWidgetArea);
    auto *historyView = new QUndoView(m_editor->undoStack());
    historyView->setEmptyLabel(tr("Design opened"));
    historyView->setObjectName(u"historyView"_s);
    QDockWidget *history =
        dock(historyView, tr("History"), u"historyDock"_s, Qt::RightDockWidgetArea);
    splitDockWidget(inspector, problems, Qt::Vertical);
    tabifyDockWidget(problems, history);
    problems->raise();

    // The live panels sit under the canvas only, between the side docks, and appear when a
    // cluster starts.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    QDockWidget *charts = dock(m_charts, tr("Charts"), u"chartsDock"_s, Qt::BottomDockWidgetArea);
    QDockWidget *logs = dock(m_logs, tr("Logs"), u"logsDock"_s, Qt::BottomDockWidgetArea);
    tabifyDockWidget(charts, logs);
    charts->raise();
    QDockWidget *load = dock(m_load, tr("Load"), u"loadDock"_s, Qt::RightDockWidgetArea);
    tabifyDockWidget(history, load);
    problems->raise();
    for (QDockWidget *live : {charts, logs, load})
        live->hide();
}

void MainWindow::setWorkerProgram(const QString &program, const QString &cacheRoot)
{
    if (m_session && m_session->isActive())
        return;
    m_workerProgram = program;
    delete m_session;
    m_session = new LiveSession(*m_scene, *m_charts, *m_logs, {program, cacheRoot}, this);
    connect(m_session, &LiveSession::activeChanged, this, &MainWindow::onSessionActive);
    connect(m_session, &LiveSession::summaryChanged, m_clusterLabel, &QLabel::setText);
    connect(m_session, &LiveSession::urlChanged, m_load, &LoadPanel::setUrl);
    connect(m_session, &LiveSession::problem, this,
            [this](const QString &message) { showStatus(message, true); });
    // Rebuilt only when the selected node's own state changes, not on every change anywhere:
    // a rebuild would close a menu the user has open.
    connect(m_session, &LiveSession::nodeStateChanged, this, [this](const QString &nodeId) {
        if (m_scene->selectedNodeIds() == QStringList{nodeId})
            refreshInspectorActions();
    });
    runtime::ClusterHost &host = m_session->host();
    connect(&host, &runtime::ClusterHost::loadProgress, this,
            [this](const runtime::LoadReport &report) { m_load->showProgress(report, false); });
    connect(&host, &runtime::ClusterHost::loadFinished, this,
            [this](const runtime::LoadReport &report) {
                m_load->showProgress(report, true);
                m_load->setRunning(false);
            });
}

void MainWindow::createFileMenu()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    connect(addMenuAction(file, u"new"_s, tr("&New design"), QKeySequence::New),
            &QAction::triggered, this, &MainWindow::newDesign);
    QMenu *templates = file->addMenu(tr("New from &template"));
    for (const QString &name : Templates::names()) {
        QAction *entry = templates->addAction(Templates::description(name));
        connect(entry, &QAction::triggered, this, [this, name] { openTemplate(name); });
    }
    connect(addMenuAction(file, u"open"_s, tr("&Open…"), QKeySequence::Open), &QAction::triggered,
            this, &MainWindow::chooseFile);
    m_recentMenu = file->addMenu(tr("Open &recent"));
    connect(m_recent, &RecentFiles::changed, this, &MainWindow::rebuildRecentMenu);
    rebuildRecentMenu();
    file->addSeparator();
    connect(addMenuAction(file, u"save"_s, tr("&Save"), QKeySequence::Save), &QAction::triggered,
            this, &MainWindow::save);
    connect(addMenuAction(file, {}, tr("Save &as…"), QKeySequence::SaveAs), &QAction::triggered,
            this, &MainWindow::saveAs);
    connect(addMenuAction(file, u"export"_s, tr("&Export image…"), Qt::CTRL | Qt::Key_E),
            &QAction::triggered, this, &MainWindow::exportImage);
    file->addSeparator();
    QAction *quit = addMenuAction(file, {}, tr("&Quit"), QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);
}

void MainWindow::createEditMenu()
{
    m_editMenu = menuBar()->addMenu(tr("&Edit"));
    m_undo = m_editor->undoStack()->createUndoAction(this, tr("&Undo"));
    // The stack enables its actions by itself; while a cluster runs they stay off.
    connect(m_editor->undoStack(), &QUndoStack::canUndoChanged, this, [this] {
        if (m_session && m_session->isActive())
            m_undo->setEnabled(false);
    });
    connect(m_editor->undoStack(), &QUndoStack::canRedoChanged, this, [this] {
        if (m_session && m_session->isActive())
            m_redo->setEnabled(false);
    });
    m_undo->setShortcut(QKeySequence::Undo);
    m_undo->setObjectName(u"undoAction"_s);
    m_undo->setIcon(actionIcon(u"undo"_s));
    m_redo = m_editor->undoStack()->createRedoAction(this, tr("&Redo"));
    m_redo->setShortcut(QKeySequence::Redo);
    m_redo->setIcon(actionIcon(u"redo"_s));
    m_editMenu->addActions({m_undo, m_redo});
    m_editMenu->addSeparator();
    m_cut = addMenuAction(m_editMenu, u"cut"_s, tr("Cu&t"), QKeySequence::Cut);
    m_copy = addMenuAction(m_editMenu, u"copy"_s, tr("&Copy"), QKeySequence::Copy);
    m_paste = addMenuAction(m_editMenu, u"paste"_s, tr("&Paste"), QKeySequence::Paste);
    m_duplicate = addMenuAction(m_editMenu, {}, tr("D&uplicate"), Qt::CTRL | Qt::Key_D);
    m_delete = addMenuAction(m_editMenu, u"delete"_s, tr("&Delete"), QKeySequence::Delete);
    m_delete->setShortcuts({QKeySequence::Delete, Qt::Key_Backspace});
    QAction *all =
        addMenuAction(m_editMenu, u"select-all"_s, tr("Select &all"), QKeySequence::SelectAll);
    m_editMenu->addSeparator();
    m_group =
        addMenuAction(m_editMenu, u"group"_s, tr("Put on a &new server"), Qt::CTRL | Qt::Key_G);
    m_ungroup =
        addMenuAction(m_editMenu, {}, tr("Take &off the server"), Qt::CTRL | Qt::SHIFT | Qt::Key_G);
    QAction *arrange =
        addMenuAction(m_editMenu, u"arrange"_s, tr("Arrange &automatically"), Qt::CTRL | Qt::Key_L);
    connect(m_cut, &QAction::triggered, this, &MainWindow::cutSelection);
    connect(m_copy, &QAction::triggered, this, &MainWindow::copySelection);
    connect(m_paste, &QAction::triggered, this, &MainWindow::paste);
    connect(m_duplicate, &QAction::triggered, this, &MainWindow::duplicateSelection);
    connect(m_delete, &QAction::triggered, this, &MainWindow::deleteSelection);
    connect(all, &QAction::triggered, this, &MainWindow::selectAll);
    connect(m_group, &QAction::triggered, this, &MainWindow::putSelectionOnNewServer);
    connect(m_ungroup, &QAction::triggered, this, &MainWindow::takeSelectionOffServer);
    connect(arrange, &QAction::triggered, this, [this] {
        if (Outcome done = m_editor->arrange(); !done)
            showStatus(done.reason(), true);
        else
            QTimer::singleShot(0, m_view, &TopologyView::zoomToFit);
    });
    // Shortcuts of the canvas must not fire while the user types in a panel's field.
    for (QAction *action : {m_cut, m_copy, m_paste, m_duplicate, m_delete, all}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_view->addAction(action);
    }
}

void MainWindow::createViewMenu()
{
    QMenu *view = menuBar()->addMenu(tr("&View"));
    connect(addMenuAction(view, u"zoom-in"_s, tr("Zoom &in"), QKeySequence::ZoomIn),
            &QAction::triggered, m_view, &TopologyView::zoomIn);
    connect(addMenuAction(view, u"zoom-out"_s, tr("Zoom &out"), QKeySequence::ZoomOut),
            &QAction::triggered, m_view, &TopologyView::zoomOut);
    connect(addMenuAction(view, {}, tr("&Actual size"), Qt::CTRL | Qt::Key_1), &QAction::triggered,
            m_view, &TopologyView::zoomToActualSize);
    connect(addMenuAction(view, u"zoom-fit"_s, tr("Zoom to &fit"), Qt::CTRL | Qt::Key_0),
            &QAction::triggered, m_view, &TopologyView::zoomToFit);
    view->addSeparator();
    QMenu *panels = view->addMenu(tr("&Panels"));
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        panels->addAction(dock->toggleViewAction());
    QMenu *themes = view->addMenu(tr("&Theme"));
    auto *group = new QActionGroup(this);
    const QList<std::pair<AppTheme::Theme, QString>> choices{
        {AppTheme::Theme::System, tr("Follow the &desktop")},
        {AppTheme::Theme::Light, tr("&Light")},
        {AppTheme::Theme::Dark, tr("D&ark")}};
    for (const auto &[theme, label] : choices) {
        QAction *action = themes->addAction(label);
        action->setCheckable(true);
        action->setChecked(AppTheme::current() == theme);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, theme] {
            AppTheme::apply(theme);
            m_charts->restyle();
            QSettings().setValue(u"view/theme"_s, AppTheme::id(theme));
        });
    }
}

void MainWindow::createClusterMenu()
{
    QMenu *cluster = menuBar()->addMenu(tr("&Cluster"));
    m_startCluster = addMenuAction(cluster, u"start"_s, tr("&Start cluster"), Qt::Key_F5);
    m_stopCluster = addMenuAction(cluster, u"stop"_s, tr("S&top cluster"), Qt::SHIFT | Qt::Key_F5);
    m_startCluster->setObjectName(u"startCluster"_s);
    m_stopCluster->setObjectName(u"stopCluster"_s);
    m_startCluster->setToolTip(tr("Run this design on this machine: MariaDB, the workers and the "
                                  "balancer, on 127.0.0.1 (F5)"));
    m_stopCluster->setEnabled(false);
    connect(m_startCluster, &QAction::triggered, this, &MainWindow::startCluster);
    connect(m_stopCluster, &QAction::triggered, this, [this] { m_session->stop(); });
    cluster->addSeparator();
    m_resetData = addMenuAction(cluster, QString(), tr("&Reset data…"));
    m_resetData->setObjectName(u"resetData"_s);
    m_resetData->setToolTip(tr("Delete this design's databases, so that the next start begins "
                               "with an empty guestbook"));
    connect(m_resetData, &QAction::triggered, this, &MainWindow::resetData);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Topolab"), this,
                    [this] { AboutDialog(m_recovery->directory(), this).exec(); });
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(u"mainToolBar"_s);
    bar->setIconSize(QSize(20, 20));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    const auto byText = [this](const QString &text) -> QAction * {
        for (QAction *action : menuBar()->findChildren<QAction *>()) {
            if (action->text() == text)
                return action;
        }
        return nullptr;
    };
    const auto iconOnly = [bar](QAction *action) {
        bar->addAction(action);
        if (auto *button = bar->widgetForAction(action))
            button->setProperty("iconOnly", true);
    };
    for (const QString &text : {tr("&New design"), tr("&Open…"), tr("&Save")}) {
        if (QAction *action = byText(text))
            iconOnly(action);
    }
    bar->addSeparator();
    // Undo and redo name the command in their text, which would make the bar jump in width.
    iconOnly(m_undo);
    iconOnly(m_redo);
    bar->addSeparator();
    bar->addActions({m_delete});
    bar->addSeparator();
    for (const QString &text :
         {tr("Zoom &in"), tr("Zoom &out"), tr("Zoom to &fit"), tr("Arrange &automatically")}) {
        if (QAction *action = byText(text))
            bar->addAction(action);
    }
    bar->addSeparator();
    bar->addActions({m_startCluster, m_stopCluster});
    for (QAction *action : bar->actions()) {
        if (auto *button = qobject_cast<QToolButton *>(bar->widgetForAction(action));
            button && button->property("iconOnly").toBool())
            button->setToolButtonStyle(Qt::ToolButtonIconOnly);
    }
}

void MainWindow::createStatusBar()
{
    m_countLabel->setObjectName(u"countLabel"_s);
    m_zoomLabel->setObjectName(u"zoomLabel"_s);
    m_zoomLabel->setMinimumWidth(m_zoomLabel->fontMetrics().horizontalAdvance(u"Zoom 400 %"_s));
    m_clusterLabel->setObjectName(u"clusterLabel"_s);
    statusBar()->addPermanentWidget(m_clusterLabel);
    statusBar()->addPermanentWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_zoomLabel);
    const auto showZoom = [this](qreal zoom) {
        m_zoomLabel->setText(tr("Zoom %1 %").arg(qRound(zoom * 100)));
    };
    connect(m_view, &TopologyView::zoomChanged, this, showZoom);
    showZoom(1.0);
}

void MainWindow::restoreSettings()
{
    const QSettings settings;
    // Xvfb and some window managers give a new window no size of their own; start at a size that
    // shows the whole template and every panel.
    if (!restoreGeometry(settings.value(u"window/geometry"_s).toByteArray())) {
        const QSize available = screen()->availableGeometry().size();
        resize(std::min(1600, available.width()), std::min(1000, available.height()));
    }
    if (restoreState(settings.value(u"window/state"_s).toByteArray()))
        return;
    // The canvas gets most of the width; the docks a share that still fits their content on a
    // small or scaled screen.
    const auto dock = [this](const QString &name) {
        return findChild<QDockWidget *>(name, Qt::FindDirectChildrenOnly);
    };
    const int width = this->width();
    resizeDocks({dock(u"paletteDock"_s), dock(u"inspectorDock"_s)},
                {std::clamp(width * 13 / 100, 185, 230), std::clamp(width * 22 / 100, 260, 380)},
                Qt::Horizontal);
    resizeDocks({dock(u"inspectorDock"_s), dock(u"problemsDock"_s)},
                {height() * 45 / 100, height() * 40 / 100}, Qt::Vertical);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(u"window/geometry"_s, saveGeometry());
    settings.setValue(u"window/state"_s, saveState());
}

bool MainWindow::isModified() const
{
    return m_unsavedRestore || !m_editor->undoStack()->isClean();
}

void MainWindow::updateTitle()
{
    const QString file = m_filePath.isEmpty() ? tr("Untitled") : QFileInfo(m_filePath).fileName();
    setWindowTitle(tr("%1[*] — %2 — Topolab").arg(file, m_document.topology().name()));
    setWindowModified(isModified());
    const Topology &topology = m_document.topology();
    m_countLabel->setText(tr("%n node(s)", nullptr, static_cast<int>(topology.nodes().size())) +
                          u" · "_s +
                          tr("%n link(s)", nullptr, static_cast<int>(topology.links().size())));
}

void MainWindow::showStatus(const QString &text, bool isError)
{
    statusBar()->setStyleSheet(isError ? u"QStatusBar { color: #dc2626; }"_s : QString());
    statusBar()->showMessage(text, isError ? 8000 : 5000);
}

bool MainWindow::maybeSave()
{
    if (!isModified())
        return true;
    const QString file =
        m_filePath.isEmpty() ? tr("the untitled design") : QFileInfo(m_filePath).fileName();
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"),
        tr("Do you want to save the changes to %1?\n\nIf you don't, they are lost.").arg(file),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

bool MainWindow::save()
{
    return m_filePath.isEmpty() ? saveAs() : saveTo(m_filePath);
}

bool MainWindow::saveAs()
{
    QString suggested = m_filePath;
    if (suggested.isEmpty())
        suggested =
            QString(m_document.topology().name()).replace(u'/', u'-') + TopologyFile::kSuffix;
    // The dialog adds the suffix itself, so that its question about replacing a file is asked
    // about the name that is really written.
    QFileDialog dialog(this, tr("Save design"), suggested, tr(kFileFilter));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(TopologyFile::kSuffix.mid(1));
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return false;
    return saveTo(dialog.selectedFiles().constFirst());
}

bool MainWindow::saveTo(const QString &path)
{
    if (const auto error = TopologyFile::save(m_document.topology(), path)) {
        QMessageBox::critical(this, tr("Cannot save design"),
                              tr("The design was not saved; it is still open here, and the file "
                                 "on disk is unchanged.\n\n%1\n\nChoose another folder with "
                                 "File › Save as, or free some space and try again.")
                                  .arg(error->message()));
        return false;
    }
    m_filePath = QFileInfo(path).absoluteFilePath();
    m_unsavedRestore = false;
    m_editor->undoStack()->setClean();
    m_recovery->discard();
    m_autosaveDue = false;
    m_recent->add(m_filePath);
    updateTitle();
    showStatus(tr("Saved %1.").arg(m_filePath), false);
    return true;
}

void MainWindow::chooseFile()
{
    const QString start = m_filePath.isEmpty() ? QString() : QFileInfo(m_filePath).absolutePath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open design"), start, tr(kFileFilter) + u";;"_s + tr("All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::mayReplaceDesign()
{
    if (!m_session->isActive())
        return true;
    QMessageBox::information(this, tr("The cluster is running"),
                             tr("The running cluster follows the design that is open. Stop it "
                                "(Shift+F5) before opening or starting another design."));
    return false;
}

bool MainWindow::openFile(const QString &path)
{
    if (!mayReplaceDesign())
        return false;
    // Read first: a file that cannot be opened must not cost the user the design they have.
    TopologyFile::LoadResult loaded = TopologyFile::load(path);
    if (auto *error = std::get_if<FileError>(&loaded)) {
        if (!QFileInfo::exists(path))
            m_recent->remove(path);
        QMessageBox::critical(this, tr("Cannot open design"),
                              tr("The design could not be opened; the current design is "
                                 "unchanged.\n\n%1")
                                  .arg(error->message()));
        return false;
    }
    if (!maybeSave())
        return false;
    showDesign(std::get<Topology>(std::move(loaded)), QFileInfo(path).absoluteFilePath());
    m_recent->add(path);
    return true;
}

bool MainWindow::openTemplate(const QString &name)
{
    if (!mayReplaceDesign())
        return false;
    TopologyFile::LoadResult loaded = Templates::load(name);
    if (auto *error = std::get_if<FileError>(&loaded)) {
        QMessageBox::critical(this, tr("Cannot open template"), error->message());
        return false;
    }
    if (!maybeSave())
        return false;
    showDesign(std::get<Topology>(std::move(loaded)), {});
    return true;
}

bool MainWindow::newDesign()
{
    if (!mayReplaceDesign())
        return false;
    if (!maybeSave())
        return false;
    Topology empty;
    empty.setName(tr("New design"));
    showDesign(std::move(empty), {});
    return true;
}

void MainWindow::showDesign(Topology topology, const QString &path)
{
    m_recovery->discard();
    m_filePath = path;
    m_unsavedRestore = false;
    m_pasteCount = 0;
    m_document.reset(std::move(topology));
    m_autosaveDue = false;
    updateTitle();
    // Fit once the event loop has run: before the window is shown the view has no real size yet.
    QTimer::singleShot(0, m_view, &TopologyView::zoomToFit);
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = m_recent->files();
    for (const QString &path : files) {
        QAction *entry = m_recentMenu->addAction(QFileInfo(path).fileName());
        entry->setToolTip(path);
        entry->setStatusTip(path);
        connect(entry, &QAction::triggered, this, [this, path] { openFile(path); });
    }
    if (!files.isEmpty())
        m_recentMenu->addSeparator();
    QAction *clear = m_recentMenu->addAction(tr("&Clear the list"), m_recent, &RecentFiles::clear);
    clear->setEnabled(!files.isEmpty());
}

void MainWindow::setAutosaveInterval(int milliseconds)
{
    m_autosaveTimer->start(milliseconds);
}

void MainWindow::autosave()
{
    if (!isModified()) {
        // Undone back to what the file holds: an old autosave would offer changes the user took
        // back.
        m_recovery->discard();
        return;
    }
    if (!m_autosaveDue)
        return;
    if (const auto error = m_recovery->write(m_document.topology(), m_filePath)) {
        showStatus(tr("Autosave failed (%1); save the design yourself to be safe.").arg(*error),
                   true);
        return;
    }
    m_autosaveDue = false;
}

bool MainWindow::offerRecovery()
{
    QStringList problems;
    const QList<RecoveryStore::Recovered> orphans = m_recovery->orphans(&problems);
    for (const QString &problem : std::as_const(problems))
        QMessageBox::warning(this, tr("Autosaved design unreadable"), problem);
    // Newest first, one at a time: a declined copy is deleted, and once one is restored the
    // others stay on disk for the next start, so that no design is lost unasked.
    for (qsizetype i = 0; i < orphans.size(); ++i) {
        const RecoveryStore::Recovered &candidate = orphans.at(i);
        const QString from =
            candidate.sourcePath.isEmpty() ? tr("an untitled design") : candidate.sourcePath;
        const auto answer = QMessageBox::question(
            this, tr("Restore unsaved work?"),
            tr("Topolab ended without saving %1 (\"%2\", autosaved %3).\n\nRestore it? If you "
               "don't, the autosaved copy is deleted.")
                .arg(from, candidate.topology.name(),
                     QLocale().toString(candidate.savedAt.toLocalTime(), QLocale::ShortFormat)),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
        if (answer != QMessageBox::Yes) {
            RecoveryStore::remove(candidate);
            continue;
        }
        showDesign(candidate.topology, candidate.sourcePath);
        m_unsavedRestore = true;
        // This window's own autosave must exist before the old copy goes, or a second crash
        // right now would lose the work for good.
        if (const auto error = m_recovery->write(m_document.topology(), m_filePath)) {
            showStatus(tr("Restored, but the autosave failed (%1); the old copy stays in %2.")
                           .arg(*error, candidate.recoveryPath),
                       true);
        } else {
            RecoveryStore::remove(candidate);
            showStatus(tr("Restored the autosaved design; save it to keep it."), false);
        }
        m_autosaveDue = false;
        updateTitle();
        const qsizetype left = orphans.size() - i - 1;
        if (left > 0)
            QMessageBox::information(
                this, tr("More unsaved work"),
                tr("%n more autosaved design(s) will be offered the next time Topolab starts.",
                   nullptr, static_cast<int>(left)));
        return true;
    }
    return false;
}

void MainWindow::keepUnsavedWork()
{
    m_autosaveDue = true;
    autosave();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    m_recovery->discard();
    saveSettings();
    event->accept();
}

void MainWindow::exportImage()
{
    const QFileInfo file(m_filePath);
    QString base = m_document.topology().name();
    if (!m_filePath.isEmpty())
        base = file.absolutePath() + u'/' +
               (m_filePath.endsWith(TopologyFile::kSuffix)
                    ? file.fileName().chopped(TopologyFile::kSuffix.size())
                    : file.completeBaseName());
    const QString png = tr("PNG image (*.png)");
    const QString svg = tr("SVG drawing (*.svg)");
    QFileDialog dialog(this, tr("Export image"), base + u".png"_s, png + u";;"_s + svg);
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(u"png"_s);
    connect(&dialog, &QFileDialog::filterSelected, &dialog, [&](const QString &filter) {
        dialog.setDefaultSuffix(filter == svg ? u"svg"_s : u"png"_s);
    });
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return;
    const QString path = dialog.selectedFiles().constFirst();
    const bool asSvg = path.endsWith(u".svg"_s, Qt::CaseInsensitive);
    const auto error = asSvg
                           ? SceneExporter::exportSvg(*m_scene, path, m_document.topology().name())
                           : SceneExporter::exportPng(*m_scene, path);
    if (error)
        QMessageBox::critical(this, tr("Cannot export image"), *error);
    else
        showStatus(tr("Exported %1.").arg(path), false);
}

void MainWindow::updateEditActions()
{
    const QStringList nodes = m_scene->selectedNodeIds();
    const QStringList links = m_scene->selectedLinkIds();
    m_inspector->setSelection(nodes, links);
    refreshInspectorActions();
    m_cut->setEnabled(!nodes.isEmpty());
    m_copy->setEnabled(!nodes.isEmpty());
    m_duplicate->setEnabled(!nodes.isEmpty());
    m_delete->setEnabled(!nodes.isEmpty() || !links.isEmpty());
    m_group->setEnabled(!nodes.isEmpty());
    m_ungroup->setEnabled(std::any_of(nodes.cbegin(), nodes.cend(), [this](const QString &id) {
        return !m_document.topology().node(id)->group.isEmpty();
    }));
    const QMimeData *clipboard = QApplication::clipboard()->mimeData();
    m_paste->setEnabled(clipboard && clipboard->hasFormat(kFragmentMime));
}

void MainWindow::addNodeInView(NodeKind kind)
{
    // Stagger repeated additions so that they do not stack exactly on top of each other.
    QPointF centre =
        m_view->visibleCentre() - QPointF(NodeItem::kSize.width(), NodeItem::kSize.height()) / 2;
    while (m_scene->nodeAt(centre + QPointF(NodeItem::kSize.width(), NodeItem::kSize.height()) / 2))
        centre += QPointF(DesignEditor::kGrid * 2, DesignEditor::kGrid * 2);
    QString id;
    if (Outcome added = m_editor->addNode(kind, centre, &id); !added) {
        showStatus(added.reason(), true);
        return;
    }
    m_scene->selectNodes({id});
    showStatus(tr("Added %1.").arg(m_document.topology().node(id)->name), false);
}

void MainWindow::copySelection()
{
    const QStringList nodes = m_scene->selectedNodeIds();
    if (nodes.isEmpty())
        return;
    const QByteArray json =
        TopologyFile::serialize(TopologyFragment::extract(m_document.topology(), nodes));
    auto *clip = new QMimeData;
    clip->setData(kFragmentMime, json);
    clip->setText(QString::fromUtf8(json));
    QApplication::clipboard()->setMimeData(clip);
    m_pasteCount = 0;
    showStatus(tr("Copied %n node(s).", nullptr, static_cast<int>(nodes.size())), false);
}

void MainWindow::cutSelection()
{
    copySelection();
    // The pasted copy of a cut lands where the original was.
    m_pasteCount = -1;
    deleteSelection();
}

void MainWindow::paste()
{
    const QMimeData *clip = QApplication::clipboard()->mimeData();
    if (!clip || !clip->hasFormat(kFragmentMime)) {
        showStatus(tr("The clipboard holds no Topolab nodes to paste."), true);
        return;
    }
    TopologyFile::LoadResult parsed =
        TopologyFile::parse(clip->data(kFragmentMime), tr("the clipboard"));
    if (auto *error = std::get_if<FileError>(&parsed)) {
        showStatus(tr("Cannot paste: %1").arg(error->message()), true);
        return;
    }
    ++m_pasteCount;
    const qreal step = DesignEditor::kGrid * 2 * m_pasteCount;
    QStringList ids;
    if (Outcome done = m_editor->insertFragment(std::get<Topology>(parsed), {step, step}, &ids);
        !done) {
        showStatus(done.reason(), true);
        return;
    }
    m_scene->selectNodes(ids);
    showStatus(tr("Pasted %n node(s).", nullptr, static_cast<int>(ids.size())), false);
}

void MainWindow::duplicateSelection()
{
    const QStringList nodes = m_scene->selectedNodeIds();
    if (nodes.isEmpty())
        return;
    QStringList ids;
    const qreal step = DesignEditor::kGrid * 2;
    const Topology fragment = TopologyFragment::extract(m_document.topology(), nodes);
    if (Outcome done = m_editor->insertFragment(fragment, {step, step}, &ids); !done) {
        showStatus(done.reason(), true);
        return;
    }
    m_scene->selectNodes(ids);
}

void MainWindow::deleteSelection()
{
    if (Outcome done =
            m_editor->deleteItems(m_scene->selectedNodeIds(), m_scene->selectedLinkIds());
        !done)
        showStatus(done.reason(), true);
}

void MainWindow::selectAll()
{
    for (QGraphicsItem *item : m_scene->items()) {
        if (item->flags() & QGraphicsItem::ItemIsSelectable)
            item->setSelected(true);
    }
}

void MainWindow::putSelectionOnNewServer()
{
    const QString group = m_editor->unusedGroupName();
    if (Outcome done = m_editor->setGroup(m_scene->selectedNodeIds(), group); !done)
        showStatus(done.reason(), true);
    else
        showStatus(tr("Put the selection on %1; rename it in the inspector.").arg(group), false);
}

void MainWindow::takeSelectionOffServer()
{
    if (Outcome done = m_editor->setGroup(m_scene->selectedNodeIds(), {}); !done)
        showStatus(done.reason(), true);
}

void MainWindow::showContextMenu(QPoint screenPos)
{
    updateEditActions();
    QMenu menu(this);
    const QStringList selected = m_scene->selectedNodeIds();
    if (selected.size() == 1) {
        const QList<QAction *> live = liveActions(selected.first(), &menu);
        if (!live.isEmpty()) {
            menu.addSection(tr("Running"));
            menu.addActions(live);
            menu.addSection(tr("Design"));
        }
    }
    menu.addActions({m_cut, m_copy, m_paste, m_duplicate, m_delete});
    menu.addSeparator();
    menu.addActions({m_group, m_ungroup});
    menu.exec(screenPos);
}

QList<QAction *> MainWindow::liveActions(const QString &nodeId, QObject *parent)
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
    if (m_session->isBalancer(nodeId)) {
        // The submenu lives as long as its action, wherever the action ends up.
        auto *holder = new QAction(tr("Balancing algorithm"), parent);
        holder->setObjectName(u"algorithm"_s);
        holder->setToolTip(tr("Switch the running balancer's algorithm; the design follows."));
        auto *menu =
            new QMenu(qobject_cast<QWidget *>(parent) ? qobject_cast<QWidget *>(parent) : this);
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
                        m_editor->setProperty(nodeId, core::PropertyKey::algorithm, algorithm);
                    !done)
                    showStatus(done.reason(), true);
            });
        }
        actions.append(holder);
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

void MainWindow::startCluster()
{
    if (m_session->isActive())
        return;
    if (core::Outcome started = m_session->start(m_document.topology(), designDataFolder());
        !started) {
        QMessageBox::warning(this, tr("Cannot start the cluster"),
                             tr("%1\n\nFix the design (the Problems panel helps), then start "
                                "again.")
                                 .arg(started.reason()));
        return;
    }
    m_liveAlgorithm = m_session->plan().balancer.algorithm;
    auto *chartsDock = findChild<QDockWidget *>(u"chartsDock"_s);
    const bool firstShow = !chartsDock->isVisible();
    for (const QString &name : {u"logsDock"_s, u"chartsDock"_s, u"loadDock"_s}) {
        if (auto *dock = findChild<QDockWidget *>(name)) {
            dock->show();
            dock->raise();
        }
    }
    // The charts share the height with the canvas rather than take most of it.
    if (firstShow)
        QTimer::singleShot(0, this, [this, chartsDock] {
            resizeDocks({chartsDock}, {height() * 40 / 100}, Qt::Vertical);
        });
    // The charts took room from the canvas: show the whole design again.
    QTimer::singleShot(0, m_view, &TopologyView::zoomToFit);
    showStatus(tr("Starting the cluster…"), false);
}

QString MainWindow::designDataFolder() const
{
    return runtime::DesignDataFolder::forDesign(m_document.topology().name(), m_filePath);
}

void MainWindow::resetData()
{
    const QString folder = designDataFolder();
    if (!QFileInfo::exists(folder)) {
        showStatus(tr("This design has no data yet: it starts empty."), false);
        return;
    }
    const auto answer = QMessageBox::question(
        this, tr("Reset data"),
        tr("Delete the databases of \"%1\"? Every guestbook post in them is lost; the next start "
           "begins empty.\n\n%2")
            .arg(m_document.topology().name(), folder),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    QString error;
    if (!runtime::DesignDataFolder::reset(folder, &error)) {
        QMessageBox::warning(this, tr("Reset data"), error);
        return;
    }
    showStatus(tr("The data of this design was deleted; the next start begins empty."), false);
}

void MainWindow::onSessionActive(bool active)
{
    m_startCluster->setEnabled(!active);
    m_stopCluster->setEnabled(active);
    m_resetData->setEnabled(!active);
    m_editor->setStructureLock(
        active ? tr("The cluster is running and cannot follow changes to its structure: stop it "
                    "(Shift+F5) to add, remove, link or regroup nodes.")
               : QString());
    m_palette->setEnabled(!active);
    // Undo could add or remove nodes behind the running cluster's back; it waits for the stop.
    for (QAction *action : {m_undo, m_redo}) {
        action->setVisible(true);
        action->setEnabled(!active && (action == m_undo ? m_editor->undoStack()->canUndo()
                                                        : m_editor->undoStack()->canRedo()));
    }
    if (auto *history = findChild<QUndoView *>(u"historyView"_s))
        history->setEnabled(!active);
    if (active) {
        m_liveProperties.clear();
        for (const core::Node &node : m_document.topology().nodes())
            m_liveProperties.insert(node.id, node.properties);
    }
    m_load->setRunning(false);
    if (!active)
        m_clusterLabel->clear();
    refreshInspectorActions();
}

void MainWindow::applyLiveChange(const core::TopologyChange &change)
{
    if (!m_session->isActive() || change.type != core::TopologyChange::Type::NodeChanged ||
        !m_session->runsNode(change.id))
        return;
    // The card was redrawn from the design (a move, a rename): its live state goes back on.
    m_session->reapply(change.id);
    const core::Node *node = m_document.topology().node(change.id);
    QVariantMap &running = m_liveProperties[change.id];
    if (node->properties == running)
        return; // a move or a rename: nothing the cluster runs on
    if (m_session->isBalancer(change.id)) {
        const QString algorithm = node->properties.value(core::PropertyKey::algorithm).toString();
        if (algorithm != m_liveAlgorithm) {
            m_liveAlgorithm = algorithm;
            running.insert(core::PropertyKey::algorithm, algorithm);
            m_session->setAlgorithm(algorithm);
            showStatus(tr("The running balancer switches to %1.").arg(algorithm), false);
            if (node->properties == running)
                return;
        }
    }
    showStatus(tr("Saved in the design; the running cluster picks this change up when it "
                  "restarts (Shift+F5, then F5)."),
               false);
}

void MainWindow::refreshInspectorActions()
{
    const QStringList nodes = m_scene->selectedNodeIds();
    if (nodes.size() == 1)
        m_inspector->setLiveActions(liveActions(nodes.first(), m_inspector),
                                    m_session->describe(nodes.first()));
    else
        m_inspector->setLiveActions({});
}

} // namespace topolab::gui
