#include "mainwindow.h"

#include "canvas/topologyscene.h"
#include "core/templates.h"
#include "core/topologyfile.h"
#include "panels/problemspanel.h"

#include <QAction>
#include <QDockWidget>
#include <QFileDialog>
#include <QGraphicsView>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace topolab::core;

namespace topolab::gui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_scene(new TopologyScene(m_document, this))
    , m_view(new QGraphicsView(m_scene, this))
    , m_problems(new ProblemsPanel(m_document, this))
{
    m_view->setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    m_view->setDragMode(QGraphicsView::RubberBandDrag);
    m_view->setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setCentralWidget(m_view);

    auto *dock = new QDockWidget(tr("Problems"), this);
    dock->setObjectName(u"problemsDock"_s);
    dock->setWidget(m_problems);
    addDockWidget(Qt::RightDockWidgetArea, dock);
    resizeDocks({dock}, {480}, Qt::Horizontal);

    connect(m_problems, &ProblemsPanel::findingsChanged, m_scene, &TopologyScene::showFindings);
    connect(m_problems, &ProblemsPanel::nodesActivated, m_scene, &TopologyScene::selectNodes);
    m_scene->showFindings(m_problems->findings());

    createActions();
    // Xvfb and some window managers give a new window no size of their own; start at a size that
    // shows the whole template and the problems panel.
    resize(1440, 900);
    statusBar()->showMessage(tr("Ready"));
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open…"), this, &MainWindow::chooseFile);
    open->setShortcut(QKeySequence::Open);
    file->addAction(tr("Open the www.foobar.com &template"), this,
                    [this] { openTemplate(u"foobar"_s); });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *fit = view->addAction(tr("Zoom to &fit"), this, &MainWindow::zoomToFit);
    fit->setShortcut(Qt::CTRL | Qt::Key_0);
}

void MainWindow::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open design"), {}, tr("Topolab designs (*.topo.json);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::openFile(const QString &path)
{
    TopologyFile::LoadResult loaded = TopologyFile::load(path);
    if (auto *error = std::get_if<FileError>(&loaded)) {
        QMessageBox::critical(this, tr("Cannot open design"),
                              tr("The design could not be opened; the current design is "
                                 "unchanged.\n\n%1")
                                  .arg(error->message()));
        return false;
    }
    showDesign(std::get<Topology>(std::move(loaded)), path);
    return true;
}

bool MainWindow::openTemplate(const QString &name)
{
    TopologyFile::LoadResult loaded = Templates::load(name);
    if (auto *error = std::get_if<FileError>(&loaded)) {
        QMessageBox::critical(this, tr("Cannot open template"), error->message());
        return false;
    }
    showDesign(std::get<Topology>(std::move(loaded)), tr("template"));
    return true;
}

void MainWindow::showDesign(Topology topology, const QString &source)
{
    m_document.reset(std::move(topology));
    setWindowTitle(tr("%1 (%2) — Topolab").arg(m_document.topology().name(), source));
    // Fit once the event loop has run: before the window is shown the view has no real size yet.
    QTimer::singleShot(0, this, &MainWindow::zoomToFit);
}

void MainWindow::zoomToFit()
{
    const QRectF bounds = m_scene->itemsBoundingRect().adjusted(-40, -40, 40, 40);
    m_view->fitInView(bounds, Qt::KeepAspectRatio);
    // Never magnify beyond 100 %: a small design is easier to read at its natural size.
    if (m_view->transform().m11() > 1.0)
        m_view->resetTransform();
    m_view->centerOn(bounds.center());
}

} // namespace topolab::gui
