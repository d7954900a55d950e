#include "gui/canvas/nodeitem.h"
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

        QString shownMessage;
        QTimer::singleShot(0, this, [&] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (box) {
                shownMessage = box->text();
                box->accept();
            }
        });
        QVERIFY(!window.openFile(path));
        QVERIFY2(shownMessage.contains(path) && shownMessage.contains(u"truncated"_s),
                 qPrintable(shownMessage));
        QCOMPARE(window.document().topology(), before);
        QCOMPARE(nodeItems(window).size(), 10);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
