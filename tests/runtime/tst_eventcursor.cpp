#include "runtime/metrics/eventcursor.h"

#include <QTest>

using namespace Qt::StringLiterals;
using topolab::runtime::EventCursor;
using Event = topolab::runtime::MetricsSnapshot::Event;
using Kind = Event::Kind;

// The log of a pair's balancer events: each once, none lost, whichever balancer serves.
class TestEventCursor : public QObject {
    Q_OBJECT

    static QStringList texts(const QList<Event> &events)
    {
        QStringList out;
        for (const Event &event : events)
            out.append(event.text);
        return out;
    }

private slots:
    void aRepeatedSnapshotGivesOnlyWhatIsNew()
    {
        EventCursor cursor;
        QList<Event> events{{100, Kind::Down, u"server-1"_s, u"a"_s},
                            {200, Kind::Admin, u"server-2"_s, u"b"_s}};
        QCOMPARE(texts(cursor.take(events)), (QStringList{u"a"_s, u"b"_s}));
        QVERIFY(cursor.take(events).isEmpty());
        events.append({300, Kind::Up, u"server-1"_s, u"c"_s});
        QCOMPARE(texts(cursor.take(events)), QStringList{u"c"_s});
    }

    void eventsOfOneMillisecondAreEachTakenOnce()
    {
        EventCursor cursor;
        // A drain of two servers at once, read when only the first was recorded.
        QCOMPARE(texts(cursor.take({{500, Kind::Admin, u"server-1"_s, u"drain"_s}})),
                 QStringList{u"drain"_s});
        const QList<Event> both{{500, Kind::Admin, u"server-1"_s, u"drain"_s},
                                {500, Kind::Admin, u"server-2"_s, u"drain"_s}};
        const QList<Event> fresh = cursor.take(both);
        QCOMPARE(fresh.size(), 1);
        QCOMPARE(fresh.first().backend, u"server-2"_s);
        QVERIFY(cursor.take(both).isEmpty());
    }

    void afterAFailoverTheOtherBalancersNewEventsCountAndItsOldOnesDoNot()
    {
        EventCursor cursor;
        // The active had recorded many events; the standby few, some older.
        QList<Event> active;
        for (int i = 0; i < 30; ++i)
            active.append({1000 + i, Kind::Change, {}, u"active %1"_s.arg(i)});
        QCOMPARE(cursor.take(active).size(), 30);
        const QList<Event> standby{{500, Kind::Down, u"server-1"_s, u"standby old"_s},
                                   {1029, Kind::Change, {}, u"active 29"_s},
                                   {2000, Kind::Down, u"server-2"_s, u"standby new"_s}};
        // Before: its count of 3 ever was below the 30 seen, and "standby new" was lost.
        QCOMPARE(texts(cursor.take(standby)), QStringList{u"standby new"_s});
        cursor.reset();
        QCOMPARE(cursor.take(standby).size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestEventCursor)
#include "tst_eventcursor.moc"
