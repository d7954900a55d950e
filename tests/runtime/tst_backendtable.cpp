#include "runtime/metrics/backendtable.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace topolab::runtime;

// The backend table's words and figures, as the window's table and `run --hold` show them.
class TestBackendTable : public QObject {
    Q_OBJECT

private:
    static MetricsSnapshot::Backend backend()
    {
        MetricsSnapshot::Backend b;
        b.name = u"server-1"_s;
        b.sinceMs = 1000;
        b.weight = 3;
        b.inFlight = 2;
        b.openConnections = 4;
        b.connectionsEver = 9;
        b.downtimeMs = 1500;
        b.check = {61'000, true, 1200, u"answered 200"_s};
        for (int i = 0; i < 90; ++i)
            b.total.add(200, 1000, 300, 100);
        for (int i = 0; i < 7; ++i)
            b.total.add(404, 100, 300, 100);
        for (int i = 0; i < 3; ++i)
            b.total.add(503, 100, 300, 100);
        TrafficBucket recent;
        for (int i = 0; i < 98; ++i)
            recent.add(200, 1, 1000);
        recent.add(200, 1, 50'000);
        recent.add(200, 1, 50'000);
        b.recent = {recent};
        return b;
    }

private slots:
    void statesSayWhatTheOperatorAndTheChecksSay()
    {
        MetricsSnapshot::Backend b = backend();
        QCOMPARE(BackendTable::state(b), u"up"_s);
        b.healthy = false;
        QCOMPARE(BackendTable::state(b), u"down"_s);
        b.healthy = true;
        b.admin = ServerAdminState::Drain;
        QCOMPARE(BackendTable::state(b), u"draining (2 in flight)"_s);
        b.inFlight = 0;
        QCOMPARE(BackendTable::state(b), u"drained"_s);
        QVERIFY(b.drained());
        b.admin = ServerAdminState::Maintenance;
        QCOMPARE(BackendTable::state(b), u"maintenance"_s);
        QCOMPARE(BackendTable::cell(b, u"Server 1"_s, 62'000, BackendTable::LastCheck),
                 u"paused (maintenance)"_s);
    }

    void cellsShowTheFigures()
    {
        const MetricsSnapshot::Backend b = backend();
        const auto cell = [&](BackendTable::Column column) {
            return BackendTable::cell(b, u"Server 1"_s, 62'000, column);
        };
        QCOMPARE(cell(BackendTable::Server), u"Server 1"_s);
        QCOMPARE(cell(BackendTable::Since), u"1 min 1 s"_s);
        QCOMPARE(cell(BackendTable::LastCheck), u"answered 200, 1.2 ms"_s);
        QCOMPARE(cell(BackendTable::Weight), u"3"_s);
        QCOMPARE(cell(BackendTable::Connections), u"4 / 9"_s);
        QCOMPARE(cell(BackendTable::Requests), u"100"_s);
        QCOMPARE(cell(BackendTable::Errors4xx), u"7"_s);
        QCOMPARE(cell(BackendTable::Errors5xx), u"3"_s);
        QCOMPARE(cell(BackendTable::BytesIn), u"9.8 KiB"_s);
        QCOMPARE(cell(BackendTable::BytesOut), u"88.9 KiB"_s);
        QCOMPARE(cell(BackendTable::Downtime), u"1.5 s"_s);
        // Percentiles are bucket upper bounds, within 19 % of the true value.
        const qint64 p50 = BackendTable::recentLatency(b).percentile(0.5);
        QVERIFY(p50 >= 1000 && p50 <= 1200);
        QVERIFY(BackendTable::recentLatency(b).percentile(0.99) >= 50'000);
        QVERIFY(cell(BackendTable::P99).endsWith(u" ms"_s));
        MetricsSnapshot::Backend idle = b;
        idle.recent.clear();
        QCOMPARE(BackendTable::cell(idle, {}, 0, BackendTable::P50), u"–"_s);
    }

    void textAlignsTheColumns()
    {
        MetricsSnapshot snapshot;
        snapshot.takenMs = 62'000;
        snapshot.backends = {backend(), backend()};
        snapshot.backends[1].name = u"server-2"_s;
        snapshot.backends[1].admin = ServerAdminState::Drain;
        const QStringList lines =
            BackendTable::text(snapshot, {{u"server-1"_s, u"Server 1"_s}}).split(u'\n');
        QCOMPARE(lines.size(), 4); // header, two servers, the final newline
        QVERIFY(lines.at(0).startsWith(u"Server"_s));
        QVERIFY(lines.at(1).startsWith(u"Server 1"_s));
        QVERIFY(lines.at(2).startsWith(u"server-2"_s)); // no label: the balancer's name
        QVERIFY(lines.at(2).contains(u"draining (2 in flight)"_s));
        // Figures end in the same column on every line.
        QCOMPARE(lines.at(1).size(), lines.at(2).size());
        // A figure ends under the end of its header: the weight 3 under "Weight"'s t.
        QCOMPARE(lines.at(1).at(lines.at(0).indexOf(u"Weight"_s) + 5), u'3');
    }

    void jsonHasNumbers()
    {
        const QJsonObject json = BackendTable::json(backend(), u"Server 1"_s, 62'000);
        QCOMPARE(json.value(u"label"_s).toString(), u"Server 1"_s);
        QCOMPARE(json.value(u"admin"_s).toString(), u"ready"_s);
        QCOMPARE(json.value(u"inStateMs"_s).toInteger(), 61'000);
        QVERIFY(json.value(u"p99Us"_s).toInteger() >= 50'000);
        MetricsSnapshot::Backend idle = backend();
        idle.recent.clear();
        QVERIFY(BackendTable::json(idle, {}, 0).value(u"p50Us"_s).isNull());
        QCOMPARE(json.value(u"responses4xx"_s).toInteger(), 7);
        QCOMPARE(json.value(u"bytesIn"_s).toInteger(), 10'000);
        QCOMPARE(json.value(u"lastCheck"_s).toObject().value(u"agoMs"_s).toInteger(), 1000);
        QCOMPARE(json.value(u"connectionsTotal"_s).toInteger(), 9);
    }
};

QTEST_GUILESS_MAIN(TestBackendTable)
#include "tst_backendtable.moc"
