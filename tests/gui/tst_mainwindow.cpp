#include "core/templates.h"
#include "core/topologyfile.h"
#include "core/topologyjson.h"
#include "gui/canvas/groupframeitem.h"
#include "gui/canvas/linkitem.h"
#include "gui/canvas/nodeitem.h"
#include "gui/canvas/topologyscene.h"
#include "gui/charts/distributionchart.h"
#include "gui/designeditor.h"
#include "gui/files/recentfiles.h"
#include "gui/files/recoverystore.h"
#include "gui/files/sceneexporter.h"
#include "gui/mainwindow.h"
#include "gui/panels/chartspanel.h"
#include "gui/panels/problemspanel.h"
#include "guitest.h"
#include <QDockWidget>

#include <QApplication>
#include <QDir>
#include <QGraphicsView>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

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

    static QStringList rules(const QList<core::Finding> &findings)
    {
        QStringList ids;
        for (const core::Finding &finding : findings)
            ids.append(finding.rule);
        ids.sort();
        return ids;
    }

    static QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &data)
    {
        const QString path = dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

private slots:
    void initTestCase() { guitest::isolateSettings(); }

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
        // Before: hidden until the first start, so a new user did not know they exist.
        for (const QString &name :
             {u"chartsDock"_s, u"serversDock"_s, u"logsDock"_s, u"loadDock"_s})
            QVERIFY2(window.findChild<QDockWidget *>(name)->isVisibleTo(&window), qPrintable(name));
        // The charts name the design's servers ahead of a start.
        QCOMPARE(window.charts()->distribution()->xAxis->tickVectorLabels(),
                 (QList<QString>{u"Server 1"_s, u"Server 2"_s}));
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

    // A design file cut off in the middle.
    static QString writeBrokenDesign(const QTemporaryDir &dir)
    {
        const QString path = dir.filePath(u"broken.topo.json"_s);
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write("{\"format\": \"topolab/1\", \"nodes\": [");
        return path;
    }

    void brokenFileLeavesTheOpenDesignUntouched()
    {
        gui::MainWindow window;
        QVERIFY(window.openTemplate(u"foobar"_s));
        const core::Topology before = window.document().topology();
        QTemporaryDir dir;
        const QString path = writeBrokenDesign(dir);
        // The dialog is modal: the answerer closes whichever message box appears, so a missing
        // dialog fails the test instead of hanging it.
        guitest::MessageBoxAnswerer ok(QMessageBox::Ok);
        QVERIFY(!window.openFile(path));
        QCOMPARE(ok.texts.size(), 1);
        QVERIFY2(ok.texts.first().contains(path) && ok.texts.first().contains(u"truncated"_s),
                 qPrintable(ok.texts.first()));
        QCOMPARE(window.document().topology(), before);
        QCOMPARE(nodeItems(window).size(), 10);
    }

    void aBrokenFileAtStartIsReportedOverTheTemplate()
    {
        // Before: the error about the file was shown over an empty, nameless design
        // ("Untitled —  — Topolab"); the template came only after the message was closed.
        QTemporaryDir dir;
        const QString path = writeBrokenDesign(dir);
        gui::MainWindow window;
        QString titleBehind;
        guitest::MessageBoxAnswerer ok(QMessageBox::Ok);
        ok.seen = [&] { titleBehind = window.windowTitle(); };
        window.files().openAtStart(path);
        QCOMPARE(ok.texts.size(), 1);
        QVERIFY2(titleBehind.contains(u"www.foobar.com"_s), qPrintable(titleBehind));
        QCOMPARE(window.document().topology().name(), u"www.foobar.com"_s);
    }

    void problemsFollowEveryChange()
    {
        gui::MainWindow window;
        QVERIFY(window.openTemplate(u"foobar"_s));
        const auto *problems = window.findChild<gui::ProblemsPanel *>();
        QCOMPARE(rules(problems->findings()),
                 (QStringList{u"no-firewall"_s, u"no-https"_s, u"no-monitoring"_s,
                              u"single-point-of-failure"_s, u"single-point-of-failure"_s}));
        // Cards carry a badge with their number of findings.
        QCOMPARE(window.scene()->nodeItem(u"lb"_s)->findingCount(), 4);
        QCOMPARE(window.scene()->nodeItem(u"db-primary"_s)->findingCount(), 2);
        QCOMPARE(window.scene()->nodeItem(u"code-1"_s)->findingCount(), 0);

        // A second balancer beside the first: the balancer is no longer a single point of failure.
        // It listens on a port of its own: both on 8080 of this one machine would conflict.
        gui::DesignEditor &editor = window.editor();
        QString lb2;
        QVERIFY(editor.addNode(core::NodeKind::LoadBalancer, {700, 140}, &lb2));
        QVERIFY(editor.setProperty(lb2, u"port"_s, 8443));
        QVERIFY(editor.connectNodes(u"dns"_s, lb2));
        QVERIFY(editor.connectNodes(lb2, u"web-1"_s));
        QVERIFY(editor.connectNodes(lb2, u"web-2"_s));
        QCOMPARE(rules(problems->findings()),
                 (QStringList{u"no-firewall"_s, u"no-https"_s, u"no-monitoring"_s,
                              u"single-point-of-failure"_s}));
        QVERIFY(std::none_of(problems->findings().cbegin(), problems->findings().cend(),
                             [](const core::Finding &finding) {
                                 return finding.rule == u"single-point-of-failure"_s &&
                                        finding.nodes.contains(u"lb"_s);
                             }));

        // A firewall in front of both: "no firewall" goes, and a lone firewall is the new single
        // point of failure, with a badge on its card.
        QString fw;
        QVERIFY(editor.addNode(core::NodeKind::Firewall, {560, 40}, &fw));
        QVERIFY(editor.deleteItems({}, {u"link-1"_s, editor.topology().linksTo(lb2).first().id}));
        QVERIFY(editor.connectNodes(u"dns"_s, fw));
        QVERIFY(editor.connectNodes(fw, u"lb"_s));
        QVERIFY(editor.connectNodes(fw, lb2));
        const QStringList now = rules(problems->findings());
        QVERIFY2(!now.contains(u"no-firewall"_s), qPrintable(now.join(u' ')));
        QVERIFY(std::any_of(problems->findings().cbegin(), problems->findings().cend(),
                            [&](const core::Finding &finding) {
                                return finding.rule == u"single-point-of-failure"_s &&
                                       finding.nodes.contains(fw);
                            }));
        QCOMPARE(window.scene()->nodeItem(fw)->findingCount(), 1);

        // Undoing everything brings the original findings back.
        while (editor.undoStack()->canUndo())
            editor.undoStack()->undo();
        QCOMPARE(problems->findings().size(), 5);

        // Opening the same design again (same findings) redraws every card with its badge.
        QVERIFY(window.openTemplate(u"foobar"_s));
        QCOMPARE(window.scene()->nodeItem(u"lb"_s)->findingCount(), 4);
    }

    void replacingTheDesignWithASelectionIsSafe()
    {
        gui::MainWindow window;
        QVERIFY(window.openTemplate(u"foobar"_s));
        window.scene()->selectNodes({u"lb"_s, u"web-1"_s});
        QCOMPARE(window.scene()->selectedNodeIds().size(), 2);
        // The new design shares every id with the old one: nothing of the old items may be used.
        QVERIFY(window.openTemplate(u"foobar"_s));
        QVERIFY(window.scene()->selectedNodeIds().isEmpty());
        QVERIFY(window.findChild<QLineEdit *>(u"designName"_s));
    }

    void clickingAFindingSelectsItsNodes()
    {
        gui::MainWindow window;
        QVERIFY(window.openTemplate(u"foobar"_s));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *list = window.findChild<QListWidget *>(u"problemsList"_s);
        QVERIFY(list);
        const auto *problems = window.findChild<gui::ProblemsPanel *>();
        const int row = static_cast<int>(std::distance(
            problems->findings().cbegin(),
            std::find_if(problems->findings().cbegin(), problems->findings().cend(),
                         [](const core::Finding &f) { return f.nodes == QStringList{u"lb"_s}; })));
        QVERIFY(row < list->count());
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                          list->visualItemRect(list->item(row)).center());
        QCOMPARE(window.scene()->selectedNodeIds(), QStringList{u"lb"_s});
    }

    void saveThenReopenGivesAnEqualDesign()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"shop.topo.json"_s);
        core::Topology saved;
        {
            gui::MainWindow window;
            QVERIFY(window.openTemplate(u"foobar"_s));
            QVERIFY(!window.isModified());
            QVERIFY(window.editor().moveNodes({{u"lb"_s, {500, 160}}}, 0));
            QVERIFY(window.editor().setProperty(u"lb"_s, u"algorithm"_s, u"ip-hash"_s));
            QVERIFY(window.isModified());
            QVERIFY(window.windowTitle().startsWith(u"Untitled[*]"_s));
            QVERIFY(window.saveTo(path));
            QVERIFY(!window.isModified());
            QVERIFY(window.windowTitle().startsWith(u"shop.topo.json[*]"_s));
            QCOMPARE(gui::RecentFiles().files().value(0), path);
            saved = window.document().topology();
        }
        gui::MainWindow reopened;
        QVERIFY(reopened.openFile(path));
        QCOMPARE(reopened.document().topology(), saved);
        QCOMPARE(reopened.filePath(), path);
        QVERIFY(!reopened.isModified());
        // The undo history starts with the opened file: nothing to undo into another design.
        QVERIFY(!reopened.editor().undoStack()->canUndo());
    }

    void closingWithChangesAsksFirst()
    {
        gui::MainWindow window;
        QVERIFY(window.openTemplate(u"foobar"_s));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.editor().renameNode(u"lb"_s, u"Edge"_s));
        {
            guitest::MessageBoxAnswerer cancel(QMessageBox::Cancel);
            QVERIFY(!window.close());
            QCOMPARE(cancel.texts.size(), 1);
            QVERIFY2(cancel.texts.first().contains(u"save the changes"_s),
                     qPrintable(cancel.texts.first()));
        }
        QVERIFY(window.isVisible());
        QCOMPARE(window.document().topology().node(u"lb"_s)->name, u"Edge"_s);
        // New and Open ask too; Cancel keeps the design.
        {
            guitest::MessageBoxAnswerer cancel(QMessageBox::Cancel);
            QVERIFY(!window.newDesign());
            QCOMPARE(cancel.texts.size(), 1);
        }
        QCOMPARE(window.document().topology().node(u"lb"_s)->name, u"Edge"_s);
        {
            QTemporaryDir dir;
            const core::Topology other =
                std::get<core::Topology>(core::Templates::load(u"foobar"_s));
            const QString path = dir.filePath(u"other.topo.json"_s);
            QCOMPARE(core::TopologyFile::save(other, path), std::nullopt);
            guitest::MessageBoxAnswerer cancel(QMessageBox::Cancel);
            QVERIFY(!window.openFile(path));
            QCOMPARE(cancel.texts.size(), 1);
        }
        QCOMPARE(window.document().topology().node(u"lb"_s)->name, u"Edge"_s);
        {
            guitest::MessageBoxAnswerer discard(QMessageBox::Discard);
            QVERIFY(window.close());
            QCOMPARE(discard.texts.size(), 1);
        }
        // An unchanged design closes without a question.
        gui::MainWindow clean;
        QVERIFY(clean.openTemplate(u"foobar"_s));
        clean.show();
        guitest::MessageBoxAnswerer none(QMessageBox::Cancel);
        QVERIFY(clean.close());
        QVERIFY(none.texts.isEmpty());
    }

    void autosaveIsOfferedBackAfterACrash()
    {
        QTemporaryDir dir;
        gui::MainWindow crashed;
        QVERIFY(crashed.openTemplate(u"foobar"_s));
        crashed.setAutosaveInterval(30);
        QVERIFY(crashed.editor().renameDesign(u"unsaved work"_s));
        QVERIFY(crashed.editor().moveNodes({{u"dns"_s, {0, -200}}}, 0));
        const QDir store(crashed.recoveryStore().directory());
        QTRY_COMPARE(store.entryList({u"*.recovery.json"_s}).size(), 1);

        // The Topolab that wrote it is gone without a lock: copy its autosave under another name,
        // as a crashed process leaves it.
        const QString own = store.filePath(store.entryList({u"*.recovery.json"_s}).first());
        const QString orphan = store.filePath(u"crashed.recovery.json"_s);
        QVERIFY(QFile::copy(own, orphan));
        const core::Topology lost = crashed.document().topology();

        gui::MainWindow next;
        {
            guitest::MessageBoxAnswerer yes(QMessageBox::Yes);
            QVERIFY(next.offerRecovery());
            QCOMPARE(yes.texts.size(), 1);
            QVERIFY2(yes.texts.first().contains(u"unsaved work"_s), qPrintable(yes.texts.first()));
        }
        QCOMPARE(next.document().topology(), lost);
        QVERIFY(next.isModified());
        // The restored work has its own autosave before the old copy is gone.
        QVERIFY(!QFile::exists(orphan));
        QCOMPARE(store.entryList({u"*.recovery.json"_s}).size(), 2);
        // The live windows' own autosaves are never offered: their locks are held.
        gui::MainWindow third;
        {
            guitest::MessageBoxAnswerer none(QMessageBox::Yes);
            QVERIFY(!third.offerRecovery());
            QVERIFY(none.texts.isEmpty());
        }
        {
            guitest::MessageBoxAnswerer discard(QMessageBox::Discard);
            crashed.close();
            next.close();
        }
        QVERIFY(store.entryList({u"*.recovery.json"_s}).isEmpty());
    }

    void severalAutosavesAreOfferedOneByOne()
    {
        gui::MainWindow window;
        const QDir store(window.recoveryStore().directory());
        QVERIFY(store.mkpath(u"."_s));
        const auto orphan = [&](const QString &name, const QString &design, const QString &when) {
            core::Topology topology;
            QVERIFY(topology.setName(design));
            const QJsonObject json{{u"source"_s, QString()},
                                   {u"savedAt"_s, when},
                                   {u"design"_s, core::TopologyJson::toJson(topology)}};
            QFile file(store.filePath(name + u".recovery.json"_s));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QJsonDocument(json).toJson());
        };
        orphan(u"a"_s, u"oldest"_s, u"2026-01-01T10:00:00Z"_s);
        orphan(u"b"_s, u"middle"_s, u"2026-01-02T10:00:00Z"_s);
        orphan(u"c"_s, u"newest"_s, u"2026-01-03T10:00:00Z"_s);

        // Declined: the newest goes; accepted: the middle one is restored; the oldest is kept for
        // the next start and the user is told so.
        int asked = 0;
        QTimer answerer;
        QStringList texts;
        connect(&answerer, &QTimer::timeout, this, [&] {
            for (QWidget *widget : QApplication::topLevelWidgets()) {
                auto *box = qobject_cast<QMessageBox *>(widget);
                if (!box || !box->isVisible())
                    continue;
                texts.append(box->text());
                if (box->button(QMessageBox::Yes))
                    box->button(asked++ == 0 ? QMessageBox::No : QMessageBox::Yes)->click();
                else
                    box->accept();
            }
        });
        answerer.start(20);
        QVERIFY(window.offerRecovery());
        answerer.stop();
        QCOMPARE(texts.size(), 3);
        QVERIFY(texts.at(0).contains(u"newest"_s));
        QVERIFY(texts.at(1).contains(u"middle"_s));
        QVERIFY(texts.at(2).contains(u"next time"_s));
        QCOMPARE(window.document().topology().name(), u"middle"_s);
        QVERIFY(!QFile::exists(store.filePath(u"c.recovery.json"_s)));
        QVERIFY(!QFile::exists(store.filePath(u"b.recovery.json"_s)));
        QVERIFY(QFile::exists(store.filePath(u"a.recovery.json"_s)));
        QFile::remove(store.filePath(u"a.recovery.json"_s));
        guitest::MessageBoxAnswerer discard(QMessageBox::Discard);
        window.close();
    }

    void anUnreadableAutosaveIsKeptAndReported()
    {
        gui::MainWindow window;
        const QDir store(window.recoveryStore().directory());
        QVERIFY(store.mkpath(u"."_s));
        const QString path = store.filePath(u"garbled.recovery.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"design\": {\"format\": \"topolab/1\", \"nodes\": 5}}");
        file.close();
        guitest::MessageBoxAnswerer ok(QMessageBox::Ok);
        QVERIFY(!window.offerRecovery());
        QCOMPARE(ok.texts.size(), 1);
        QVERIFY(ok.texts.first().contains(u".broken"_s));
        QVERIFY(QFile::exists(path + u".broken"_s));
        QFile::remove(path + u".broken"_s);
    }

    void exportsPngAndSvg()
    {
        gui::MainWindow window;
        QVERIFY(window.openTemplate(u"foobar"_s));
        QTemporaryDir dir;
        const QString png = dir.filePath(u"design.png"_s);
        const QString svg = dir.filePath(u"design.svg"_s);
        QCOMPARE(gui::SceneExporter::exportPng(*window.scene(), png), std::nullopt);
        QCOMPARE(gui::SceneExporter::exportSvg(*window.scene(), svg, u"www.foobar.com"_s),
                 std::nullopt);
        const QImage image(png);
        QVERIFY(!image.isNull());
        // Twice the natural size of the drawing, which is over 1000 px wide.
        QVERIFY2(image.width() > 2000, qPrintable(QString::number(image.width())));
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("<svg"));
        QVERIFY(text.contains("Load balancer"));
        // A folder that does not exist gives a message naming the file, not a crash.
        const auto error =
            gui::SceneExporter::exportPng(*window.scene(), dir.filePath(u"no/such/x.png"_s));
        QVERIFY(error && error->contains(u"x.png"_s));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
