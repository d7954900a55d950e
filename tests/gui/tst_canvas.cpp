#include "core/templates.h"
#include "gui/canvas/groupframeitem.h"
#include "gui/canvas/linkitem.h"
#include "gui/canvas/nodeitem.h"
#include "gui/designeditor.h"
#include "gui/mainwindow.h"
#include "gui/panels/palettepanel.h"
#include "guitest.h"

#include <QAction>
#include <QDockWidget>
#include <QListWidget>
#include <QMenuBar>
#include <QPainter>
#include <QSignalSpy>
#include <QStatusBar>
#include <QStyleOptionGraphicsItem>
#include <QUndoStack>

using namespace Qt::StringLiterals;
using namespace topolab;
using core::NodeKind;

class TestCanvas : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<gui::MainWindow> m_window;

    gui::TopologyView *view() const { return m_window->view(); }
    QWidget *viewport() const { return m_window->view()->viewport(); }
    const core::Topology &topology() const { return m_window->document().topology(); }

    QAction *action(const QString &text) const
    {
        for (QAction *candidate : m_window->findChildren<QAction *>()) {
            if (candidate->text() == text)
                return candidate;
        }
        qFatal("no action %s", qPrintable(text));
    }

    // Adds a node through the editor (setting up, not under test) and brings it into view.
    QString place(NodeKind kind, QPointF position)
    {
        QString id;
        const core::Outcome added = m_window->editor().addNode(kind, position, &id);
        if (!added)
            qFatal("%s", qPrintable(added.reason()));
        return id;
    }

private slots:
    void initTestCase() { guitest::isolateSettings(); }

    void init()
    {
        m_window = std::make_unique<gui::MainWindow>();
        m_window->resize(1400, 900);
        // The canvas at 1:1 needs its room: the live panels under it are closed, as a user may.
        for (const QString &name : {u"chartsDock"_s, u"serversDock"_s, u"logsDock"_s})
            m_window->findChild<QDockWidget *>(name)->hide();
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->newDesign());
        QCoreApplication::processEvents();
        view()->resetTransform();
        view()->centerOn(300, 200);
    }

    void cleanup()
    {
        guitest::MessageBoxAnswerer discard(QMessageBox::Discard);
        m_window.reset();
    }

    void dragFromThePaletteAddsANodeWhereItIsDropped()
    {
        auto *list = m_window->findChild<QListWidget *>(u"paletteList"_s);
        QVERIFY(list);
        QListWidgetItem *entry = list->findItems(u"Load balancer"_s, Qt::MatchExactly).value(0);
        QVERIFY(entry);
        // The offscreen platform has no drag and drop of its own (QDrag::exec returns at once),
        // so the test plays the platform's part: the data the palette hands to QDrag goes to the
        // canvas as the enter, move and drop events a real drag delivers.
        list->setCurrentItem(entry);
        std::unique_ptr<QMimeData> data(list->model()->mimeData({list->indexFromItem(entry)}));
        QVERIFY(data);
        QCOMPARE(list->model()->supportedDragActions(), Qt::CopyAction);
        const QPoint drop = viewport()->rect().center() + QPoint(-100, 50);
        const QPointF dropScene = view()->mapToScene(drop);
        const Qt::DropAction action = guitest::dragAndDrop(viewport(), data.get(), drop);
        QCOMPARE(action, Qt::CopyAction);
        // The palette keeps its entry: a copy, never a move.
        QCOMPARE(list->count(), static_cast<int>(core::allNodeKinds().size()));

        QCOMPARE(topology().nodes().size(), 1);
        const core::Node &added = topology().nodes().first();
        QCOMPARE(added.kind, NodeKind::LoadBalancer);
        // The card is centred on the drop point, snapped to the 20 px grid.
        const QPointF centre =
            added.position +
            QPointF(gui::NodeItem::kSize.width(), gui::NodeItem::kSize.height()) / 2;
        QVERIFY2(QLineF(centre, dropScene).length() <= 15,
                 qPrintable(u"centre %1,%2 drop %3,%4"_s.arg(centre.x())
                                .arg(centre.y())
                                .arg(dropScene.x())
                                .arg(dropScene.y())));
        QCOMPARE(std::fmod(added.position.x(), 20.0), 0.0);
        QVERIFY(m_window->scene()->nodeItem(added.id)->isSelected());
        // Undoable like every edit.
        m_window->editor().undoStack()->undo();
        QVERIFY(topology().isEmpty());
    }

    void doubleClickInThePaletteAddsANodeInView()
    {
        auto *list = m_window->findChild<QListWidget *>(u"paletteList"_s);
        QListWidgetItem *entry = list->findItems(u"Firewall"_s, Qt::MatchExactly).value(0);
        const QPoint at = list->visualItemRect(entry).center();
        // A real double-click begins with a whole click, which QTest::mouseDClick leaves out.
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(topology().nodes().size(), 1);
        QCOMPARE(topology().nodes().first().kind, NodeKind::Firewall);
        QVERIFY(view()->viewport()->rect().contains(
            guitest::cardCentre(view(), topology().nodes().first().id)));
    }

    void paletteSearchFilters()
    {
        auto *list = m_window->findChild<QListWidget *>(u"paletteList"_s);
        auto *search = m_window->findChild<gui::PalettePanel *>();
        QVERIFY(search);
        search->setFilter(u"mysql"_s);
        int visible = 0;
        for (int row = 0; row < list->count(); ++row)
            visible += list->item(row)->isHidden() ? 0 : 1;
        QCOMPARE(visible, 1);
        search->setFilter({});
        visible = 0;
        for (int row = 0; row < list->count(); ++row)
            visible += list->item(row)->isHidden() ? 0 : 1;
        QCOMPARE(visible, static_cast<int>(core::allNodeKinds().size()));
    }

    void draggingFromAPortToAnotherNodeLinksThem()
    {
        const QString lb = place(NodeKind::LoadBalancer, {0, 0});
        const QString web = place(NodeKind::WebServer, {400, 0});
        guitest::drag(viewport(), guitest::portOf(view(), lb), guitest::cardCentre(view(), web));
        QCOMPARE(topology().links().size(), 1);
        QCOMPARE(topology().links().first().from, lb);
        QCOMPARE(topology().links().first().to, web);
        QVERIFY(m_window->scene()->linkItem(topology().links().first().id));
        m_window->editor().undoStack()->undo();
        QVERIFY(topology().links().isEmpty());
        m_window->editor().undoStack()->redo();
        QCOMPARE(topology().links().size(), 1);
    }

    void anInvalidLinkIsRefusedWithItsReason()
    {
        const QString db = place(NodeKind::Database, {0, 0});
        const QString dns = place(NodeKind::Dns, {400, 0});
        const int commands = m_window->editor().undoStack()->count();
        guitest::drag(viewport(), guitest::portOf(view(), db), guitest::cardCentre(view(), dns));
        QVERIFY(topology().links().isEmpty());
        QCOMPARE(m_window->editor().undoStack()->count(), commands);
        const QString message = m_window->statusBar()->currentMessage();
        QVERIFY2(message.startsWith(u"Link refused:"_s) && message.contains(u"DNS"_s),
                 qPrintable(message));
        // The refused card is marked red for a moment.
        QCOMPARE(m_window->scene()->nodeItem(dns)->linkCue(), gui::NodeItem::LinkCue::Refuses);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->scene()->nodeItem(dns)->linkCue(),
                                  gui::NodeItem::LinkCue::None, 3000);
    }

    void draggingCardsMovesThemAsOneUndoStep()
    {
        const QString a = place(NodeKind::WebServer, {0, 0});
        const QString b = place(NodeKind::AppServer, {0, 200});
        const core::Topology before = topology();
        m_window->scene()->selectNodes({a, b});
        const int commands = m_window->editor().undoStack()->count();
        const QPoint from = guitest::cardCentre(view(), a);
        guitest::drag(viewport(), from, from + QPoint(133, 47));
        const QPointF moved = topology().node(a)->position;
        QCOMPARE(moved, QPointF(140, 40)); // 133,47 snapped to the grid
        QCOMPARE(topology().node(b)->position, QPointF(140, 240));
        // Both stay selected, and the eight mouse moves merged into one command.
        QCOMPARE(m_window->scene()->selectedNodeIds().size(), 2);
        QCOMPARE(m_window->editor().undoStack()->count(), commands + 1);
        m_window->editor().undoStack()->undo();
        QCOMPARE(topology(), before);
    }

    void droppingACardIntoAServerFramePutsItOnThatServerInOneStep()
    {
        QVERIFY(m_window->openTemplate(u"foobar"_s));
        QCoreApplication::processEvents(); // the zoom to fit that opening a design queues
        view()->resetTransform();
        view()->centerOn(500, 300);
        QString lone;
        QVERIFY(m_window->editor().addNode(NodeKind::Monitoring, {700, 0}, &lone));
        QVERIFY(m_window->editor().setGroup({lone}, u"Server 3"_s));
        const core::Topology before = topology();
        const int commands = m_window->editor().undoStack()->count();
        m_window->scene()->selectNodes({lone});
        // Into Server 1's frame, into the empty space below Codebase 1.
        const QPoint from = guitest::cardCentre(view(), lone);
        const QPoint to = guitest::viewportPoint(view(), {370, 470});
        QVERIFY(viewport()->rect().contains(from) && viewport()->rect().contains(to));
        guitest::drag(viewport(), from, to);
        QCOMPARE(topology().node(lone)->group, u"Server 1"_s);
        QVERIFY(!m_window->scene()->groupFrame(u"Server 3"_s));
        QCOMPARE(m_window->editor().undoStack()->count(), commands + 1);
        m_window->editor().undoStack()->undo();
        QCOMPARE(topology(), before);
        QVERIFY(m_window->scene()->groupFrame(u"Server 3"_s));
    }

    void rightClickKeepsTheSelectionForTheContextMenu()
    {
        const QString a = place(NodeKind::WebServer, {0, 0});
        const QString b = place(NodeKind::AppServer, {0, 200});
        m_window->scene()->selectNodes({a, b});
        QTest::mousePress(viewport(), Qt::RightButton, {}, guitest::cardCentre(view(), b));
        QTest::mouseRelease(viewport(), Qt::RightButton, {}, guitest::cardCentre(view(), b));
        QCOMPARE(m_window->scene()->selectedNodeIds().size(), 2);
    }

    void shiftAndCtrlClickExtendTheSelection()
    {
        const QString a = place(NodeKind::WebServer, {0, 0});
        const QString b = place(NodeKind::AppServer, {0, 200});
        QTest::mouseClick(viewport(), Qt::LeftButton, {}, guitest::cardCentre(view(), a));
        QTest::mouseClick(viewport(), Qt::LeftButton, Qt::ShiftModifier,
                          guitest::cardCentre(view(), b));
        QCOMPARE(m_window->scene()->selectedNodeIds(), (QStringList{a, b}));
        QTest::mouseClick(viewport(), Qt::LeftButton, Qt::ControlModifier,
                          guitest::cardCentre(view(), a));
        QCOMPARE(m_window->scene()->selectedNodeIds(), QStringList{b});
    }

    void clickingOneCardOfASelectionSelectsItAlone()
    {
        const QString a = place(NodeKind::WebServer, {0, 0});
        const QString b = place(NodeKind::AppServer, {0, 200});
        m_window->scene()->selectNodes({a, b});
        const QPoint at = guitest::cardCentre(view(), b);
        QTest::mouseClick(viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(m_window->scene()->selectedNodeIds(), QStringList{b});
    }

    void rubberBandSelectsAndDeleteRemovesWithLinks()
    {
        const QString lb = place(NodeKind::LoadBalancer, {0, 0});
        const QString web = place(NodeKind::WebServer, {0, 160});
        const QString app = place(NodeKind::AppServer, {400, 160});
        QVERIFY(m_window->editor().connectNodes(lb, web));
        QVERIFY(m_window->editor().connectNodes(web, app));
        const core::Topology before = topology();

        // A band from the empty top-left around the balancer and the web server only.
        const QPoint from = guitest::viewportPoint(view(), {-40, -40});
        const QPoint to = guitest::viewportPoint(view(), {260, 260});
        guitest::drag(viewport(), from, to);
        QCOMPARE(m_window->scene()->selectedNodeIds(), (QStringList{lb, web}));

        view()->setFocus();
        QTest::keyClick(viewport(), Qt::Key_Delete);
        QCOMPARE(topology().nodes().size(), 1);
        QVERIFY(topology().links().isEmpty());
        m_window->editor().undoStack()->undo();
        QCOMPARE(topology(), before);
    }

    void copyAndPasteAddsNewNodesOnANewServer()
    {
        QVERIFY(m_window->openTemplate(u"foobar"_s));
        const core::Topology before = topology();
        m_window->scene()->selectNodes({u"web-1"_s, u"app-1"_s, u"code-1"_s});
        action(u"&Copy"_s)->trigger();
        QVERIFY(action(u"&Paste"_s)->isEnabled());
        action(u"&Paste"_s)->trigger();
        QCOMPARE(topology().nodes().size(), before.nodes().size() + 3);
        const QStringList pasted = m_window->scene()->selectedNodeIds();
        QCOMPARE(pasted.size(), 3);
        for (const QString &id : pasted) {
            QVERIFY(!before.node(id));
            QCOMPARE(topology().node(id)->group, u"Server 3"_s);
        }
        // The links among the copied nodes come along.
        QCOMPARE(topology().links().size(), before.links().size() + 3);
        m_window->editor().undoStack()->undo();
        QCOMPARE(topology(), before);
    }

    void wheelZoomsAndMiddleButtonPans()
    {
        place(NodeKind::WebServer, {0, 0});
        const qreal before = view()->zoom();
        const QPoint at = viewport()->rect().center();
        QWheelEvent wheel(at, viewport()->mapToGlobal(at), {}, {0, 120}, Qt::NoButton, {},
                          Qt::NoScrollPhase, false);
        QApplication::sendEvent(viewport(), &wheel);
        QVERIFY(view()->zoom() > before);
        const QPointF centre = view()->mapToScene(viewport()->rect().center());
        QTest::mousePress(viewport(), Qt::MiddleButton, {}, at);
        QTest::mouseMove(viewport(), at + QPoint(120, 0));
        QTest::mouseRelease(viewport(), Qt::MiddleButton, {}, at + QPoint(120, 0));
        QVERIFY(view()->mapToScene(viewport()->rect().center()).x() < centre.x() - 50);
    }

    void zoomActionsStayWithinLimits()
    {
        place(NodeKind::WebServer, {0, 0});
        for (int i = 0; i < 30; ++i)
            view()->zoomIn();
        QCOMPARE(view()->zoom(), gui::TopologyView::kMaxZoom);
        for (int i = 0; i < 40; ++i)
            view()->zoomOut();
        QCOMPARE(view()->zoom(), gui::TopologyView::kMinZoom);
        view()->zoomToFit();
        QCOMPARE(view()->zoom(), 1.0);
    }

    void everythingACardPaintsIsInsideItsBounds()
    {
        // Before: the live state pill hung below boundingRect(); the scene never repainted those
        // pixels, so after Stop orange marks stayed under the cards until the zoom changed.
        core::Node node;
        node.id = u"web-1"_s;
        node.kind = NodeKind::WebServer;
        node.name = u"Web server 1"_s;
        gui::NodeItem item(node);
        item.setStateBadge(u"starting"_s, QColor(u"#f59e0b"_s));
        item.setTraffic(u"120/s"_s, Qt::blue);
        item.setFindings(3, true);
        const QRectF bounds = item.boundingRect();
        // Painted into an image with a wide margin; any pixel outside the bounds is a fault.
        const QRectF canvas = bounds.adjusted(-40, -40, 40, 40);
        QImage image(canvas.size().toSize(), QImage::Format_ARGB32);
        image.fill(Qt::transparent);
        {
            QPainter painter(&image);
            painter.translate(-canvas.topLeft());
            QStyleOptionGraphicsItem option;
            item.paint(&painter, &option, nullptr);
        }
        int outside = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                if (qAlpha(image.pixel(x, y)) > 0 &&
                    !bounds.contains(QPointF(x + 0.5, y + 0.5) + canvas.topLeft()))
                    ++outside;
        QCOMPARE(outside, 0);
    }
};

QTEST_MAIN(TestCanvas)
#include "tst_canvas.moc"
