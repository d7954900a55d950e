#include "requestratechart.h"

namespace topolab::gui {

RequestRateChart::RequestRateChart(QWidget *parent)
    : RollingTimeChart(tr("Requests per second by server"), tr("requests/s"), parent)
{
}

void RequestRateChart::setServers(const ServerList &servers)
{
    m_servers = servers;
    clearGraphs();
    // Round-robin draws the servers' lines on top of each other; the wider first line stays
    // visible around the others.
    for (int i = 0; i < servers.size(); ++i) {
        QCPGraph *graph = addSeries(servers.at(i).label, servers.at(i).color);
        graph->setPen(QPen(servers.at(i).color, i == 0 ? 4.5 : 2));
    }
}

void RequestRateChart::addSample(const runtime::ClusterSample &sample)
{
    for (int i = 0; i < m_servers.size(); ++i) {
        for (const runtime::MetricsSnapshot::Backend &backend : sample.traffic.backends) {
            if (backend.name != m_servers.at(i).backend)
                continue;
            // The newest bucket is still filling; drawing it would show a false dip.
            const qsizetype complete = std::max<qsizetype>(0, backend.recent.size() - 1);
            const double perSecond = 1000.0 / static_cast<double>(sample.traffic.bucketMs);
            const double known = newestKey(graph(i));
            for (qsizetype b = 0; b < complete; ++b) {
                const runtime::TrafficBucket &bucket = backend.recent.at(b);
                if (bucket.startMs / 1000.0 < known)
                    continue;
                upsert(graph(i), bucket.startMs / 1000.0,
                       static_cast<double>(bucket.requests) * perSecond);
            }
        }
    }
    const double now = sample.traffic.takenMs / 1000.0;
    forgetBefore(now - 600);
    showUpTo(now);
}

} // namespace topolab::gui
