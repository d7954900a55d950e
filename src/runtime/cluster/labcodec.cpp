#include "labcodec.h"

#include <QJsonArray>
#include <limits>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

namespace {

using Event = MetricsSnapshot::Event;

qint64 integer(const QJsonObject &json, const QString &key, qint64 fallback = 0)
{
    return json.value(key).toInteger(fallback);
}

// Narrower fields take only what fits them, rather than a truncated value.
qint64 integerIn(const QJsonValue &value, qint64 low, qint64 high, qint64 fallback)
{
    const qint64 n = value.toInteger(fallback);
    return n >= low && n <= high ? n : fallback;
}

QJsonArray statusClassesToJson(const std::array<qint64, 5> &statusClasses)
{
    QJsonArray array;
    for (qint64 count : statusClasses)
        array.append(count);
    return array;
}

std::array<qint64, 5> statusClassesFromJson(const QJsonValue &value)
{
    std::array<qint64, 5> statusClasses{};
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size() && i < static_cast<qsizetype>(statusClasses.size()); ++i)
        statusClasses[static_cast<size_t>(i)] = array.at(i).toInteger(0);
    return statusClasses;
}

template <typename T>
QJsonArray listToJson(const QList<T> &list)
{
    QJsonArray array;
    for (const T &item : list)
        array.append(LabCodec::toJson(item));
    return array;
}

// An element that is not an object still takes its place, so that buckets keep their position in
// the time slots.
template <typename T, typename FromJson>
QList<T> listFromJson(const QJsonValue &value, FromJson fromJson)
{
    const QJsonArray array = value.toArray();
    QList<T> list;
    list.reserve(array.size());
    for (const QJsonValue &item : array)
        list.append(fromJson(item.toObject()));
    return list;
}

QString eventKindName(Event::Kind kind)
{
    switch (kind) {
    case Event::Kind::Down:
        return u"down"_s;
    case Event::Kind::Up:
        return u"up"_s;
    case Event::Kind::Admin:
        return u"admin"_s;
    case Event::Kind::Change:
        return u"change"_s;
    }
    return {};
}

std::optional<Event::Kind> eventKindFromName(const QString &name)
{
    for (Event::Kind kind :
         {Event::Kind::Down, Event::Kind::Up, Event::Kind::Admin, Event::Kind::Change}) {
        if (name == eventKindName(kind))
            return kind;
    }
    return std::nullopt;
}

QJsonObject eventToJson(const Event &event)
{
    return {{u"timeMs"_s, event.timeMs},
            {u"kind"_s, eventKindName(event.kind)},
            {u"backend"_s, event.backend},
            {u"text"_s, event.text},
            {u"summary"_s, event.summary}};
}

Event eventFromJson(const QJsonObject &json)
{
    // A kind this version does not know still gets its marker, as the most general one.
    return {integer(json, u"timeMs"_s),
            eventKindFromName(json.value(u"kind"_s).toString()).value_or(Event::Kind::Change),
            json.value(u"backend"_s).toString(), json.value(u"text"_s).toString(),
            json.value(u"summary"_s).toString()};
}

QJsonObject checkToJson(const MetricsSnapshot::Check &check)
{
    return {{u"atMs"_s, check.atMs},
            {u"passed"_s, check.passed},
            {u"durationUs"_s, check.durationUs},
            {u"result"_s, check.result}};
}

MetricsSnapshot::Check checkFromJson(const QJsonObject &json)
{
    const MetricsSnapshot::Check none;
    MetricsSnapshot::Check check;
    check.atMs = integer(json, u"atMs"_s, none.atMs);
    check.passed = json.value(u"passed"_s).toBool(none.passed);
    check.durationUs = integer(json, u"durationUs"_s, none.durationUs);
    check.result = json.value(u"result"_s).toString();
    return check;
}

QJsonObject backendToJson(const MetricsSnapshot::Backend &backend)
{
    return {{u"name"_s, backend.name},
            {u"healthy"_s, backend.healthy},
            {u"total"_s, LabCodec::toJson(backend.total)},
            {u"recent"_s, listToJson(backend.recent)},
            {u"sinceMs"_s, backend.sinceMs},
            {u"downtimeMs"_s, backend.downtimeMs},
            {u"check"_s, checkToJson(backend.check)},
            {u"admin"_s, serverAdminStateName(backend.admin)},
            {u"weight"_s, backend.weight},
            {u"inFlight"_s, backend.inFlight},
            {u"openConnections"_s, backend.openConnections},
            {u"connectionsEver"_s, backend.connectionsEver}};
}

MetricsSnapshot::Backend backendFromJson(const QJsonObject &json)
{
    const MetricsSnapshot::Backend none;
    MetricsSnapshot::Backend backend;
    backend.name = json.value(u"name"_s).toString();
    backend.healthy = json.value(u"healthy"_s).toBool(none.healthy);
    backend.total = LabCodec::bucketFromJson(json.value(u"total"_s).toObject());
    backend.recent = listFromJson<TrafficBucket>(json.value(u"recent"_s), LabCodec::bucketFromJson);
    backend.sinceMs = integer(json, u"sinceMs"_s, none.sinceMs);
    backend.downtimeMs = integer(json, u"downtimeMs"_s, none.downtimeMs);
    backend.check = checkFromJson(json.value(u"check"_s).toObject());
    backend.admin =
        serverAdminStateFromName(json.value(u"admin"_s).toString()).value_or(none.admin);
    backend.weight = json.value(u"weight"_s).toInt(none.weight);
    backend.inFlight = json.value(u"inFlight"_s).toInt(none.inFlight);
    backend.openConnections = json.value(u"openConnections"_s).toInt(none.openConnections);
    backend.connectionsEver = integer(json, u"connectionsEver"_s, none.connectionsEver);
    return backend;
}

} // namespace

QJsonObject LabCodec::toJson(const ClusterSample &sample)
{
    return {{u"traffic"_s, toJson(sample.traffic)},
            {u"hasDatabase"_s, sample.hasDatabase},
            {u"dbSampledMs"_s, sample.dbSampledMs},
            {u"dbReads"_s, sample.dbReads},
            {u"dbWrites"_s, sample.dbWrites},
            {u"hasReplica"_s, sample.hasReplica},
            {u"replication"_s, toJson(sample.replication)},
            {u"firewallDrops"_s, sample.firewallDrops}};
}

ClusterSample LabCodec::sampleFromJson(const QJsonObject &json)
{
    const ClusterSample none;
    ClusterSample sample;
    sample.traffic = snapshotFromJson(json.value(u"traffic"_s).toObject());
    sample.hasDatabase = json.value(u"hasDatabase"_s).toBool(none.hasDatabase);
    sample.dbSampledMs = integer(json, u"dbSampledMs"_s, none.dbSampledMs);
    sample.dbReads = integer(json, u"dbReads"_s, none.dbReads);
    sample.dbWrites = integer(json, u"dbWrites"_s, none.dbWrites);
    sample.hasReplica = json.value(u"hasReplica"_s).toBool(none.hasReplica);
    sample.replication = replicationFromJson(json.value(u"replication"_s).toObject());
    sample.firewallDrops = integer(json, u"firewallDrops"_s, none.firewallDrops);
    return sample;
}

QJsonObject LabCodec::toJson(const MetricsSnapshot &snapshot)
{
    QJsonArray events;
    for (const Event &event : snapshot.events)
        events.append(eventToJson(event));
    QJsonArray backends;
    for (const MetricsSnapshot::Backend &backend : snapshot.backends)
        backends.append(backendToJson(backend));
    return {{u"takenMs"_s, snapshot.takenMs},
            {u"bucketMs"_s, snapshot.bucketMs},
            {u"backends"_s, backends},
            {u"unrouted"_s, toJson(snapshot.unrouted)},
            {u"unroutedRecent"_s, listToJson(snapshot.unroutedRecent)},
            {u"events"_s, events},
            {u"eventsEver"_s, snapshot.eventsEver}};
}

MetricsSnapshot LabCodec::snapshotFromJson(const QJsonObject &json)
{
    const MetricsSnapshot none;
    MetricsSnapshot snapshot;
    snapshot.takenMs = integer(json, u"takenMs"_s, none.takenMs);
    snapshot.bucketMs = integer(json, u"bucketMs"_s, none.bucketMs);
    snapshot.backends =
        listFromJson<MetricsSnapshot::Backend>(json.value(u"backends"_s), backendFromJson);
    snapshot.unrouted = bucketFromJson(json.value(u"unrouted"_s).toObject());
    snapshot.unroutedRecent =
        listFromJson<TrafficBucket>(json.value(u"unroutedRecent"_s), bucketFromJson);
    snapshot.events = listFromJson<Event>(json.value(u"events"_s), eventFromJson);
    snapshot.eventsEver = integer(json, u"eventsEver"_s, none.eventsEver);
    return snapshot;
}

QJsonObject LabCodec::toJson(const TrafficBucket &bucket)
{
    return {{u"startMs"_s, bucket.startMs},
            {u"requests"_s, bucket.requests},
            {u"status"_s, statusClassesToJson(bucket.statusClasses)},
            {u"bytes"_s, bucket.bytes},
            {u"bytesIn"_s, bucket.bytesIn},
            {u"latency"_s, toJson(bucket.latency)}};
}

TrafficBucket LabCodec::bucketFromJson(const QJsonObject &json)
{
    TrafficBucket bucket;
    bucket.startMs = integer(json, u"startMs"_s);
    bucket.requests = integer(json, u"requests"_s);
    bucket.statusClasses = statusClassesFromJson(json.value(u"status"_s));
    bucket.bytes = integer(json, u"bytes"_s);
    bucket.bytesIn = integer(json, u"bytesIn"_s);
    bucket.latency = histogramFromJson(json.value(u"latency"_s).toObject());
    return bucket;
}

QJsonObject LabCodec::toJson(const LatencyHistogram &histogram)
{
    QJsonArray buckets;
    for (int bucket = 0; bucket < LatencyHistogram::kBuckets; ++bucket) {
        if (const quint32 count = histogram.countAt(bucket))
            buckets.append(QJsonArray{bucket, static_cast<qint64>(count)});
    }
    return {{u"n"_s, histogram.count()}, {u"max"_s, histogram.maximum()}, {u"b"_s, buckets}};
}

LatencyHistogram LabCodec::histogramFromJson(const QJsonObject &json)
{
    // "n" is for a reader that wants only the count: here it follows from the buckets, so that
    // the two cannot disagree.
    std::array<quint32, LatencyHistogram::kBuckets> counts{};
    for (const QJsonValue &entry : json.value(u"b"_s).toArray()) {
        const QJsonArray pair = entry.toArray();
        const qint64 bucket = integerIn(pair.at(0), 0, LatencyHistogram::kBuckets - 1, -1);
        const qint64 count = integerIn(pair.at(1), 0, std::numeric_limits<quint32>::max(), -1);
        if (bucket >= 0 && count >= 0)
            counts[static_cast<size_t>(bucket)] = static_cast<quint32>(count);
    }
    return LatencyHistogram::fromCounts(counts, integer(json, u"max"_s));
}

QJsonObject LabCodec::toJson(const LoadReport &report)
{
    QJsonObject servedBy;
    for (auto it = report.servedBy.cbegin(); it != report.servedBy.cend(); ++it)
        servedBy.insert(it.key(), it.value());
    return {{u"completed"_s, report.completed},
            {u"failed"_s, report.failed},
            {u"status"_s, statusClassesToJson(report.statusClasses)},
            {u"latency"_s, toJson(report.latency)},
            {u"servedBy"_s, servedBy},
            {u"reads"_s, report.reads},
            {u"writes"_s, report.writes},
            {u"elapsedMs"_s, report.elapsedMs},
            {u"openLoop"_s, report.openLoop}};
}

LoadReport LabCodec::loadReportFromJson(const QJsonObject &json)
{
    LoadReport report;
    report.completed = integer(json, u"completed"_s);
    report.failed = integer(json, u"failed"_s);
    report.statusClasses = statusClassesFromJson(json.value(u"status"_s));
    report.latency = histogramFromJson(json.value(u"latency"_s).toObject());
    const QJsonObject servedBy = json.value(u"servedBy"_s).toObject();
    for (auto it = servedBy.constBegin(); it != servedBy.constEnd(); ++it) {
        // A server with no count of its own is not worth a row.
        if (it.value().isDouble())
            report.servedBy.insert(it.key(), it.value().toInteger(0));
    }
    report.reads = integer(json, u"reads"_s);
    report.writes = integer(json, u"writes"_s);
    report.elapsedMs = integer(json, u"elapsedMs"_s);
    report.openLoop = json.value(u"openLoop"_s).toBool(false);
    return report;
}

QJsonObject LabCodec::toJson(const LoadOptions &options)
{
    return {{u"host"_s, options.host},
            {u"port"_s, options.port},
            {u"requests"_s, options.requests},
            {u"durationMs"_s, static_cast<qint64>(options.duration.count())},
            {u"rate"_s, options.rate},
            {u"concurrency"_s, options.concurrency},
            {u"staticShare"_s, options.staticShare},
            {u"readShare"_s, options.readShare},
            {u"writeShare"_s, options.writeShare},
            {u"seed"_s, static_cast<qint64>(options.seed)}};
}

LoadOptions LabCodec::loadOptionsFromJson(const QJsonObject &json)
{
    const LoadOptions none;
    LoadOptions options;
    options.host = json.value(u"host"_s).toString(none.host);
    options.port = static_cast<quint16>(
        integerIn(json.value(u"port"_s), 0, std::numeric_limits<quint16>::max(), none.port));
    options.requests = json.value(u"requests"_s).toInt(none.requests);
    options.duration =
        std::chrono::milliseconds(integer(json, u"durationMs"_s, none.duration.count()));
    options.rate = json.value(u"rate"_s).toDouble(none.rate);
    options.concurrency = json.value(u"concurrency"_s).toInt(none.concurrency);
    options.staticShare = json.value(u"staticShare"_s).toInt(none.staticShare);
    options.readShare = json.value(u"readShare"_s).toInt(none.readShare);
    options.writeShare = json.value(u"writeShare"_s).toInt(none.writeShare);
    options.seed = static_cast<quint32>(
        integerIn(json.value(u"seed"_s), 0, std::numeric_limits<quint32>::max(), none.seed));
    return options;
}

QJsonObject LabCodec::toJson(const ReplicationStatus &status)
{
    return {{u"configured"_s, status.configured},
            {u"ioRunning"_s, status.ioRunning},
            {u"sqlRunning"_s, status.sqlRunning},
            {u"lagSeconds"_s, status.lagSeconds},
            {u"error"_s, status.error}};
}

ReplicationStatus LabCodec::replicationFromJson(const QJsonObject &json)
{
    const ReplicationStatus none;
    ReplicationStatus status;
    status.configured = json.value(u"configured"_s).toBool(none.configured);
    status.ioRunning = json.value(u"ioRunning"_s).toBool(none.ioRunning);
    status.sqlRunning = json.value(u"sqlRunning"_s).toBool(none.sqlRunning);
    status.lagSeconds = json.value(u"lagSeconds"_s).toInt(none.lagSeconds);
    status.error = json.value(u"error"_s).toString();
    return status;
}

QJsonObject LabCodec::toJson(const ExposureReport &report)
{
    QJsonArray ports;
    for (const ExposureReport::Result &result : report.results)
        ports.append(QJsonObject{{u"host"_s, result.target.machine},
                                 {u"address"_s, result.target.address},
                                 {u"port"_s, result.target.port},
                                 {u"role"_s, result.target.role},
                                 {u"state"_s, ExposureReport::outcomeName(result.outcome)}});
    QJsonObject json{{u"from"_s, report.from},
                     {u"site"_s, report.site},
                     {u"firewall"_s, report.firewall},
                     {u"ports"_s, ports}};
    if (!report.error.isEmpty())
        json.insert(u"error"_s, report.error);
    return json;
}

ExposureReport LabCodec::exposureFromJson(const QJsonObject &json)
{
    ExposureReport report;
    report.from = json.value(u"from"_s).toString();
    report.site = json.value(u"site"_s).toString();
    report.firewall = json.value(u"firewall"_s).toBool();
    report.error = json.value(u"error"_s).toString();
    for (const QJsonValue &port : json.value(u"ports"_s).toArray()) {
        const std::optional<ExposureReport::Outcome> outcome =
            ExposureReport::outcomeFromName(port[u"state"_s].toString());
        const qint64 number = integerIn(port[u"port"_s], 1, 65535, 0);
        if (!outcome || number == 0)
            continue;
        report.results.append({{port[u"host"_s].toString(), port[u"address"_s].toString(),
                                static_cast<quint16>(number), port[u"role"_s].toString()},
                               *outcome});
    }
    return report;
}

} // namespace topolab::runtime
