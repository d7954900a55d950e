#include "statuschart.h"

#include <QMap>

namespace topolab::gui {

StatusChart::StatusChart(QWidget *parent)
    : RollingTimeChart(tr("Responses by status"), tr("responses/s"), parent)
{
    addSeries(tr("2xx"), QColor(0x16, 0xa3, 0x4a));
    addSeries(tr("3xx"), QColor(0x25, 0x63, 0xeb));
    addSeries(tr("4xx"), QColor(0xd9, 0x77, 0x06));
    addSeries(tr("5xx"), QColor(0xdc, 0x26, 0x26));
    m_drops =
        addSeries(tr("dropped by firewall (packets/s)"), QColor(0x7f, 0x1d, 0x1d), Qt::DashLine);
    // In the legend only for a design with a firewall.
    m_drops->removeFromLegend();
}

void StatusChart::restart()
{
    m_dropRate.reset();
    m_drops->removeFromLegend();
    clear();
}

void StatusChart::addSample(const runtime::ClusterSample &sample)
{
    QMap<qint64, std::array<qint64, 5>> perSecond;
    // The balancer's own answers (503 with no healthy server, 400, 431 …) count too.
    QList<QList<runtime::TrafficBucket>> series{sample.traffic.unroutedRecent};
    for (const runtime::MetricsSnapshot::Backend &backend : sample.traffic.backends)
        series.append(backend.recent);
    for (const QList<runtime::TrafficBucket> &recent : std::as_const(series)) {
        const qsizetype complete = std::max<qsizetype>(0, recent.size() - 1);
        for (qsizetype b = 0; b < complete; ++b) {
            const runtime::TrafficBucket &bucket = recent.at(b);
            std::array<qint64, 5> &sum = perSecond[bucket.startMs];
            for (size_t c = 0; c < sum.size(); ++c)
                sum[c] += bucket.statusClasses[c];
        }
    }
    const double scale = 1000.0 / static_cast<double>(sample.traffic.bucketMs);
    const double known = newestKey(graph(0));
    for (auto it = perSecond.lowerBound(static_cast<qint64>(std::max(known, 0.0) * 1000));
         it != perSecond.cend(); ++it) {
        for (int c = 0; c < 4; ++c)
            upsert(graph(c), it.key() / 1000.0,
                   static_cast<double>(it.value()[static_cast<size_t>(c + 1)]) * scale);
    }
    if (sample.firewallDrops >= 0 && sample.dbSampledMs >= 0) {
        if (!legend->hasItemWithPlottable(m_drops))
            m_drops->addToLegend();
        if (const std::optional<double> rate =
                m_dropRate.read(sample.dbSampledMs, sample.firewallDrops))
            upsert(m_drops, sample.dbSampledMs / 1000.0, *rate);
    }
    const double now = sample.traffic.takenMs / 1000.0;
    forgetBefore(now - 600);
    showUpTo(now);
}

} // namespace topolab::gui
