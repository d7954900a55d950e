#include "mainwindow.h"

#include "aboutdialog.h"
#include "actionregistry.h"
#include "canvas/nodeitem.h"
#include "canvas/topologyscene.h"
#include "canvas/topologyview.h"
#include "core/templates.h"
#include "designeditor.h"
#include "editactions.h"
#include "files/recoverystore.h"
#include "live/livesession.h"
#include "panels/backendtablepanel.h"
#include "panels/chartspanel.h"
#include "panels/inspectorpanel.h"
#include "panels/loadpanel.h"
#include "panels/logspanel.h"
#include "panels/palettepanel.h"
#include "panels/problemspanel.h"
#include "style/apptheme.h"
#include "style/kindstyle.h"

#include <QAction>
#include <QActionGroup>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
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

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_editor(new DesignEditor(m_document, this))
    , m_scene(new TopologyScene(*m_editor, this))
    , m_view(new TopologyView(m_scene, *m_editor, this))
    , m_liveState(new LiveStateModel(this))
    , m_palette(new PalettePanel(this))
    , m_inspector(new InspectorPanel(*m_editor, this))
    , m_problems(new ProblemsPanel(m_review, *m_liveState, this))
    , m_charts(new ChartsPanel(this))
    , m_load(new LoadPanel(this))
    , m_logs(new LogsPanel(this))
    , m_servers(new BackendTablePanel(*m_liveState, this))
    , m_history(new QUndoView(m_editor->undoStack(), this))
    , m_actions(new ActionRegistry(this))
    , m_files(new DocumentFiles(m_document, *m_editor->undoStack(), *m_scene, *this))
    , m_clusterLabel(new QLabel(this))
    , m_countLabel(new QLabel(this))
    , m_zoomLabel(new QLabel(this))
{
    m_history->setEmptyLabel(tr("Design opened"));
    m_history->setObjectName(u"historyView"_s);
    setCentralWidget(m_view);
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);
    createDocks();
    createFileMenu();
    createEditMenu();
    createViewMenu();
    createClusterMenu();
    createToolBar();
    createStatusBar();

    m_files->setReplaceGuard([this] { return m_live->mayReplaceDesign(); });
    connect(m_files, &DocumentFiles::titleChanged, this, &MainWindow::updateTitle);
    connect(m_files, &DocumentFiles::statusMessage, this, &MainWindow::showStatus);
    connect(m_files, &DocumentFiles::designShown, this, [this] {
        m_edit->restartPasteOffset();
        // Fit once the event loop has run: before the window is shown the view has no real size.
        QTimer::singleShot(0, m_view, &TopologyView::zoomToFit);
    });
    connect(m_edit, &EditActions::statusMessage, this, &MainWindow::showStatus);
    connect(m_live, &LiveControl::statusMessage, this, &MainWindow::showStatus);
    connect(m_live, &LiveControl::activeChanged, m_edit, &EditActions::updateEnabled);
    connect(&m_review, &core::DocumentReview::findingsChanged, m_scene,
            &TopologyScene::showFindings);
    connect(m_problems, &ProblemsPanel::nodesActivated, m_scene, &TopologyScene::selectNodes);
    connect(m_scene, &TopologyScene::selectionChanged, this, &MainWindow::selectionChanged);
    connect(m_scene, &TopologyScene::statusMessage, this, &MainWindow::showStatus);
    connect(m_scene, &TopologyScene::contextMenuRequested, this, &MainWindow::showContextMenu);
    connect(m_scene, &TopologyScene::nodeDoubleClicked, this, [this] {
        m_inspector->parentWidget()->show();
        m_inspector->focusName();
    });
    connect(m_view, &TopologyView::statusMessage, this, &MainWindow::showStatus);
    connect(m_inspector, &InspectorPanel::statusMessage, this, &MainWindow::showStatus);
    connect(m_palette, &PalettePanel::addRequested, this, &MainWindow::addNodeInView);
    m_scene->showFindings(m_review.findings());

    restoreSettings();
    updateTitle();
    selectionChanged();
    showStatus(tr("Ready. Drag a component from the palette onto the canvas."), false);
}

MainWindow::~MainWindow()
{
    // The running cluster goes first, and waits until every process of it has ended.
    delete m_live;
    // The document is a member, so it dies before QObject deletes the children that refer to it;
    // delete them first, and let none of them call back into this half-destroyed window.
    delete m_edit;
    delete m_files;
    for (QObject *sender :
         std::initializer_list<QObject *>{m_editor->undoStack(), &m_document, m_scene, m_view,
                                          m_inspector, m_palette, m_problems})
        sender->disconnect(this);
    qDeleteAll(findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly));
    delete m_view;
    delete m_scene;
    delete m_editor;
}

QAction *MainWindow::startClusterAction() const
{
    return m_actions->action(u"startCluster"_s);
}

QAction *MainWindow::stopClusterAction() const
{
    return m_actions->action(u"stopCluster"_s);
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
    QDockWidget *history =
        dock(m_history, tr("History"), u"historyDock"_s, Qt::RightDockWidgetArea);
    splitDockWidget(inspector, problems, Qt::Vertical);
    tabifyDockWidget(problems, history);
    problems->raise();

    // The live panels sit under the canvas only, between the side docks. They show from the first
    // launch, so that a new user knows they exist; each says what it shows once a cluster runs.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    QDockWidget *charts = dock(m_charts, tr("Charts"), u"chartsDock"_s, Qt::BottomDockWidgetArea);
    QDockWidget *servers =
        dock(m_servers, tr("Servers"), u"serversDock"_s, Qt::BottomDockWidgetArea);
    QDockWidget *logs = dock(m_logs, tr("Logs"), u"logsDock"_s, Qt::BottomDockWidgetArea);
    tabifyDockWidget(charts, servers);
    tabifyDockWidget(servers, logs);
    charts->raise();
    QDockWidget *load = dock(m_load, tr("Load"), u"loadDock"_s, Qt::RightDockWidgetArea);
    tabifyDockWidget(history, load);
    problems->raise();
}

void MainWindow::createFileMenu()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    connect(m_actions->add(u"new"_s, file, u"new"_s, tr("&New design"), QKeySequence::New),
            &QAction::triggered, m_files, &DocumentFiles::newDesign);
    QMenu *templates = file->addMenu(tr("New from &template"));
    for (const QString &name : Templates::names()) {
        QAction *entry = templates->addAction(Templates::description(name));
        connect(entry, &QAction::triggered, this, [this, name] { m_files->openTemplate(name); });
    }
    connect(m_actions->add(u"open"_s, file, u"open"_s, tr("&Open…"), QKeySequence::Open),
            &QAction::triggered, m_files, &DocumentFiles::chooseFile);
    m_files->followRecentFiles(file->addMenu(tr("Open &recent")));
    file->addSeparator();
    connect(m_actions->add(u"save"_s, file, u"save"_s, tr("&Save"), QKeySequence::Save),
            &QAction::triggered, m_files, &DocumentFiles::save);
    connect(m_actions->add(u"saveAs"_s, file, {}, tr("Save &as…"), QKeySequence::SaveAs),
            &QAction::triggered, m_files, &DocumentFiles::saveAs);
    connect(
        m_actions->add(u"export"_s, file, u"export"_s, tr("&Export image…"), Qt::CTRL | Qt::Key_E),
        &QAction::triggered, m_files, &DocumentFiles::exportImage);
    file->addSeparator();
    connect(m_actions->add(u"quit"_s, file, {}, tr("&Quit"), QKeySequence::Quit),
            &QAction::triggered, this, &QWidget::close);
}

void MainWindow::createEditMenu()
{
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QUndoStack *stack = m_editor->undoStack();
    QAction *undo = stack->createUndoAction(this, tr("&Undo"));
    QAction *redo = stack->createRedoAction(this, tr("&Redo"));
    m_actions->insert(u"undo"_s, undo);
    m_actions->insert(u"redo"_s, redo);
    // The stack enables its actions by itself; while a cluster runs they stay off.
    connect(stack, &QUndoStack::canUndoChanged, this, [this, undo] {
        if (m_live && m_live->session().isActive())
            undo->setEnabled(false);
    });
    connect(stack, &QUndoStack::canRedoChanged, this, [this, redo] {
        if (m_live && m_live->session().isActive())
            redo->setEnabled(false);
    });
    undo->setShortcut(QKeySequence::Undo);
    undo->setIcon(actionIcon(u"undo"_s));
    redo->setShortcut(QKeySequence::Redo);
    redo->setIcon(actionIcon(u"redo"_s));
    edit->addActions({undo, redo});
    edit->addSeparator();
    m_edit = new EditActions(*m_editor, *m_scene, *m_actions, edit, m_view);
    QAction *arrange = m_actions->add(u"arrange"_s, edit, u"arrange"_s,
                                      tr("Arrange &automatically"), Qt::CTRL | Qt::Key_L);
    connect(arrange, &QAction::triggered, this, [this] {
        if (Outcome done = m_editor->arrange(); !done)
            showStatus(done.reason(), true);
        else
            QTimer::singleShot(0, m_view, &TopologyView::zoomToFit);
    });
}

void MainWindow::createViewMenu()
{
    QMenu *view = menuBar()->addMenu(tr("&View"));
    connect(m_actions->add(u"zoomIn"_s, view, u"zoom-in"_s, tr("Zoom &in"), QKeySequence::ZoomIn),
            &QAction::triggered, m_view, &TopologyView::zoomIn);
    connect(
        m_actions->add(u"zoomOut"_s, view, u"zoom-out"_s, tr("Zoom &out"), QKeySequence::ZoomOut),
        &QAction::triggered, m_view, &TopologyView::zoomOut);
    connect(m_actions->add(u"actualSize"_s, view, {}, tr("&Actual size"), Qt::CTRL | Qt::Key_1),
            &QAction::triggered, m_view, &TopologyView::zoomToActualSize);
    connect(
        m_actions->add(u"zoomFit"_s, view, u"zoom-fit"_s, tr("Zoom to &fit"), Qt::CTRL | Qt::Key_0),
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
    m_live = new LiveControl(*this, *m_editor, *m_scene, *m_files,
                             {*m_liveState, *m_charts, *m_servers, *m_logs, *m_load, *m_inspector,
                              *m_palette, *m_history, *m_clusterLabel},
                             *m_actions, cluster);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Topolab"), this,
                    [this] { AboutDialog(m_files->recoveryStore().directory(), this).exec(); });
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(u"mainToolBar"_s);
    bar->setIconSize(QSize(20, 20));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    const auto add = [&](std::initializer_list<QString> ids, bool iconOnly) {
        for (const QString &id : ids) {
            QAction *action = m_actions->action(id);
            bar->addAction(action);
            if (auto *button = qobject_cast<QToolButton *>(bar->widgetForAction(action));
                button && iconOnly)
                button->setToolButtonStyle(Qt::ToolButtonIconOnly);
        }
        bar->addSeparator();
    };
    add({u"new"_s, u"open"_s, u"save"_s}, true);
    // Undo and redo name the command in their text, which would make the bar jump in width.
    add({u"undo"_s, u"redo"_s}, true);
    add({u"delete"_s}, false);
    add({u"zoomIn"_s, u"zoomOut"_s, u"zoomFit"_s, u"arrange"_s}, false);
    add({u"startCluster"_s, u"stopCluster"_s}, false);
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
    // The charts share the height with the canvas rather than take most of it.
    resizeDocks({dock(u"chartsDock"_s)}, {height() * 36 / 100}, Qt::Vertical);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(u"window/geometry"_s, saveGeometry());
    settings.setValue(u"window/state"_s, saveState());
}

void MainWindow::updateTitle()
{
    const QString path = m_files->filePath();
    const QString file = path.isEmpty() ? tr("Untitled") : QFileInfo(path).fileName();
    setWindowTitle(tr("%1[*] — %2 — Topolab").arg(file, m_document.topology().name()));
    setWindowModified(m_files->isModified());
    const Topology &topology = m_document.topology();
    m_countLabel->setText(tr("%n node(s)", nullptr, static_cast<int>(topology.nodes().size())) +
                          u" · "_s +
                          tr("%n link(s)", nullptr, static_cast<int>(topology.links().size())));
}

void MainWindow::selectionChanged()
{
    m_inspector->setSelection(m_scene->selectedNodeIds(), m_scene->selectedLinkIds());
    m_live->selectionChanged();
    m_edit->updateEnabled();
}

void MainWindow::showStatus(const QString &text, bool isError)
{
    statusBar()->setStyleSheet(isError ? u"QStatusBar { color: #dc2626; }"_s : QString());
    statusBar()->showMessage(text, isError ? 8000 : 5000);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_files->mayClose()) {
        event->ignore();
        return;
    }
    saveSettings();
    event->accept();
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

void MainWindow::showContextMenu(QPoint screenPos)
{
    m_edit->updateEnabled();
    QMenu menu(this);
    const QStringList selected = m_scene->selectedNodeIds();
    if (selected.size() == 1) {
        const QList<QAction *> live = m_live->liveActions(selected.first(), &menu);
        if (!live.isEmpty()) {
            menu.addSection(tr("Running"));
            menu.addActions(live);
            menu.addSection(tr("Design"));
        }
    }
    for (const QString &id : {u"cut"_s, u"copy"_s, u"paste"_s, u"duplicate"_s, u"delete"_s})
        menu.addAction(m_actions->action(id));
    menu.addSeparator();
    menu.addActions({m_actions->action(u"group"_s), m_actions->action(u"ungroup"_s)});
    menu.exec(screenPos);
}

} // namespace topolab::gui
