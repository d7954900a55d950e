#include "latencychart.h"

namespace topolab::gui {

namespace {
constexpr struct {
    double fraction;
    const char *name;
    Qt::PenStyle style;
} kPercentiles[] = {
    {0.50, "p50", Qt::SolidLine}, {0.95, "p95", Qt::DashLine}, {0.99, "p99", Qt::DotLine}};
} // namespace

LatencyChart::LatencyChart(QWidget *parent)
    : RollingTimeChart(tr("Latency by server"), tr("latency (ms)"), parent)
{
    setLogarithmicValues();
}

void LatencyChart::setServers(const ServerList &servers)
{
    m_servers = servers;
    clearGraphs();
    for (const ServerSeries &server : servers) {
        for (const auto &percentile : kPercentiles)
            addSeries(tr("%1 %2").arg(server.label, QString::fromLatin1(percentile.name)),
                      server.color, percentile.style);
    }
}

void LatencyChart::addSample(const runtime::ClusterSample &sample)
{
    for (int i = 0; i < m_servers.size(); ++i) {
        for (const runtime::MetricsSnapshot::Backend &backend : sample.traffic.backends) {
            if (backend.name != m_servers.at(i).backend)
                continue;
            const qsizetype complete = std::max<qsizetype>(0, backend.recent.size() - 1);
            const double known = newestKey(graph(i * 3));
            for (qsizetype b = 0; b < complete; ++b) {
                const runtime::TrafficBucket &bucket = backend.recent.at(b);
                if (bucket.startMs / 1000.0 < known)
                    continue;
                // A second without requests has no latency: a gap (NaN breaks the line), not a
                // zero, and not a line drawn across the quiet time either.
                for (int p = 0; p < 3; ++p)
                    upsert(graph(i * 3 + p), bucket.startMs / 1000.0,
                           bucket.requests == 0
                               ? qQNaN()
                               : bucket.latency.percentile(kPercentiles[p].fraction) / 1000.0);
            }
        }
    }
    const double now = sample.traffic.takenMs / 1000.0;
    forgetBefore(now - 600);
    showUpTo(now);
}

} // namespace topolab::gui
