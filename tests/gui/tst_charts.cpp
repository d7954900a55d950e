#include "gui/charts/databasechart.h"
#include "gui/charts/distributionchart.h"
#include "gui/charts/latencychart.h"
#include "gui/charts/requestratechart.h"
#include "gui/charts/statuschart.h"
#include "gui/panels/chartspanel.h"

#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace Qt::StringLiterals;
using namespace topolab;

// The charts turn the balancer's buckets into the numbers a user reads: these tests feed them
// made-up samples with known answers.
class TestCharts : public QObject {
    Q_OBJECT

private:
    const gui::ServerList m_servers{{u"server-1"_s, u"Server 1"_s, Qt::blue},
                                    {u"server-2"_s, u"Server 2"_s, Qt::red}};

    // `seconds` full buckets plus the one still filling; server-1 answers `first` requests per
    // second, server-2 `second`, each at 2 ms, except two a second on server-2 that fail with 500
    // after 100 ms.
    static runtime::ClusterSample sample(int seconds, int first, int second)
    {
        runtime::ClusterSample result;
        result.traffic.bucketMs = 1000;
        result.traffic.takenMs = seconds * 1000 + 500;
        for (const auto &[name, perSecond] :
             {std::pair{u"server-1"_s, first}, std::pair{u"server-2"_s, second}}) {
            runtime::MetricsSnapshot::Backend backend;
            backend.name = name;
            for (int s = 0; s <= seconds; ++s) {
                runtime::TrafficBucket bucket;
                bucket.startMs = s * 1000;
                const int count = s == seconds ? perSecond / 2 : perSecond;
                for (int r = 0; r < count; ++r) {
                    const bool slow = r < 2 && name == u"server-2"_s;
                    bucket.add(slow ? 500 : 200, 100, slow ? 100'000 : 2'000);
                }
                backend.total.merge(bucket);
                backend.recent.append(bucket);
            }
            result.traffic.backends.append(backend);
        }
        return result;
    }

private slots:
    void requestRateShowsCompleteSecondsOnly()
    {
        gui::RequestRateChart chart;
        chart.setServers(m_servers);
        chart.addSample(sample(5, 100, 40));
        chart.addSample(sample(6, 100, 40)); // the same seconds again, and one more
        QCOMPARE(chart.graphCount(), 2);
        // Seconds 0..5 are complete; the sixth is still filling and not drawn.
        QCOMPARE(chart.graph(0)->data()->size(), 6);
        QCOMPARE(chart.graph(0)->data()->at(3)->value, 100.0);
        QCOMPARE(chart.graph(1)->data()->at(3)->value, 40.0);
        const QString csv = chart.csv();
        QVERIFY(csv.startsWith(u"time_s,\"Server 1\",\"Server 2\"\n"_s));
        QVERIFY(csv.contains(u"\n3.000,100,40\n"_s));
    }

    void emptyChartsUseTheirWholeWidth()
    {
        // Before: with no server yet (a relaunch, an empty design), the empty legend squashed
        // the plot to a third of its width, its axis reading "0102030405060", and the
        // distribution chart numbered its x axis 0 to 5.
        gui::LatencyChart latency;
        latency.resize(400, 200);
        latency.replot();
        QVERIFY2(latency.axisRect()->width() > 300,
                 qPrintable(QString::number(latency.axisRect()->width())));
        latency.setServers(m_servers);
        latency.replot();
        QVERIFY(latency.axisRect()->width() > 300);
        QVERIFY(latency.legend->visible() && latency.legend->itemCount() == 6);
        latency.setServers({});
        latency.replot();
        QVERIFY(latency.axisRect()->width() > 300);

        gui::DistributionChart distribution;
        distribution.resize(400, 200);
        distribution.replot();
        QVERIFY(distribution.xAxis->tickVectorLabels().isEmpty());
        distribution.setServers(m_servers);
        distribution.replot();
        QCOMPARE(distribution.xAxis->tickVectorLabels(),
                 (QList<QString>{u"Server 1"_s, u"Server 2"_s}));
    }

    void markerLabelsStayInsideThePlotAndApart()
    {
        // Before: "Web server 2 down" was written over "Web server 2 killed", and a marker at
        // the newest second was cut off by the plot's right edge ("Web se").
        gui::RequestRateChart chart;
        chart.setServers(m_servers);
        chart.resize(480, 260);
        chart.addSample(sample(59, 10, 10));
        chart.addMarker(59.4, u"Web server 2 killed"_s, Qt::red);
        chart.addMarker(59.6, u"Web server 2 down"_s, Qt::red);
        chart.addMarker(20, u"Algorithm changed to least-connections"_s, Qt::darkGreen);
        chart.replot();
        const QRect plot = chart.axisRect()->rect();
        const QList<QRectF> labels = chart.markerLabelRects();
        QCOMPARE(labels.size(), 3);
        for (const QRectF &label : labels)
            QVERIFY2(plot.contains(label.toAlignedRect()),
                     qPrintable(QStringLiteral("label %1,%2 %3x%4 outside the plot %5,%6 %7x%8")
                                    .arg(label.x())
                                    .arg(label.y())
                                    .arg(label.width())
                                    .arg(label.height())
                                    .arg(plot.x())
                                    .arg(plot.y())
                                    .arg(plot.width())
                                    .arg(plot.height())));
        for (qsizetype i = 0; i < labels.size(); ++i)
            for (qsizetype j = i + 1; j < labels.size(); ++j)
                QVERIFY(!labels.at(i).intersects(labels.at(j)));
    }

    void distributionCountsAndSaysHowEvenItIs()
    {
        gui::DistributionChart chart;
        chart.setServers(m_servers);
        chart.addSample(sample(3, 100, 100));
        QCOMPARE(chart.counts().value(u"Server 1"_s), 350);
        QCOMPARE(chart.counts().value(u"Server 2"_s), 350);
        QVERIFY(chart.csv().contains(u"\"Server 1\",350,50.00"_s));
        chart.addSample(sample(3, 300, 100));
        QCOMPARE(chart.counts().value(u"Server 1"_s), 1050);
        QVERIFY(chart.csv().contains(u"\"Server 1\",1050,75.00"_s));
    }

    void distributionGivesTheLastMinuteBesideTheTotal()
    {
        // Before: only the split since the start, so after a kill and a restart it said
        // "7.8 points off even" while the balancer split exactly evenly again.
        gui::DistributionChart chart;
        chart.setServers(m_servers);
        runtime::ClusterSample uneven = sample(3, 100, 100);
        uneven.traffic.backends[0].total.requests += 300; // served while server 2 was down
        chart.addSample(uneven);
        QVERIFY2(chart.summary().startsWith(u"last minute: 50.0 / 50.0 % (even)"_s),
                 qPrintable(chart.summary()));
        QVERIFY2(chart.summary().contains(u"since start: 65.0 / 35.0 % (15.0 points off even)"_s),
                 qPrintable(chart.summary()));
    }

    void latencyPercentilesPerServer()
    {
        gui::LatencyChart chart;
        chart.setServers(m_servers);
        chart.addSample(sample(4, 100, 100));
        QCOMPARE(chart.graphCount(), 6);
        // p50 of 2 ms requests is about 2 ms (one log bucket, under 20 % off).
        const double p50 = chart.graph(0)->data()->at(1)->value;
        QVERIFY2(p50 >= 2.0 && p50 <= 2.5, qPrintable(QString::number(p50)));
        // server-2's slowest request in each second shows in its p99 only.
        QVERIFY(chart.graph(5)->data()->at(1)->value >= 90.0);
        QVERIFY(chart.graph(3)->data()->at(1)->value < 3.0);
    }

    void latencyBreaksAtQuietSecondsAndKeepsFastServersReadable()
    {
        gui::LatencyChart chart;
        chart.setServers(m_servers);
        chart.resize(480, 260);
        runtime::ClusterSample quiet = sample(6, 100, 100);
        // Server 1 idle in seconds 2 and 3; server 2 frozen in second 4 (one 10 s request).
        for (int second : {2, 3}) {
            runtime::TrafficBucket idle;
            idle.startMs = second * 1000;
            quiet.traffic.backends[0].recent[second] = idle;
        }
        runtime::TrafficBucket frozen;
        frozen.startMs = 4000;
        frozen.add(200, 100, 10'000'000);
        quiet.traffic.backends[1].recent[4] = frozen;
        chart.addSample(quiet);
        // Before: no point for the quiet seconds, so the line ran straight across them.
        QVERIFY(std::isnan(chart.graph(0)->data()->at(2)->value));
        QVERIFY(std::isnan(chart.graph(0)->data()->at(3)->value));
        QVERIFY(!std::isnan(chart.graph(0)->data()->at(4)->value));
        // Before: a linear axis up to 10,000 ms put every 2 ms point on the floor. On a log
        // axis the 2 ms line stays well clear of the bottom.
        QCOMPARE(chart.yAxis->scaleType(), QCPAxis::stLogarithmic);
        chart.replot();
        const double floor = chart.yAxis->coordToPixel(chart.yAxis->range().lower);
        const double fast = chart.yAxis->coordToPixel(chart.graph(0)->data()->at(1)->value);
        QVERIFY2(floor - fast > chart.axisRect()->height() / 20.0,
                 qPrintable(QStringLiteral("%1 px above the floor").arg(floor - fast)));
        QVERIFY(chart.yAxis->range().upper >= 10'000);
        // The quiet seconds are empty fields in the CSV, not "nan".
        QVERIFY(!chart.csv().contains(u"nan"_s));
    }

    void statusClassesPerSecond()
    {
        gui::StatusChart chart;
        chart.addSample(sample(4, 100, 100));
        QCOMPARE(chart.graph(0)->data()->at(2)->value, 198.0); // 2xx
        QCOMPARE(chart.graph(3)->data()->at(2)->value, 2.0);   // 5xx
    }

    void databaseRatesFromTotals()
    {
        gui::DatabaseChart chart;
        runtime::ClusterSample first = sample(1, 0, 0);
        first.hasDatabase = true;
        first.dbSampledMs = first.traffic.takenMs;
        first.dbReads = 100;
        first.dbWrites = 10;
        chart.addSample(first);
        runtime::ClusterSample second = first;
        second.traffic.takenMs += 2000;
        second.dbSampledMs = second.traffic.takenMs;
        second.dbReads = 700;
        second.dbWrites = 50;
        second.hasReplica = true;
        second.replication.lagSeconds = 3;
        chart.addSample(second);
        QCOMPARE(chart.graph(0)->data()->size(), 1);
        QCOMPARE(chart.graph(0)->data()->at(0)->value, 300.0);
        QCOMPARE(chart.graph(1)->data()->at(0)->value, 20.0);
        QCOMPARE(chart.graph(2)->data()->at(0)->value, 3.0);
        // A sample whose counters were not read again adds no point.
        runtime::ClusterSample third = second;
        third.traffic.takenMs += 200;
        chart.addSample(third);
        QCOMPARE(chart.graph(0)->data()->size(), 1);
    }

    void statusCountsTheBalancersOwnAnswers()
    {
        gui::StatusChart chart;
        runtime::ClusterSample outage = sample(3, 0, 0);
        for (int s = 0; s <= 3; ++s) {
            runtime::TrafficBucket bucket;
            bucket.startMs = s * 1000;
            for (int r = 0; r < 50; ++r)
                bucket.add(503, 100, 100);
            outage.traffic.unroutedRecent.append(bucket);
        }
        chart.addSample(outage);
        QCOMPARE(chart.graph(3)->data()->at(1)->value, 50.0);
    }

    void markersStackAndStayBounded()
    {
        gui::RequestRateChart chart;
        chart.setServers(m_servers);
        chart.addMarker(10, u"Web server 2 killed"_s, Qt::red);
        chart.addMarker(10.2, u"Web server 2 down"_s, Qt::red);
        QCOMPARE(chart.markerTexts(),
                 (QStringList{u"Web server 2 killed"_s, u"Web server 2 down"_s}));
        // Markers older than ten minutes go, so an hour-long run keeps a bounded number.
        for (int minute = 1; minute <= 60; ++minute)
            chart.addMarker(10 + minute * 60, u"event"_s, Qt::red);
        QVERIFY(chart.markerCount() <= 11);
    }

    void pausingStopsFollowingAndSavingWritesFiles()
    {
        gui::ChartsPanel panel;
        panel.setServers(m_servers);
        panel.resize(1200, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.addSample(sample(90, 100, 100));
        QCOMPARE(panel.requestRate()->xAxis->range().upper, 90.5);
        panel.setPaused(true);
        panel.addSample(sample(95, 100, 100));
        QCOMPARE(panel.requestRate()->xAxis->range().upper, 90.5);
        panel.setPaused(false);
        QCOMPARE(panel.requestRate()->xAxis->range().upper, 95.5);
        QTemporaryDir dir;
        QVERIFY(panel.requestRate()->savePng(dir.filePath(u"rate.png"_s), 600, 300, 2.0));
        QCOMPARE(QImage(dir.filePath(u"rate.png"_s)).width(), 1200);
        QVERIFY(panel.requestRate()->savePdf(dir.filePath(u"rate.pdf"_s), 600, 300));
        QVERIFY(QFileInfo(dir.filePath(u"rate.pdf"_s)).size() > 1000);
    }
};

QTEST_MAIN(TestCharts)
#include "tst_charts.moc"
