#include "core/templates.h"
#include "core/topologyfile.h"
#include "freeport.h"
#include "gui/canvas/nodeitem.h"
#include "gui/charts/distributionchart.h"
#include "gui/charts/requestratechart.h"
#include "gui/charts/statuschart.h"
#include "gui/designeditor.h"
#include "gui/live/backendtablemodel.h"
#include "gui/live/livesession.h"
#include "gui/mainwindow.h"
#include "gui/panels/backendtablepanel.h"
#include "gui/panels/chartspanel.h"
#include "gui/panels/loadpanel.h"
#include "gui/panels/logspanel.h"
#include "guitest.h"
#include "runtime/cluster/labsockets.h"
#include "runtime/net/usernamespace.h"
#include "runtime/net/vrrpinstance.h"
#include "topologybuilder.h"

#include <QAction>
#include <QCheckBox>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QInputDialog>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QUndoStack>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace topolab;

// Receives the addresses the window asks the desktop to open, instead of a browser.
class UrlCatcher : public QObject {
    Q_OBJECT

public:
    QList<QUrl> urls;

public slots:
    void open(const QUrl &url) { urls.append(url); }
};

// The product's promise, end to end with the real runtime and a real MariaDB: start the template
// from the window, send load from the load panel, watch the charts and badges, kill a server from
// its menu, and stop with nothing left behind.
class TestLiveControl : public QObject {
    Q_OBJECT

private:
    // Initialised MariaDB folders for this test only, never the user's cache.
    QTemporaryDir m_cache;

    // Processes whose parent is this test: the workers and MariaDB servers it started.
    static QStringList children()
    {
        QStringList found;
        const QString self = QString::number(getpid());
        for (const QString &pid : QDir(u"/proc"_s).entryList(QDir::Dirs)) {
            QFile stat(u"/proc/%1/stat"_s.arg(pid));
            if (!stat.open(QIODevice::ReadOnly))
                continue;
            // "pid (comm) state ppid …": the fields after the last ')' are safe to split.
            const QString line = QString::fromLatin1(stat.readAll());
            const QStringList fields = line.mid(line.lastIndexOf(u')') + 2).split(u' ');
            if (fields.size() > 1 && fields.at(1) == self && fields.at(0) != u"Z"_s)
                found.append(line.left(line.indexOf(u')') + 1));
        }
        return found;
    }

    static void driveLoad(gui::MainWindow &window, int requests)
    {
        gui::LoadPanel *load = window.loadPanel();
        load->requestsField()->setValue(requests);
        load->findChild<QSpinBox *>()->setValue(0); // as fast as answered
        QTRY_VERIFY_WITH_TIMEOUT(load->startButton()->isEnabled(), 10000);
        QTest::mouseClick(load->startButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            load->findChild<QLabel *>(u"loadStatus"_s)->text().startsWith(u"Done"_s), 60000);
    }

    static QString badge(const gui::MainWindow &window, const QString &nodeId)
    {
        return window.scene()->nodeItem(nodeId)->stateBadge();
    }

    // The template in a shown window, on free ports instead of the design's 8080…, so a test
    // never meets a busy port; null when that failed.
    std::unique_ptr<gui::MainWindow> templateOnFreePorts()
    {
        auto window = std::make_unique<gui::MainWindow>();
        window->setWorkerProgram(QStringLiteral(TOPOLAB_BINARY), m_cache.path());
        if (!window->openTemplate(u"foobar"_s))
            return nullptr;
        window->resize(1600, 1000);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return nullptr;
        for (const QString &id :
             {u"lb"_s, u"web-1"_s, u"web-2"_s, u"db-primary"_s, u"db-replica"_s}) {
            if (!window->editor().setProperty(id, u"port"_s, freePort()))
                return nullptr;
        }
        return window;
    }

private slots:
    void initTestCase() { guitest::isolateSettings(); }

    void startLoadKillAndStop()
    {
        std::unique_ptr<gui::MainWindow> window = templateOnFreePorts();
        QVERIFY(window);
        gui::DesignEditor &editor = window->editor();

        window->startClusterAction()->trigger();
        QVERIFY(window->session().isActive());
        auto *resetData = window->findChild<QAction *>(u"resetData"_s);
        QVERIFY(resetData);
        QVERIFY(!resetData->isEnabled());
        // Structure is locked while it runs; the reason says how to unlock it.
        const core::Outcome locked = editor.addNode(core::NodeKind::Firewall, {0, 0});
        QVERIFY(!locked && locked.reason().contains(u"Shift+F5"_s));
        // Undo would change the structure behind the cluster's back, and another design cannot
        // replace the running one.
        QVERIFY(editor.undoStack()->canUndo());
        QAction *undo = window->findChild<QAction *>(u"undo"_s);
        QVERIFY(undo);
        QVERIFY(!undo->isEnabled());
        // Before: Delete was offered on a selected card, then refused. Copy stays offered.
        window->scene()->selectNodes({u"web-2"_s});
        QVERIFY(!window->findChild<QAction *>(u"delete"_s)->isEnabled());
        QVERIFY(!window->findChild<QAction *>(u"cut"_s)->isEnabled());
        QVERIFY(window->findChild<QAction *>(u"copy"_s)->isEnabled());
        {
            guitest::MessageBoxAnswerer ok(QMessageBox::Ok);
            QVERIFY(!window->openTemplate(u"foobar"_s));
            QCOMPARE(ok.texts.size(), 1);
            QVERIFY(ok.texts.first().contains(u"Stop it"_s));
        }
        const QStringList nodes{u"lb"_s,    u"web-1"_s,      u"web-2"_s,     u"app-1"_s,
                                u"app-2"_s, u"db-primary"_s, u"db-replica"_s};
        for (const QString &id : nodes)
            QTRY_COMPARE_WITH_TIMEOUT(badge(*window, id), u"healthy"_s, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(!window->session().host().url().isEmpty(), 5000);
        // Cluster › Open in browser opens the balancer's address.
        QAction *browse = window->findChild<QAction *>(u"openInBrowser"_s);
        QVERIFY(browse);
        QTRY_VERIFY_WITH_TIMEOUT(browse->isEnabled(), 5000);
        UrlCatcher browser;
        QDesktopServices::setUrlHandler(u"http"_s, &browser, "open");
        browse->trigger();
        QDesktopServices::unsetUrlHandler(u"http"_s);
        QCOMPARE(browser.urls, QList<QUrl>{QUrl(window->session().host().url())});

        // Cluster › Exposure scan, from the lab's internet host: the template has no firewall,
        // so its databases' ports answer besides the site, and the dialog says so first.
        QAction *scan = window->findChild<QAction *>(u"scanExposure"_s);
        QVERIFY(scan && scan->isEnabled());
        QSignalSpy scanned(&window->session(), &gui::LiveSession::exposureScanned);
        scan->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(scanned.count(), 1, 5000);
        auto *scanDialog = window->findChild<QDialog *>(u"exposureScanDialog"_s);
        QVERIFY(scanDialog && scanDialog->isVisible());
        const auto exposure = scanned.first().at(0).value<runtime::ExposureReport>();
        const QString verdict = scanDialog->findChild<QLabel *>(u"verdict"_s)->text();
        if (window->session().host().runsLab()) {
            QVERIFY2(exposure.error.isEmpty(), qPrintable(exposure.error));
            QVERIFY(!exposure.exposed().isEmpty());
            QCOMPARE(exposure.exposed().first().target.machine, u"MySQL primary"_s);
            QVERIFY2(verdict.contains(u"the databases among them"_s), qPrintable(verdict));
            auto *ports = scanDialog->findChild<QTableWidget *>(u"ports"_s);
            QCOMPARE(ports->rowCount(), exposure.open().size());
            scanDialog->findChild<QCheckBox *>(u"showAll"_s)->setChecked(true);
            QCOMPARE(ports->rowCount(), exposure.results.size());
            QVERIFY(window->logs()->visibleLines().join(u'\n').contains(
                u"Exposure scan from the internet"_s));
        } else {
            QVERIFY2(verdict.contains(u"one host"_s), qPrintable(verdict));
        }
        scanDialog->close();

        driveLoad(*window, 1000);
        gui::DistributionChart *distribution = window->charts()->distribution();
        const QMap<QString, qint64> even{{u"Server 1"_s, 500}, {u"Server 2"_s, 500}};
        QTRY_COMPARE_WITH_TIMEOUT(distribution->counts(), even, 5000);
        // The rate chart saw the traffic, second by second.
        // (the second that held the load is drawn once it is over).
        QCPGraph *rate1 = window->charts()->requestRate()->graph(0);
        const auto peak = [rate1] {
            double highest = 0;
            for (const QCPGraphData &point : *rate1->data())
                highest = std::max(highest, point.value);
            return highest;
        };
        QTRY_VERIFY_WITH_TIMEOUT(peak() >= 50, 5000);

        // Kill server 2 from its context menu's actions.
        QObject menu;
        const QList<QAction *> actions = window->liveActions(u"web-2"_s, &menu);
        const auto kill = std::find_if(actions.cbegin(), actions.cend(), [](QAction *action) {
            return action->objectName() == u"kill"_s;
        });
        QVERIFY(kill != actions.cend());
        (*kill)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(badge(*window, u"web-2"_s), u"down"_s, 10000);
        QVERIFY(window->scene()->nodeItem(u"web-2"_s)->isDown());
        // The balancer has noticed too before the next load, so the count below is exact.
        QTRY_VERIFY_WITH_TIMEOUT(!window->session().model().balancerUses(u"server-2"_s), 10000);
        // The card says why it is down, even after the balancer noticed (before: "Connection
        // refused", the balancer's word, replaced the process's).
        QTRY_VERIFY_WITH_TIMEOUT(window->scene()
                                     ->nodeItem(u"web-2"_s)
                                     ->toolTip()
                                     .contains(u"its worker process was killed"_s),
                                 5000);
        const qint64 server2 = distribution->counts().value(u"Server 2"_s);
        const qint64 server1 = distribution->counts().value(u"Server 1"_s);

        driveLoad(*window, 300);
        QTRY_COMPARE_WITH_TIMEOUT(distribution->counts().value(u"Server 1"_s), server1 + 300, 5000);
        QCOMPARE(distribution->counts().value(u"Server 2"_s), server2);
        const QStringList markers = window->charts()->requestRate()->markerTexts();
        for (const QString &event : {u"Web server 2 killed"_s, u"Web server 2 down"_s})
            QVERIFY2(markers.contains(event), qPrintable(markers.join(u", "_s)));
        // The log names servers as the design does, never by the processes' ids (before:
        // "server-2: down: …", "server-2 was killed").
        const QString log = window->logs()->visibleLines().join(u'\n');
        QVERIFY2(log.contains(u"Server 2 out of the rotation: "_s), qPrintable(log));
        QVERIFY2(!log.contains(u"server-2"_s),
                 qPrintable(window->logs()->visibleLines().filter(u"server-2"_s).join(u" | "_s)));

        // The balancer runs on but says it has lost a server.
        QCOMPARE(badge(*window, u"lb"_s), u"degraded"_s);
        // The Problems panel lists what is down now, above the design's findings.
        auto *problems = window->findChild<QListWidget *>(u"problemsList"_s);
        QVERIFY(problems && problems->count() > 2);
        const QStringList firstTwo{problems->item(0)->text(), problems->item(1)->text()};
        QCOMPARE(firstTwo,
                 (QStringList{u"Application server 2 is down"_s, u"Web server 2 is down"_s}));

        // Freeze and thaw server 1; break and restore replication: each shows and is logged.
        const auto trigger = [&](const QString &node, const QString &name) {
            QObject owner;
            const QList<QAction *> live = window->liveActions(node, &owner);
            const auto found = std::find_if(live.cbegin(), live.cend(), [&](QAction *action) {
                return action->objectName() == name;
            });
            if (found == live.cend() || !(*found)->isEnabled())
                return false;
            (*found)->trigger();
            return true;
        };
        QVERIFY(trigger(u"web-1"_s, u"pause"_s));
        QTRY_COMPARE_WITH_TIMEOUT(badge(*window, u"web-1"_s), u"paused"_s, 5000);
        QVERIFY(trigger(u"web-1"_s, u"resume"_s));
        QTRY_COMPARE_WITH_TIMEOUT(badge(*window, u"web-1"_s), u"healthy"_s, 10000);
        QVERIFY(trigger(u"db-replica"_s, u"breakReplication"_s));
        QTRY_VERIFY_WITH_TIMEOUT(
            window->logs()->visibleLines().join(u'\n').contains(u"replication broken"_s), 10000);
        QVERIFY(trigger(u"db-replica"_s, u"restoreReplication"_s));
        QTRY_VERIFY_WITH_TIMEOUT(
            window->logs()->visibleLines().join(u'\n').contains(u"replication restored"_s), 10000);
        // Server 2, killed above, restarted: the log says it is back (before: only that it left).
        QVERIFY(trigger(u"web-2"_s, u"restart"_s));
        QTRY_COMPARE_WITH_TIMEOUT(badge(*window, u"web-2"_s), u"healthy"_s, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(
            window->logs()->visibleLines().join(u'\n').contains(u"Server 2 back in the rotation"_s),
            10000);

        window->stopClusterAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!window->session().isActive(), 30000);
        QVERIFY(window->startClusterAction()->isEnabled());
        QVERIFY(!browse->isEnabled());
        QVERIFY(!scan->isEnabled());
        QVERIFY(!scanDialog->findChild<QPushButton *>(u"scanAgain"_s)->isEnabled());
        window->scene()->selectNodes({u"web-2"_s});
        QVERIFY(window->findChild<QAction *>(u"delete"_s)->isEnabled());
        QVERIFY2(children().isEmpty(), qPrintable(children().join(u"; "_s)));
        // The design's databases stay after Stop, in the user's data folder, until Reset data.
        const QString kept =
            QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + u"/designs"_s;
        QDir designs(kept);
        QCOMPARE(designs.entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 1);
        const QString folder =
            designs.filePath(designs.entryList(QDir::Dirs | QDir::NoDotAndDotDot).first());
        QVERIFY(QFileInfo::exists(folder + u"/primary/binlog.index"_s));
        QVERIFY(resetData->isEnabled());
        {
            guitest::MessageBoxAnswerer yes(QMessageBox::Yes);
            resetData->trigger();
            QCOMPARE(yes.texts.size(), 1);
            QVERIFY(yes.texts.first().contains(folder));
        }
        QVERIFY(!QFileInfo::exists(folder));
        guitest::MessageBoxAnswerer discard(QMessageBox::Discard);
        window.reset();
        QVERIFY2(children().isEmpty(), qPrintable(children().join(u"; "_s)));
    }

    void theServersTableDrainsAndWeighsServersLive()
    {
        std::unique_ptr<gui::MainWindow> window = templateOnFreePorts();
        QVERIFY(window);
        gui::DesignEditor &editor = window->editor();
        window->startClusterAction()->trigger();
        for (const QString &id : {u"lb"_s, u"web-1"_s, u"web-2"_s})
            QTRY_COMPARE_WITH_TIMEOUT(badge(*window, id), u"healthy"_s, 60000);

        gui::BackendTablePanel *panel = window->servers();
        gui::BackendTableModel &table = panel->model();
        QCOMPARE(table.rowCount(), 2);
        const auto cell = [&](int row, runtime::BackendTable::Column column) {
            return table.data(table.index(row, column)).toString();
        };
        QTRY_COMPARE_WITH_TIMEOUT(cell(1, runtime::BackendTable::State), u"up"_s, 5000);
        QCOMPARE(cell(1, runtime::BackendTable::Server), u"Server 2"_s);
        QTRY_VERIFY_WITH_TIMEOUT(
            cell(1, runtime::BackendTable::LastCheck).startsWith(u"answered 200, "_s), 5000);

        // Drain server 2 from the table: it finishes its requests and takes no new ones.
        panel->view().selectRow(1);
        auto *drain = panel->findChild<QAction *>(u"drain"_s);
        QVERIFY(drain && drain->isEnabled());
        drain->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(cell(1, runtime::BackendTable::State), u"drained"_s, 5000);
        QCOMPARE(badge(*window, u"web-2"_s), u"drained"_s);
        QVERIFY(!drain->isEnabled());
        gui::DistributionChart *distribution = window->charts()->distribution();
        const qint64 server2 = distribution->counts().value(u"Server 2"_s);
        const qint64 server1 = distribution->counts().value(u"Server 1"_s);
        driveLoad(*window, 200);
        QVERIFY(window->loadPanel()
                    ->findChild<QLabel *>(u"loadStatus"_s)
                    ->text()
                    .contains(u"200 answered, 0 failed"_s));
        QTRY_COMPARE_WITH_TIMEOUT(distribution->counts().value(u"Server 1"_s), server1 + 200, 5000);
        QCOMPARE(distribution->counts().value(u"Server 2"_s), server2);
        const QString log = window->logs()->visibleLines().join(u'\n');
        QVERIFY2(log.contains(u"Server 2 draining: no new requests"_s), qPrintable(log));
        QVERIFY2(log.contains(u"Server 2 drained: its last request has finished"_s),
                 qPrintable(log));
        QVERIFY(window->charts()->requestRate()->markerTexts().contains(u"Server 2 draining"_s));

        // Ready again from the card's menu.
        {
            QObject owner;
            const QList<QAction *> actions = window->liveActions(u"web-2"_s, &owner);
            const auto ready = std::find_if(actions.cbegin(), actions.cend(), [](QAction *a) {
                return a->objectName() == u"ready"_s;
            });
            QVERIFY(ready != actions.cend() && (*ready)->isEnabled());
            (*ready)->trigger();
        }
        QTRY_COMPARE_WITH_TIMEOUT(cell(1, runtime::BackendTable::State), u"up"_s, 5000);
        QCOMPARE(badge(*window, u"web-2"_s), u"healthy"_s);

        // A weight edited in the table goes into the design and to the running balancer, and the
        // split follows within a second.
        QVERIFY(editor.setProperty(u"lb"_s, u"algorithm"_s, u"weighted"_s));
        QVERIFY(table.flags(table.index(0, runtime::BackendTable::Weight)) & Qt::ItemIsEditable);
        // Typed into the table's own editor, which the samples arriving meanwhile must leave
        // alone (before: reset to the running weight five times a second).
        window->findChild<QDockWidget *>(u"serversDock"_s)->raise();
        const QModelIndex weightCell = table.index(0, runtime::BackendTable::Weight);
        panel->view().setCurrentIndex(weightCell);
        panel->view().edit(weightCell);
        auto *spin = panel->view().viewport()->findChild<QSpinBox *>();
        QVERIFY(spin);
        QCOMPARE(spin->maximum(), 100);
        spin->setValue(3);
        QTest::qWait(700);
        QCOMPARE(spin->value(), 3);
        // As the Return key does: the delegate hands the value to the table.
        emit panel->view().itemDelegateForColumn(runtime::BackendTable::Weight)->commitData(spin);
        QCOMPARE(window->document().topology().property(u"web-1"_s, u"weight"_s).toInt(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(cell(0, runtime::BackendTable::Weight), u"3"_s, 1000);
        const qint64 before1 = distribution->counts().value(u"Server 1"_s);
        const qint64 before2 = distribution->counts().value(u"Server 2"_s);
        driveLoad(*window, 400);
        QTRY_COMPARE_WITH_TIMEOUT(distribution->counts().value(u"Server 1"_s) +
                                      distribution->counts().value(u"Server 2"_s),
                                  before1 + before2 + 400, 5000);
        const qint64 to1 = distribution->counts().value(u"Server 1"_s) - before1;
        QVERIFY2(std::abs(to1 - 300) <= 4, qPrintable(QString::number(to1)));
        QVERIFY(
            window->logs()->visibleLines().join(u'\n').contains(u"Server 1 weight 3 (was 1)"_s));

        window->stopClusterAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!window->session().isActive(), 30000);
        guitest::MessageBoxAnswerer discard(QMessageBox::Discard);
        window.reset();
        QVERIFY2(children().isEmpty(), qPrintable(children().join(u"; "_s)));
    }

    void quittingWhileRunningLeavesNothingBehind()
    {
        std::unique_ptr<gui::MainWindow> window = templateOnFreePorts();
        QVERIFY(window);
        window->startClusterAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(badge(*window, u"web-1"_s), u"healthy"_s, 60000);
        QVERIFY(!children().isEmpty());
        guitest::MessageBoxAnswerer discard(QMessageBox::Discard);
        window.reset();
        QVERIFY2(children().isEmpty(), qPrintable(children().join(u"; "_s)));
    }

    void theFixedDesignShowsOnlyTheSiteAndCountsWhatItsFirewallDrops()
    {
        QString why;
        if (!runtime::UserNamespace::isAvailable(&why))
            QSKIP(qPrintable(u"no lab on this machine: "_s + why));
        if (const QString missing = runtime::VrrpInstance::missingTool(); !missing.isEmpty())
            QSKIP(qPrintable(missing));
        gui::MainWindow window;
        window.setWorkerProgram(QStringLiteral(TOPOLAB_BINARY), m_cache.path());
        QVERIFY(window.openTemplate(u"foobar-fixed"_s));
        window.resize(1600, 1000);
        window.show();
        // Only the forward listens on the desktop; the servers are in their hosts.
        const int port = freePort();
        for (const QString &id : {u"lb"_s, u"lb-2"_s})
            QVERIFY(window.editor().setProperty(id, u"port"_s, port));
        window.startClusterAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(badge(window, u"fw"_s), u"healthy"_s, 60000);
        QAction *scan = window.findChild<QAction *>(u"scanExposure"_s);
        QTRY_VERIFY_WITH_TIMEOUT(scan->isEnabled(), 60000);
        // Before the scan: what it dropped so far (next to nothing), said on the card.
        gui::NodeItem *firewall = window.scene()->nodeItem(u"fw"_s);
        const auto dropped = [&] {
            const QString text = firewall->trafficText();
            return text.endsWith(u" dropped"_s) ? text.section(u' ', 0, 0).toLongLong() : -1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(dropped() >= 0, 5000);
        const qint64 before = dropped();

        QSignalSpy scanned(&window.session(), &gui::LiveSession::exposureScanned);
        scan->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(scanned.count(), 1, 5000);
        const auto exposure = scanned.first().at(0).value<runtime::ExposureReport>();
        QVERIFY2(exposure.exposed().isEmpty(), qPrintable(exposure.verdict()));
        QCOMPARE(exposure.open().size(), 1);
        auto *dialog = window.findChild<QDialog *>(u"exposureScanDialog"_s);
        QVERIFY(dialog->findChild<QLabel *>(u"verdict"_s)
                    ->text()
                    .startsWith(u"The internet reaches only the site"_s));
        dialog->close();

        // The scan's probes of the closed ports were dropped: the card, the chart and the log
        // say so, from the firewall's own counters.
        QTRY_VERIFY_WITH_TIMEOUT(
            dropped() >= before + exposure.count(runtime::ExposureReport::Outcome::Filtered), 5000);
        gui::StatusChart *status = window.charts()->status();
        QVERIFY(status->legend->hasItemWithPlottable(status->drops()));
        QTRY_VERIFY_WITH_TIMEOUT(status->drops()->data()->size() > 0, 5000);
        double peak = 0;
        for (const QCPGraphData &point : *status->drops()->data())
            peak = std::max(peak, point.value);
        QVERIFY2(peak > 0, "the chart shows no packet dropped");
        QTRY_VERIFY_WITH_TIMEOUT(window.logs()->visibleLines().join(u'\n').contains(u"dropped"_s),
                                 10000);

        window.stopClusterAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!window.session().isActive(), 30000);
        QVERIFY(firewall->trafficText().isEmpty());
        QVERIFY2(children().isEmpty(), qPrintable(children().join(u"; "_s)));
        guitest::MessageBoxAnswerer discard(QMessageBox::Discard);
    }

    void attachingShowsTheDesignTheLabRuns()
    {
        // A held run in a terminal, of a design without databases (they only make it slower).
        QTemporaryDir dir;
        const QString file = dir.filePath(u"two.topo.json"_s);
        {
            core::Topology topology =
                TopologyBuilder()
                    .node(u"lb"_s, core::NodeKind::LoadBalancer, {{u"port"_s, freePort()}})
                    .node(u"web-1"_s, core::NodeKind::WebServer, {{u"port"_s, freePort()}})
                    .node(u"web-2"_s, core::NodeKind::WebServer, {{u"port"_s, freePort()}})
                    .link(u"lb"_s, u"web-1"_s)
                    .link(u"lb"_s, u"web-2"_s)
                    .build();
            topology.setName(u"As it runs"_s);
            QVERIFY(!core::TopologyFile::save(topology, file));
        }
        QString error;
        const QString socket = runtime::LabSockets::newPath(&error);
        QVERIFY2(!socket.isEmpty(), qPrintable(error));
        QProcess held;
        held.setProgram(QStringLiteral(TOPOLAB_BINARY));
        held.setArguments({u"run"_s, file, u"--hold"_s, u"--requests"_s, u"0"_s, u"--control"_s,
                           socket, u"--cache-folder"_s, m_cache.path(), u"--data-folder"_s,
                           dir.filePath(u"data"_s)});
        held.start();
        QVERIFY(held.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(runtime::LabSockets::listening().contains(socket), 60000);
        const QString pid = u"(process %1)"_s.arg(held.processId());
        // Picks this test's lab in the list, whatever else runs on the machine.
        const auto attach = [&](gui::MainWindow &window) {
            QTimer picker;
            connect(&picker, &QTimer::timeout, &picker, [&] {
                for (QWidget *widget : QApplication::topLevelWidgets()) {
                    auto *dialog = qobject_cast<QInputDialog *>(widget);
                    if (!dialog || !dialog->isVisible())
                        continue;
                    for (const QString &item : dialog->comboBoxItems())
                        if (item.endsWith(pid))
                            dialog->setTextValue(item);
                    dialog->accept();
                }
            });
            picker.start(20);
            window.findChild<QAction *>(u"attachLab"_s)->trigger();
        };

        {
            // The file holds what runs: the window follows the file, so Save goes back there.
            gui::MainWindow window;
            window.resize(1600, 1000);
            window.show();
            attach(window);
            QCOMPARE(window.filePath(), QFileInfo(file).absoluteFilePath());
            QTRY_VERIFY_WITH_TIMEOUT(window.session().isRunning(), 5000);
            QCOMPARE(window.editor().document().topology().name(), u"As it runs"_s);
            guitest::MessageBoxAnswerer discard(QMessageBox::Discard);
        }
        // Closing the window detached it; the lab runs on. Its file changes meanwhile.
        QCOMPARE(held.state(), QProcess::Running);
        {
            core::Topology changed = std::get<core::Topology>(core::TopologyFile::load(file));
            changed.setName(u"Edited since"_s);
            QVERIFY(!core::TopologyFile::save(changed, file));
        }
        gui::MainWindow window;
        window.resize(1600, 1000);
        window.show();
        attach(window);
        // Shown as the lab runs it, in no file: saving it must not overwrite the edited one.
        QCOMPARE(window.editor().document().topology().name(), u"As it runs"_s);
        QVERIFY(window.filePath().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(window.session().isRunning(), 5000);
        QCOMPARE(std::get<core::Topology>(core::TopologyFile::load(file)).name(),
                 u"Edited since"_s);
        // Stopped from the window, the lab ends.
        window.stopClusterAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(held.state(), QProcess::NotRunning, 30000);
        QCOMPARE(held.exitCode(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!window.session().isActive(), 5000);
        guitest::MessageBoxAnswerer discard(QMessageBox::Discard);
    }

    void aFailedStartLeavesTheFailingCardMarkedWithItsReason()
    {
        // Before: a red status-bar message for a few seconds, then nothing on the cards.
        auto window = std::make_unique<gui::MainWindow>();
        window->setWorkerProgram(QStringLiteral(TOPOLAB_BINARY), m_cache.path());
        QVERIFY(window->openTemplate(u"foobar"_s));
        for (const QString &id : {u"web-1"_s, u"web-2"_s, u"db-primary"_s, u"db-replica"_s})
            QVERIFY(window->editor().setProperty(id, u"port"_s, freePort()));
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost));
        QVERIFY(window->editor().setProperty(u"lb"_s, u"port"_s, squatter.serverPort()));
        window->startClusterAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!window->session().isActive(), 60000);
        QCOMPARE(badge(*window, u"lb"_s), u"down"_s);
        const QString tip = window->scene()->nodeItem(u"lb"_s)->toolTip();
        QVERIFY2(tip.contains(u"did not start"_s) &&
                     tip.contains(QString::number(squatter.serverPort())),
                 qPrintable(tip));
        // The others ran and were stopped: no mark on them.
        QCOMPARE(badge(*window, u"web-1"_s), QString());
        // The Problems panel puts it first, with the reason, above the design's findings.
        auto *problems = window->findChild<QListWidget *>(u"problemsList"_s);
        QVERIFY(problems && problems->count() > 1);
        QCOMPARE(problems->item(0)->text(), u"Load balancer did not start"_s);
        QVERIFY(problems->item(0)->toolTip().contains(QString::number(squatter.serverPort())));
        QVERIFY2(children().isEmpty(), qPrintable(children().join(u"; "_s)));
        guitest::MessageBoxAnswerer discard(QMessageBox::Discard);
        window.reset();
    }
};

QTEST_MAIN(TestLiveControl)
#include "tst_livecontrol.moc"
