#include "gui/panels/logspanel.h"

#include <QComboBox>
#include <QLineEdit>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace topolab;

// The Logs panel: one line per event with the node it concerns, filtered by node and by text.
class TestLogsPanel : public QObject {
    Q_OBJECT

private slots:
    void theTextFilterSearchesTheNodeColumnAsShown()
    {
        gui::LogsPanel logs;
        logs.setNodes({{u"web-2"_s, u"Web server 2"_s}, {u"lb"_s, u"Load balancer"_s}});
        logs.append({}, u"Starting www.foobar.com…"_s);
        logs.append(u"web-2"_s, u"killed by the user (SIGKILL)"_s);
        logs.append(u"lb"_s, u"Server 2 out of the rotation: health check failed"_s);
        auto *filter = logs.findChild<QLineEdit *>();
        QVERIFY(filter);
        // Before: Topolab's own lines had no name to match, so "topolab" found nothing.
        filter->setText(u"topolab"_s);
        QCOMPARE(logs.visibleLines().size(), 1);
        QVERIFY(logs.visibleLines().first().contains(u"Starting"_s));
        filter->setText(u"web server 2"_s);
        QCOMPARE(logs.visibleLines().size(), 1);
        QVERIFY(logs.visibleLines().first().contains(u"SIGKILL"_s));
        filter->setText(u"server 2"_s);
        QCOMPARE(logs.visibleLines().size(), 2);
        filter->clear();
        QCOMPARE(logs.visibleLines().size(), 3);
    }
};

QTEST_MAIN(TestLogsPanel)
#include "tst_logspanel.moc"
