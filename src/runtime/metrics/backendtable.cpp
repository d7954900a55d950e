#include "backendtable.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(BackendTable)
};

} // namespace

QString BackendTable::header(Column column)
{
    switch (column) {
    case Server:
        return Tr::tr("Server");
    case State:
        return Tr::tr("State");
    case Since:
        return Tr::tr("Since");
    case LastCheck:
        return Tr::tr("Last check");
    case Weight:
        return Tr::tr("Weight");
    case InFlight:
        return Tr::tr("In flight");
    case Connections:
        return Tr::tr("Connections");
    case Requests:
        return Tr::tr("Requests");
    case Errors4xx:
        return Tr::tr("4xx");
    case Errors5xx:
        return Tr::tr("5xx");
    case BytesIn:
        return Tr::tr("Bytes in");
    case BytesOut:
        return Tr::tr("Bytes out");
    case Downtime:
        return Tr::tr("Downtime");
    case P50:
        return Tr::tr("p50");
    case P99:
        return Tr::tr("p99");
    case ColumnCount:
        break;
    }
    return {};
}

QString BackendTable::explanation(Column column)
{
    switch (column) {
    case State:
        return Tr::tr("up or down by the health checks; draining, drained or maintenance as the "
                      "operator set it");
    case Since:
        return Tr::tr("how long it has been in this state");
    case LastCheck:
        return Tr::tr("the newest health check (GET /healthz): its result and how long it took");
    case Weight:
        return Tr::tr("its share of the requests with the weighted and least-connections "
                      "algorithms; round-robin and ip-hash give every server an equal share. "
                      "With any of them, weight 0 takes no new requests");
    case InFlight:
        return Tr::tr("requests sent to it that have not been answered yet");
    case Connections:
        return Tr::tr("the balancer's connections to it: open now / opened in all");
    case Requests:
        return Tr::tr("requests sent to it since the start, with the balancer's own 502 and 504 "
                      "answers for it");
    case Errors4xx:
        return Tr::tr("answers with a 4xx status (the client's error)");
    case Errors5xx:
        return Tr::tr("answers with a 5xx status, including the balancer's own 502 and 504");
    case BytesIn:
        return Tr::tr("request bytes the balancer sent to it");
    case BytesOut:
        return Tr::tr("response bytes the balancer sent to clients from it");
    case Downtime:
        return Tr::tr("how long it was down in all since the start");
    case P50:
    case P99:
        return Tr::tr("response time over the last minute, as clients of the balancer saw it");
    case Server:
    case ColumnCount:
        break;
    }
    return {};
}

QString BackendTable::state(const MetricsSnapshot::Backend &backend)
{
    switch (backend.admin) {
    case ServerAdminState::Ready:
        return backend.healthy ? Tr::tr("up") : Tr::tr("down");
    case ServerAdminState::Drain:
        if (!backend.healthy)
            return Tr::tr("draining (down)");
        return backend.inFlight == 0 ? Tr::tr("drained")
                                     : Tr::tr("draining (%n in flight)", nullptr, backend.inFlight);
    case ServerAdminState::Maintenance:
        return backend.healthy ? Tr::tr("maintenance") : Tr::tr("maintenance (down)");
    }
    return {};
}

QString BackendTable::duration(qint64 ms)
{
    ms = std::max<qint64>(0, ms);
    if (ms < 10'000)
        return Tr::tr("%1 s").arg(static_cast<double>(ms) / 1000.0, 0, 'f', 1);
    const qint64 seconds = ms / 1000;
    if (seconds < 3600)
        return seconds < 60 ? Tr::tr("%1 s").arg(seconds)
                            : Tr::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return Tr::tr("%1 h %2 min").arg(seconds / 3600).arg(seconds % 3600 / 60);
}

QString BackendTable::bytes(qint64 count)
{
    if (count < 1024)
        return Tr::tr("%1 B").arg(count);
    if (count < 1024 * 1024)
        return Tr::tr("%1 KiB").arg(static_cast<double>(count) / 1024.0, 0, 'f', 1);
    if (count < 1024LL * 1024 * 1024)
        return Tr::tr("%1 MiB").arg(static_cast<double>(count) / (1024.0 * 1024.0), 0, 'f', 1);
    return Tr::tr("%1 GiB").arg(static_cast<double>(count) / (1024.0 * 1024.0 * 1024.0), 0, 'f', 2);
}

QString BackendTable::latency(qint64 microseconds)
{
    if (microseconds < 1000)
        return Tr::tr("%1 µs").arg(microseconds);
    if (microseconds < 10'000'000)
        return Tr::tr("%1 ms").arg(static_cast<double>(microseconds) / 1000.0, 0, 'f',
                                   microseconds < 100'000 ? 1 : 0);
    return Tr::tr("%1 s").arg(static_cast<double>(microseconds) / 1e6, 0, 'f', 1);
}

LatencyHistogram BackendTable::recentLatency(const MetricsSnapshot::Backend &backend)
{
    LatencyHistogram merged;
    for (const TrafficBucket &bucket : backend.recent)
        merged.merge(bucket.latency);
    return merged;
}

QString BackendTable::cell(const MetricsSnapshot::Backend &backend, const QString &label,
                           qint64 nowMs, Column column)
{
    switch (column) {
    case Server:
        return label;
    case State:
        return state(backend);
    case Since:
        return duration(nowMs - backend.sinceMs);
    case LastCheck:
        if (backend.admin == ServerAdminState::Maintenance)
            return Tr::tr("paused (maintenance)");
        if (backend.check.atMs < 0)
            return Tr::tr("none yet");
        return Tr::tr("%1, %2").arg(backend.check.result, latency(backend.check.durationUs));
    case Weight:
        return QString::number(backend.weight);
    case InFlight:
        return QString::number(backend.inFlight);
    case Connections:
        return Tr::tr("%1 / %2").arg(backend.openConnections).arg(backend.connectionsEver);
    case Requests:
        return QString::number(backend.total.requests);
    case Errors4xx:
        return QString::number(backend.total.statusClasses[3]);
    case Errors5xx:
        return QString::number(backend.total.statusClasses[4]);
    case BytesIn:
        return bytes(backend.total.bytesIn);
    case BytesOut:
        return bytes(backend.total.bytes);
    case Downtime:
        return duration(backend.downtimeMs);
    case P50:
    case P99: {
        const LatencyHistogram recent = recentLatency(backend);
        if (recent.count() == 0)
            return u"–"_s;
        return latency(recent.percentile(column == P50 ? 0.50 : 0.99));
    }
    case ColumnCount:
        break;
    }
    return {};
}

QString BackendTable::text(const MetricsSnapshot &snapshot, const QHash<QString, QString> &labels)
{
    QList<QStringList> rows;
    QStringList headers;
    for (int column = 0; column < ColumnCount; ++column)
        headers.append(header(static_cast<Column>(column)));
    rows.append(headers);
    for (const MetricsSnapshot::Backend &backend : snapshot.backends) {
        QStringList row;
        for (int column = 0; column < ColumnCount; ++column)
            row.append(cell(backend, labels.value(backend.name, backend.name), snapshot.takenMs,
                            static_cast<Column>(column)));
        rows.append(row);
    }
    QList<qsizetype> widths(ColumnCount, 0);
    for (const QStringList &row : std::as_const(rows)) {
        for (int column = 0; column < ColumnCount; ++column)
            widths[column] = std::max(widths[column], row.at(column).size());
    }
    QString out;
    for (const QStringList &row : std::as_const(rows)) {
        QString line;
        for (int column = 0; column < ColumnCount; ++column) {
            // Words left, figures right, as a reader scans them.
            const bool words = isWords(static_cast<Column>(column));
            const QString &value = row.at(column);
            line +=
                words ? value.leftJustified(widths[column]) : value.rightJustified(widths[column]);
            if (column + 1 < ColumnCount)
                line += u"  "_s;
        }
        out += line.trimmed() + u'\n';
    }
    return out;
}

QJsonObject BackendTable::json(const MetricsSnapshot::Backend &backend, const QString &label,
                               qint64 nowMs)
{
    const LatencyHistogram recent = recentLatency(backend);
    QJsonObject check;
    if (backend.check.atMs >= 0)
        check = QJsonObject{{u"passed"_s, backend.check.passed},
                            {u"result"_s, backend.check.result},
                            {u"durationUs"_s, backend.check.durationUs},
                            {u"agoMs"_s, nowMs - backend.check.atMs}};
    return QJsonObject{
        {u"name"_s, backend.name},
        {u"label"_s, label},
        {u"healthy"_s, backend.healthy},
        {u"admin"_s, serverAdminStateName(backend.admin)},
        {u"state"_s, state(backend)},
        {u"inStateMs"_s, nowMs - backend.sinceMs},
        {u"lastCheck"_s, check},
        {u"weight"_s, backend.weight},
        {u"inFlight"_s, backend.inFlight},
        {u"openConnections"_s, backend.openConnections},
        {u"connectionsTotal"_s, backend.connectionsEver},
        {u"requests"_s, backend.total.requests},
        {u"responses2xx"_s, backend.total.statusClasses[1]},
        {u"responses3xx"_s, backend.total.statusClasses[2]},
        {u"responses4xx"_s, backend.total.statusClasses[3]},
        {u"responses5xx"_s, backend.total.statusClasses[4]},
        {u"bytesIn"_s, backend.total.bytesIn},
        {u"bytesOut"_s, backend.total.bytes},
        {u"downtimeMs"_s, backend.downtimeMs},
        // Null without requests in the window: no latency is not a latency of 0.
        {u"p50Us"_s, recent.count() > 0 ? QJsonValue(recent.percentile(0.50)) : QJsonValue()},
        {u"p99Us"_s, recent.count() > 0 ? QJsonValue(recent.percentile(0.99)) : QJsonValue()},
    };
}

} // namespace topolab::runtime
