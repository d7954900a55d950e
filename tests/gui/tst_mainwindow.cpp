#include "core/templates.h"
#include "gui/canvas/groupframeitem.h"
#include "gui/canvas/linkitem.h"
#include "gui/canvas/nodeitem.h"
#include "gui/canvas/topologyscene.h"
#include "gui/designeditor.h"
#include "gui/mainwindow.h"
#include "gui/panels/problemspanel.h"

#include <QApplication>
#include <QGraphicsView>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace topolab;

class TestMainWindow : public QObject {
    Q_OBJECT

private:
    static QList<gui::NodeItem *> nodeItems(const gui::MainWindow &window)
    {
        QList<gui::NodeItem *> nodes;
        for (QGraphicsItem *item : window.findChild<QGraphicsView *>()->scene()->items()) {
            if (auto *node = qgraphicsitem_cast<gui::NodeItem *>(item))
                nodes.append(node);
        }
        return nodes;
    }

private slots:
    void templateShowsItsNodesAndProblems()
    {
        gui::MainWindow window;
        QVERIFY(window.openTemplate(u"foobar"_s));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(nodeItems(window).size(), 10);
        const auto *problems = window.findChild<gui::ProblemsPanel *>();
        QVERIFY(problems);
        QCOMPARE(problems->findings().size(), 5);
        QVERIFY(window.windowTitle().contains(u"www.foobar.com"_s));
    }

    void sceneFollowsTheDocument()
    {
        core::TopologyDocument document;
        document.reset(std::get<core::Topology>(core::Templates::load(u"foobar"_s)));
        gui::DesignEditor editor(document);
        gui::TopologyScene scene(editor);
        const auto frames = [&] {
            QList<QRectF> rects;
            for (QGraphicsItem *item : scene.items()) {
                if (item->type() == gui::GroupFrameItem::Type)
                    rects.append(item->sceneBoundingRect());
            }
            return rects.size();
        };
        QCOMPARE(frames(), 3);
        QVERIFY(document.removeNode(u"web-1"_s));
        QVERIFY(document.removeNode(u"app-1"_s));
        QVERIFY(document.removeNode(u"code-1"_s));
        QCOMPARE(frames(), 2);
        QVERIFY(!scene.nodeItem(u"web-1"_s));
        QVERIFY(!scene.linkItem(u"link-2"_s));
        QVERIFY(document.moveNode(u"web-2"_s, {0, 900}));
        QCOMPARE(scene.nodeItem(u"web-2"_s)->pos(), QPointF(0, 900));
    }

    void brokenFileLeavesTheOpenDesignUntouched()
    {
        gui::MainWindow window;
        QVERIFY(window.openTemplate(u"foobar"_s));
        const core::Topology before = window.document().topology();

        QTemporaryDir dir;
        const QString path = dir.filePath(u"broken.topo.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"format\": \"topolab/1\", \"nodes\": [");
        file.close();

        // The dialog is modal: a timer closes whichever message box appears, retrying until one
        // does, so a missing dialog fails the test instead of hanging it.
        QString shownMessage;
        QTimer closer;
        connect(&closer, &QTimer::timeout, this, [&] {
            for (QWidget *widget : QApplication::topLevelWidgets()) {
                if (auto *box = qobject_cast<QMessageBox *>(widget); box && box->isVisible()) {
                    shownMessage = box->text();
                    box->done(QMessageBox::Ok);
                }
            }
        });
        closer.start(20);
        QVERIFY(!window.openFile(path));
        closer.stop();
        QVERIFY2(shownMessage.contains(path) && shownMessage.contains(u"truncated"_s),
                 qPrintable(shownMessage));
        QCOMPARE(window.document().topology(), before);
        QCOMPARE(nodeItems(window).size(), 10);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
