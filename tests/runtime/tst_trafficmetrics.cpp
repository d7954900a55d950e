#include "runtime/metrics/trafficmetrics.h"

#include <QTest>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;
using namespace topolab::runtime;

class TestTrafficMetrics : public QObject {
    Q_OBJECT

private slots:
    void histogramPercentilesAreWithinABucket()
    {
        LatencyHistogram histogram;
        for (int us = 1; us <= 10000; ++us)
            histogram.record(us);
        QCOMPARE(histogram.count(), 10000);
        for (double p : {0.5, 0.95, 0.99}) {
            const double exact = p * 10000;
            const double got = static_cast<double>(histogram.percentile(p));
            QVERIFY2(got >= exact && got <= exact * 1.2, qPrintable(u"p%1 = %2"_s.arg(p).arg(got)));
        }
        QCOMPARE(histogram.percentile(1.0), 10000);
        QCOMPARE(LatencyHistogram().percentile(0.5), 0);
        LatencyHistogram huge;
        huge.record(3'600'000'000LL);
        QCOMPARE(huge.percentile(0.5), 3'600'000'000LL);
    }

    void aSampleFallsInTheFirstBucketWhoseBoundHoldsIt()
    {
        // Four buckets per power of two: the bound of bucket b is 2^(b/4), rounded down.
        for (int bucket = 0; bucket < LatencyHistogram::kBuckets; ++bucket)
            QCOMPARE(LatencyHistogram::upperBound(bucket),
                     static_cast<qint64>(std::floor(std::exp2(bucket / 4.0))));
        qint64 checked = 0;
        for (qint64 us = 0; us <= LatencyHistogram::upperBound(LatencyHistogram::kBuckets - 1) + 2;
             us += 1 + us / 1000) {
            const int bucket = LatencyHistogram::bucketOf(us);
            QVERIFY(bucket >= 0 && bucket < LatencyHistogram::kBuckets);
            const bool last = bucket == LatencyHistogram::kBuckets - 1;
            QVERIFY2(last || LatencyHistogram::upperBound(bucket) >= us,
                     qPrintable(QString::number(us)));
            QVERIFY2(bucket == 0 || LatencyHistogram::upperBound(bucket - 1) < us,
                     qPrintable(QString::number(us)));
            ++checked;
        }
        QVERIFY(checked > 10000);
        QCOMPARE(LatencyHistogram::bucketOf(-5), 0);
        QCOMPARE(LatencyHistogram::bucketOf(std::numeric_limits<qint64>::max()),
                 LatencyHistogram::kBuckets - 1);
    }

    void bucketsRollAndMemoryStaysBounded()
    {
        qint64 now = 0;
        TrafficMetrics metrics(
            {u"a"_s, u"b"_s}, [&] { return now; }, 1000, 10);
        metrics.record(0, 200, 100, 1000);
        metrics.record(1, 503, 50, 2000);
        metrics.record(-1, 400, 10, 0);
        now = 2500;
        metrics.record(0, 200, 100, 1000);
        MetricsSnapshot snapshot = metrics.snapshot(10);
        QCOMPARE(snapshot.backends.at(0).total.requests, 2);
        QCOMPARE(snapshot.backends.at(1).total.errors(), 1);
        QCOMPARE(snapshot.unrouted.statusClasses[3], 1);
        QCOMPARE(snapshot.backends.at(0).recent.size(), 3); // buckets 0, 1000, 2000 exist so far
        QCOMPARE(snapshot.backends.at(0).recent.last().requests, 1);
        QCOMPARE(snapshot.backends.at(0).recent.first().requests, 1);

        // Long after, old buckets have scrolled out and the ring holds at most 10.
        for (int i = 0; i < 1000; ++i) {
            now += 1000;
            metrics.record(0, 200, 1, 10);
        }
        snapshot = metrics.snapshot(100);
        QCOMPARE(snapshot.backends.at(0).recent.size(), 10);
        QCOMPARE(snapshot.recentRequests(), 10);
        QCOMPARE(snapshot.backends.at(0).total.requests, 1002);
    }

    void healthEventsAreKeptInOrderAndBounded()
    {
        qint64 now = 0;
        TrafficMetrics metrics({u"a"_s}, [&] { return now; });
        metrics.recordHealth(0, false, u"refused"_s);
        now = 10;
        metrics.recordHealth(0, true, u"back"_s);
        metrics.recordEvent(u"algorithm changed"_s);
        MetricsSnapshot snapshot = metrics.snapshot();
        QCOMPARE(snapshot.events.size(), 3);
        QCOMPARE(snapshot.events.at(0).kind, MetricsSnapshot::Event::Kind::Down);
        QCOMPARE(snapshot.events.at(1).timeMs, 10);
        QVERIFY(snapshot.backends.at(0).healthy);
        for (int i = 0; i < 2 * TrafficMetrics::kMaxEvents; ++i)
            metrics.recordEvent(u"x"_s);
        QCOMPARE(metrics.snapshot().events.size(), TrafficMetrics::kMaxEvents);
    }

    void downtimeSinceAndChecksAreKept()
    {
        qint64 now = 1000;
        TrafficMetrics metrics({u"a"_s}, [&] { return now; });
        metrics.recordHealth(0, false, u"refused"_s);
        now = 4000;
        // Still down: the open period counts.
        QCOMPARE(metrics.snapshot().backends.at(0).downtimeMs, 3000);
        QCOMPARE(metrics.snapshot().backends.at(0).sinceMs, 1000);
        metrics.recordHealth(0, true, u"back"_s);
        now = 9000;
        metrics.recordHealth(0, false, u"refused"_s);
        now = 9500;
        metrics.recordHealth(0, true, u"back"_s);
        now = 20000;
        MetricsSnapshot snapshot = metrics.snapshot();
        QCOMPARE(snapshot.backends.at(0).downtimeMs, 3500);
        QCOMPARE(snapshot.backends.at(0).sinceMs, 9500);
        QCOMPARE(snapshot.backends.at(0).check.atMs, -1);

        metrics.recordCheck(0, true, 850, u"answered 200"_s);
        metrics.recordAdmin(0, u"draining"_s, u"draining: no new requests"_s);
        metrics.record(0, 200, 500, 100, 120);
        snapshot = metrics.snapshot();
        const MetricsSnapshot::Backend &backend = snapshot.backends.at(0);
        QCOMPARE(backend.check.atMs, 20000);
        QVERIFY(backend.check.passed);
        QCOMPARE(backend.check.durationUs, 850);
        QCOMPARE(backend.check.result, u"answered 200"_s);
        QCOMPARE(backend.sinceMs, 20000); // the operator's change is a change of state too
        QCOMPARE(backend.total.bytesIn, 120);
        QCOMPARE(backend.total.bytes, 500);
        QCOMPARE(snapshot.events.last().kind, MetricsSnapshot::Event::Kind::Admin);
        QCOMPARE(snapshot.events.last().summary, u"draining"_s);
        QCOMPARE(snapshot.events.last().backend, u"a"_s);

        // Before: an operator's change while down cut the downtime counted so far.
        metrics.recordHealth(0, false, u"refused"_s); // at 20000
        now = 21000;
        metrics.recordAdmin(0, u"maintenance"_s, u"in maintenance"_s);
        now = 22000;
        metrics.recordAdmin(0, u"weight 2"_s, u"weight 2 (was 1)"_s, false);
        now = 23000;
        snapshot = metrics.snapshot();
        QCOMPARE(snapshot.backends.at(0).downtimeMs, 3500 + 3000);
        QCOMPARE(snapshot.backends.at(0).sinceMs, 21000); // the weight is not a state

        // A server that never started is down, and counts as down, from the start.
        qint64 clock = 0;
        TrafficMetrics late({u"b"_s}, [&] { return clock; });
        late.startDown(0);
        clock = 5000;
        QVERIFY(!late.snapshot().backends.at(0).healthy);
        QCOMPARE(late.snapshot().backends.at(0).downtimeMs, 5000);
        QVERIFY(late.snapshot().events.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTrafficMetrics)
#include "tst_trafficmetrics.moc"
