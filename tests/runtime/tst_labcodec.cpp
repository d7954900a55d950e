#include "runtime/cluster/labcodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace topolab::runtime;

namespace {

// Through text and back, as the values cross between the processes.
QJsonObject throughText(const QJsonObject &json)
{
    QJsonParseError error;
    const QJsonDocument document =
        QJsonDocument::fromJson(QJsonDocument(json).toJson(QJsonDocument::Compact), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("%s", qPrintable(error.errorString()));
    return document.object();
}

QJsonObject parse(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

void compareHistograms(const LatencyHistogram &got, const LatencyHistogram &expected)
{
    QCOMPARE(got.count(), expected.count());
    QCOMPARE(got.maximum(), expected.maximum());
    for (int bucket = 0; bucket < LatencyHistogram::kBuckets; ++bucket)
        QCOMPARE(got.countAt(bucket), expected.countAt(bucket));
    for (double fraction : {0.0, 0.1, 0.5, 0.9, 0.99, 1.0})
        QCOMPARE(got.percentile(fraction), expected.percentile(fraction));
}

void compareBuckets(const TrafficBucket &got, const TrafficBucket &expected)
{
    QCOMPARE(got.startMs, expected.startMs);
    QCOMPARE(got.requests, expected.requests);
    QCOMPARE(got.statusClasses, expected.statusClasses);
    QCOMPARE(got.bytes, expected.bytes);
    QCOMPARE(got.bytesIn, expected.bytesIn);
    compareHistograms(got.latency, expected.latency);
}

void compareBucketLists(const QList<TrafficBucket> &got, const QList<TrafficBucket> &expected)
{
    QCOMPARE(got.size(), expected.size());
    for (qsizetype i = 0; i < got.size(); ++i) {
        compareBuckets(got.at(i), expected.at(i));
        if (QTest::currentTestFailed())
            return;
    }
}

TrafficBucket bucketAt(qint64 startMs, std::initializer_list<qint64> latenciesUs)
{
    TrafficBucket bucket;
    bucket.startMs = startMs;
    int status = 100;
    for (qint64 us : latenciesUs) {
        bucket.add(status, 1000 + us % 997, us, us % 300);
        status = status >= 500 ? 100 : status + 100;
    }
    return bucket;
}

MetricsSnapshot::Backend makeBackend(const QString &name, qint64 startMs)
{
    MetricsSnapshot::Backend backend;
    backend.name = name;
    backend.recent = {bucketAt(startMs, {0, 1, 2, 850, 1200}),
                      bucketAt(startMs + 500, {}), // a slot with no traffic
                      bucketAt(startMs + 1000, {33, 33, 34, 99'999, 3'600'000'000LL}),
                      bucketAt(startMs + 1500, {7})};
    for (const TrafficBucket &bucket : backend.recent)
        backend.total.merge(bucket);
    backend.total.startMs = startMs;
    return backend;
}

ClusterSample fullSample()
{
    ClusterSample sample;
    MetricsSnapshot &traffic = sample.traffic;
    traffic.takenMs = 1'700'000'123'456;
    traffic.bucketMs = 500;

    MetricsSnapshot::Backend first = makeBackend(u"web-1"_s, 1'700'000'120'000);
    first.healthy = true;
    first.sinceMs = 1'700'000'100'000;
    first.downtimeMs = 12'345;
    first.check = {1'700'000'123'000, true, 4'321, u"answered 200"_s};
    first.admin = ServerAdminState::Drain;
    first.weight = 3;
    first.inFlight = 2;
    first.openConnections = 5;
    first.connectionsEver = 123'456'789'012;

    MetricsSnapshot::Backend second = makeBackend(u"web-2 «ü»"_s, 1'700'000'121'000);
    second.healthy = false;
    second.sinceMs = 1'700'000'110'000;
    second.downtimeMs = 13'456;
    second.check = {1'700'000'122'500, false, 1'000'000, u"connection refused"_s};
    second.admin = ServerAdminState::Maintenance;
    second.weight = 0;
    second.inFlight = 0;
    second.openConnections = 0;
    second.connectionsEver = 9;
    traffic.backends = {first, second};

    traffic.unroutedRecent = {bucketAt(1'700'000'122'000, {5, 6}),
                              bucketAt(1'700'000'122'500, {12})};
    for (const TrafficBucket &bucket : traffic.unroutedRecent)
        traffic.unrouted.merge(bucket);
    traffic.unrouted.add(400, 12, 0, 34);

    using Kind = MetricsSnapshot::Event::Kind;
    traffic.events = {
        {1'700'000'110'000, Kind::Down, u"web-2 «ü»"_s, u"connection refused"_s, QString()},
        {1'700'000'111'000, Kind::Up, u"web-1"_s, u"answered 200"_s, u"up"_s},
        {1'700'000'112'000, Kind::Admin, u"web-1"_s, u"draining"_s, u"drain"_s},
        {1'700'000'113'000, Kind::Change, QString(), u"algorithm least-conn"_s, u"least-conn"_s}};
    traffic.eventsEver = 42;

    sample.hasDatabase = true;
    sample.dbSampledMs = 1'700'000'123'400;
    sample.dbReads = (1LL << 53) - 1;
    sample.dbWrites = 77;
    sample.hasReplica = true;
    sample.firewallDrops = 4'000'000'123;
    sample.replication = {true, true, false, 17,
                          u"Error 'Duplicate entry '1' for key 'PRIMARY'' on query"_s};
    return sample;
}

} // namespace

class TestLabCodec : public QObject {
    Q_OBJECT

private slots:
    void aClusterSampleRoundTrips()
    {
        const ClusterSample sample = fullSample();
        const ClusterSample got = LabCodec::sampleFromJson(throughText(LabCodec::toJson(sample)));

        QCOMPARE(got.hasDatabase, sample.hasDatabase);
        QCOMPARE(got.dbSampledMs, sample.dbSampledMs);
        QCOMPARE(got.dbReads, sample.dbReads);
        QCOMPARE(got.dbWrites, sample.dbWrites);
        QCOMPARE(got.hasReplica, sample.hasReplica);
        QCOMPARE(got.firewallDrops, sample.firewallDrops);
        QCOMPARE(got.replication.configured, sample.replication.configured);
        QCOMPARE(got.replication.ioRunning, sample.replication.ioRunning);
        QCOMPARE(got.replication.sqlRunning, sample.replication.sqlRunning);
        QCOMPARE(got.replication.lagSeconds, sample.replication.lagSeconds);
        QCOMPARE(got.replication.error, sample.replication.error);

        const MetricsSnapshot &traffic = got.traffic;
        const MetricsSnapshot &expected = sample.traffic;
        QCOMPARE(traffic.takenMs, expected.takenMs);
        QCOMPARE(traffic.bucketMs, expected.bucketMs);
        QCOMPARE(traffic.eventsEver, expected.eventsEver);
        compareBuckets(traffic.unrouted, expected.unrouted);
        compareBucketLists(traffic.unroutedRecent, expected.unroutedRecent);
        if (QTest::currentTestFailed())
            return;

        QCOMPARE(traffic.backends.size(), 2);
        for (qsizetype i = 0; i < traffic.backends.size(); ++i) {
            const MetricsSnapshot::Backend &b = traffic.backends.at(i);
            const MetricsSnapshot::Backend &e = expected.backends.at(i);
            QCOMPARE(b.name, e.name);
            QCOMPARE(b.healthy, e.healthy);
            compareBuckets(b.total, e.total);
            compareBucketLists(b.recent, e.recent);
            if (QTest::currentTestFailed())
                return;
            QCOMPARE(b.sinceMs, e.sinceMs);
            QCOMPARE(b.downtimeMs, e.downtimeMs);
            QCOMPARE(b.check.atMs, e.check.atMs);
            QCOMPARE(b.check.passed, e.check.passed);
            QCOMPARE(b.check.durationUs, e.check.durationUs);
            QCOMPARE(b.check.result, e.check.result);
            QCOMPARE(b.admin, e.admin);
            QCOMPARE(b.weight, e.weight);
            QCOMPARE(b.inFlight, e.inFlight);
            QCOMPARE(b.openConnections, e.openConnections);
            QCOMPARE(b.connectionsEver, e.connectionsEver);
        }
        QCOMPARE(traffic.recentRequests(), expected.recentRequests());

        QCOMPARE(traffic.events.size(), 4);
        for (qsizetype i = 0; i < traffic.events.size(); ++i) {
            QCOMPARE(traffic.events.at(i).timeMs, expected.events.at(i).timeMs);
            QCOMPARE(traffic.events.at(i).kind, expected.events.at(i).kind);
            QCOMPARE(traffic.events.at(i).backend, expected.events.at(i).backend);
            QCOMPARE(traffic.events.at(i).text, expected.events.at(i).text);
            QCOMPARE(traffic.events.at(i).summary, expected.events.at(i).summary);
        }
    }

    void aLoadReportRoundTrips()
    {
        LoadReport report;
        report.completed = 10'000'000'000;
        report.failed = 12;
        report.statusClasses = {1, 9'000, 3, 40, 5};
        for (qint64 us : {3, 250, 251, 7'000, 7'000, 2'000'000})
            report.latency.record(us);
        report.servedBy = {{u"web-1"_s, 6'000}, {u"web-2"_s, 3'049}, {QString(), 1}};
        report.reads = 2'000;
        report.writes = 1'000;
        report.elapsedMs = 60'001;
        report.openLoop = true;

        const LoadReport got = LabCodec::loadReportFromJson(throughText(LabCodec::toJson(report)));
        QCOMPARE(got.completed, report.completed);
        QCOMPARE(got.failed, report.failed);
        QCOMPARE(got.statusClasses, report.statusClasses);
        compareHistograms(got.latency, report.latency);
        QCOMPARE(got.servedBy, report.servedBy);
        QCOMPARE(got.reads, report.reads);
        QCOMPARE(got.writes, report.writes);
        QCOMPARE(got.elapsedMs, report.elapsedMs);
        QCOMPARE(got.openLoop, report.openLoop);
    }

    void loadOptionsRoundTrip()
    {
        LoadOptions options;
        options.host = u"10.0.0.7"_s;
        options.port = 65535;
        options.requests = 5'000;
        options.duration = std::chrono::milliseconds(90'500);
        options.rate = 250.25;
        options.concurrency = 32;
        options.staticShare = 50;
        options.readShare = 30;
        options.writeShare = 20;
        options.seed = 0xFFFF'FFFF;

        const LoadOptions got =
            LabCodec::loadOptionsFromJson(throughText(LabCodec::toJson(options)));
        QCOMPARE(got.host, options.host);
        QCOMPARE(got.port, options.port);
        QCOMPARE(got.requests, options.requests);
        QCOMPARE(got.duration, options.duration);
        QCOMPARE(got.rate, options.rate);
        QCOMPARE(got.concurrency, options.concurrency);
        QCOMPARE(got.staticShare, options.staticShare);
        QCOMPARE(got.readShare, options.readShare);
        QCOMPARE(got.writeShare, options.writeShare);
        QCOMPARE(got.seed, options.seed);
    }

    void anExposureReportRoundTrips()
    {
        ExposureReport report;
        report.from = u"203.0.113.10"_s;
        report.site = u"10.20.0.100"_s;
        report.firewall = true;
        report.results = {{{u"floating IP"_s, u"10.20.0.100"_s, 80, u"floating"_s},
                           ExposureReport::Outcome::Open},
                          {{u"MySQL primary"_s, u"10.20.0.31"_s, 3306, u"database"_s},
                           ExposureReport::Outcome::Filtered},
                          {{u"Server 1"_s, u"10.20.0.21"_s, 65535, u"server"_s},
                           ExposureReport::Outcome::Refused}};
        const ExposureReport got =
            LabCodec::exposureFromJson(throughText(LabCodec::toJson(report)));
        QCOMPARE(got.from, report.from);
        QCOMPARE(got.site, report.site);
        QCOMPARE(got.firewall, report.firewall);
        QVERIFY(got.error.isEmpty());
        QCOMPARE(got.results.size(), report.results.size());
        for (qsizetype i = 0; i < got.results.size(); ++i) {
            QCOMPARE(got.results.at(i).target.machine, report.results.at(i).target.machine);
            QCOMPARE(got.results.at(i).target.address, report.results.at(i).target.address);
            QCOMPARE(got.results.at(i).target.port, report.results.at(i).target.port);
            QCOMPARE(got.results.at(i).target.role, report.results.at(i).target.role);
            QCOMPARE(got.results.at(i).outcome, report.results.at(i).outcome);
        }
        const ExposureReport refused = LabCodec::exposureFromJson(throughText(LabCodec::toJson(
            ExposureReport::oneHost(u"TOPOLAB_LAB=host asks for one-host mode."_s))));
        QVERIFY(refused.error.contains(u"TOPOLAB_LAB=host"_s));
        QVERIFY(refused.results.isEmpty());
    }

    void badExposurePortsAreSkipped()
    {
        const ExposureReport got = LabCodec::exposureFromJson(parse(R"({
            "from": 7, "ports": [
                {"host": "a", "address": "10.0.0.1", "port": 80, "state": "open"},
                {"host": "b", "address": "10.0.0.2", "port": 0, "state": "open"},
                {"host": "c", "address": "10.0.0.3", "port": 70000, "state": "open"},
                {"host": "d", "address": "10.0.0.4", "port": 22, "state": "half-open"},
                {"host": "e", "address": "10.0.0.5", "port": "22", "state": "closed"},
                "nonsense", 5]})"));
        QVERIFY(got.from.isEmpty());
        QCOMPARE(got.results.size(), 1);
        QCOMPARE(got.results.first().target.machine, u"a"_s);
        QCOMPARE(LabCodec::exposureFromJson(parse(R"({"ports": {"a": 1}})")).results.size(), 0);
    }

    void histogramsAreSparse()
    {
        LatencyHistogram histogram;
        for (qint64 us : {40, 900, 15'000})
            histogram.record(us);
        QJsonObject json = LabCodec::toJson(histogram);
        QCOMPARE(json.value(u"n"_s).toInteger(), 3);
        QCOMPARE(json.value(u"max"_s).toInteger(), 15'000);
        QCOMPARE(json.value(u"b"_s).toArray().size(), 3);
        compareHistograms(LabCodec::histogramFromJson(throughText(json)), histogram);

        LatencyHistogram same;
        for (int i = 0; i < 3; ++i)
            same.record(100);
        QJsonArray oneBucket;
        oneBucket.append(QJsonArray{LatencyHistogram::bucketOf(100), 3});
        QCOMPARE(LabCodec::toJson(same).value(u"b"_s).toArray(), oneBucket);

        json = LabCodec::toJson(LatencyHistogram());
        QVERIFY(json.value(u"b"_s).toArray().isEmpty());
        compareHistograms(LabCodec::histogramFromJson(json), LatencyHistogram());
    }

    void namesRoundTrip()
    {
        for (NodeState state : {NodeState::Stopped, NodeState::Starting, NodeState::Healthy,
                                NodeState::Degraded, NodeState::Down, NodeState::Paused})
            QCOMPARE(nodeStateFromName(nodeStateName(state)), state);
        QSet<QString> names;
        for (ClusterAction action :
             {ClusterAction::Kill, ClusterAction::Pause, ClusterAction::Resume,
              ClusterAction::Restart, ClusterAction::Drain, ClusterAction::Maintenance,
              ClusterAction::Ready, ClusterAction::Weight, ClusterAction::Algorithm,
              ClusterAction::Replication}) {
            names.insert(clusterActionName(action));
            QCOMPARE(clusterActionFromName(clusterActionName(action)), action);
        }
        QCOMPARE(names.size(), 10);
        QVERIFY(!names.contains(QString()));
        QCOMPARE(nodeStateFromName(u"exploded"_s), std::nullopt);
        QCOMPARE(nodeStateFromName(QString()), std::nullopt);
        QCOMPARE(clusterActionFromName(u"Kill"_s), std::nullopt);
        QCOMPARE(clusterActionFromName(QString()), std::nullopt);
    }

    void emptyInputGivesDefaults()
    {
        const ClusterSample none;
        const ClusterSample got = LabCodec::sampleFromJson({});
        QCOMPARE(got.hasDatabase, none.hasDatabase);
        QCOMPARE(got.dbSampledMs, -1);
        QCOMPARE(got.dbReads, 0);
        QCOMPARE(got.hasReplica, false);
        QCOMPARE(got.firewallDrops, -1);
        QCOMPARE(got.replication.lagSeconds, -1);
        QVERIFY(!got.replication.configured);
        QCOMPARE(got.traffic.takenMs, 0);
        QCOMPARE(got.traffic.bucketMs, 1000);
        QVERIFY(got.traffic.backends.isEmpty());
        QVERIFY(got.traffic.events.isEmpty());
        compareBuckets(got.traffic.unrouted, TrafficBucket());

        const LoadOptions defaults;
        const LoadOptions options = LabCodec::loadOptionsFromJson({});
        QCOMPARE(options.host, defaults.host);
        QCOMPARE(options.concurrency, defaults.concurrency);
        QCOMPARE(options.staticShare, defaults.staticShare);
        QCOMPARE(options.seed, defaults.seed);

        const LoadReport report = LabCodec::loadReportFromJson({});
        QCOMPARE(report.completed, 0);
        QCOMPARE(report.latency.count(), 0);
        QVERIFY(report.servedBy.isEmpty());
        QVERIFY(!report.openLoop);
    }

    void wrongTypesGiveDefaults()
    {
        const ClusterSample sample = LabCodec::sampleFromJson(parse(R"({
            "traffic": "lots", "hasDatabase": "yes", "dbSampledMs": "5", "dbReads": 1.5,
            "dbWrites": null, "hasReplica": 1, "replication": [1, 2]})"));
        QCOMPARE(sample.traffic.bucketMs, 1000);
        QVERIFY(!sample.hasDatabase);
        QCOMPARE(sample.dbSampledMs, -1);
        QCOMPARE(sample.dbReads, 0);
        QCOMPARE(sample.dbWrites, 0);
        QVERIFY(!sample.hasReplica);
        QCOMPARE(sample.replication.lagSeconds, -1);

        const MetricsSnapshot snapshot = LabCodec::snapshotFromJson(parse(R"({
            "takenMs": true, "bucketMs": "500",
            "backends": [5, {"name": 7, "healthy": "no", "admin": "paused", "weight": "3",
                             "inFlight": 3000000000, "recent": {}, "total": [],
                             "check": {"atMs": "now", "passed": "yes", "result": 404}}],
            "unrouted": {"requests": "many", "status": "none", "latency": 3},
            "unroutedRecent": 9,
            "events": [{"kind": "explode", "timeMs": "x", "backend": 1}, "down"],
            "eventsEver": -0.5})"));
        QCOMPARE(snapshot.takenMs, 0);
        QCOMPARE(snapshot.bucketMs, 1000);
        QCOMPARE(snapshot.backends.size(), 2);
        for (const MetricsSnapshot::Backend &backend : snapshot.backends) {
            QCOMPARE(backend.name, QString());
            QVERIFY(backend.healthy);
            QCOMPARE(backend.admin, ServerAdminState::Ready);
            QCOMPARE(backend.weight, 1);
            QCOMPARE(backend.inFlight, 0);
            QVERIFY(backend.recent.isEmpty());
            QCOMPARE(backend.total.requests, 0);
            QCOMPARE(backend.check.atMs, -1);
            QVERIFY(!backend.check.passed);
            QCOMPARE(backend.check.result, QString());
        }
        compareBuckets(snapshot.unrouted, TrafficBucket());
        QVERIFY(snapshot.unroutedRecent.isEmpty());
        QCOMPARE(snapshot.events.size(), 2);
        for (const MetricsSnapshot::Event &event : snapshot.events) {
            QCOMPARE(event.kind, MetricsSnapshot::Event::Kind::Change);
            QCOMPARE(event.timeMs, 0);
            QCOMPARE(event.backend, QString());
        }
        QCOMPARE(snapshot.eventsEver, 0);

        const TrafficBucket bucket =
            LabCodec::bucketFromJson(parse(R"({"status": [1, "2", 3, null, 5, 6, 7]})"));
        QCOMPARE(bucket.statusClasses, (std::array<qint64, 5>{1, 0, 3, 0, 5}));
        QCOMPARE(LabCodec::bucketFromJson(parse(R"({"status": [4]})")).statusClasses,
                 (std::array<qint64, 5>{4, 0, 0, 0, 0}));

        const LoadOptions options = LabCodec::loadOptionsFromJson(parse(R"({
            "host": 5, "port": 70000, "requests": 1e300, "durationMs": "1s", "rate": "fast",
            "concurrency": -1.5, "seed": -1})"));
        QCOMPARE(options.host, u"127.0.0.1"_s);
        QCOMPARE(options.port, 0);
        QCOMPARE(options.requests, 0);
        QCOMPARE(options.duration, std::chrono::milliseconds(0));
        QCOMPARE(options.rate, 0.0);
        QCOMPARE(options.concurrency, 8);
        QCOMPARE(options.seed, 1u);
        QCOMPARE(LabCodec::loadOptionsFromJson(parse(R"({"seed": 4294967296})")).seed, 1u);

        const LoadReport report = LabCodec::loadReportFromJson(parse(R"({
            "completed": "all", "servedBy": {"a": "x", "b": 3, "c": null}, "openLoop": "yes",
            "latency": {"b": "none"}})"));
        QCOMPARE(report.completed, 0);
        QCOMPARE(report.servedBy, (QMap<QString, qint64>{{u"b"_s, 3}}));
        QVERIFY(!report.openLoop);
        QCOMPARE(report.latency.count(), 0);
        QCOMPARE(LabCodec::loadReportFromJson(parse(R"({"servedBy": [1]})")).servedBy.size(), 0);
    }

    void badHistogramBucketsAreSkipped()
    {
        const LatencyHistogram histogram = LabCodec::histogramFromJson(parse(R"({
            "n": 1000, "max": -5,
            "b": [[-1, 3], [97, 3], [1e10, 1], [5, -2], [5, 4294967296], [6, 1.5], [10.5, 1],
                  "x", [2], [], {"0": 1}, [20, 2], [30, 4, "later"]]})"));
        // The count follows the buckets kept, not "n".
        QCOMPARE(histogram.count(), 6);
        for (int bucket = 0; bucket < LatencyHistogram::kBuckets; ++bucket) {
            const quint32 expected = bucket == 20 ? 2 : bucket == 30 ? 4 : 0;
            QCOMPARE(histogram.countAt(bucket), expected);
        }
        // A maximum below the highest bucket is raised into it, one above lowered to its bound.
        QCOMPARE(histogram.maximum(), LatencyHistogram::upperBound(29) + 1);
        QCOMPARE(LatencyHistogram::bucketOf(histogram.maximum()), 30);
        QCOMPARE(LabCodec::histogramFromJson(parse(R"({"max": 1e15, "b": [[30, 1]]})")).maximum(),
                 LatencyHistogram::upperBound(30));
        // The last bucket has no upper bound.
        const LatencyHistogram last =
            LabCodec::histogramFromJson(parse(R"({"max": 1e15, "b": [[96, 1]]})"));
        QCOMPARE(last.maximum(), 1'000'000'000'000'000LL);
        QCOMPARE(last.percentile(0.5), 1'000'000'000'000'000LL);
        // Nothing recorded: nothing to be the maximum of.
        QCOMPARE(LabCodec::histogramFromJson(parse(R"({"n": 5, "max": 77, "b": []})")).maximum(),
                 0);
        QCOMPARE(LabCodec::histogramFromJson(parse(R"({"n": 5, "max": 77, "b": []})")).count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestLabCodec)
#include "tst_labcodec.moc"
