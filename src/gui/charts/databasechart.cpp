#include "databasechart.h"

#include "chartstyle.h"

namespace topolab::gui {

DatabaseChart::DatabaseChart(QWidget *parent)
    : RollingTimeChart(tr("Database: reads, writes and replication lag"), tr("queries/s"), parent)
{
    addSeries(tr("reads/s (replica)"), QColor(0x25, 0x63, 0xeb));
    addSeries(tr("writes/s (primary)"), QColor(0xdb, 0x27, 0x77));
    yAxis2->setVisible(true);
    ChartStyle::styleAxis(yAxis2, tr("lag (s)"));
    yAxis2->setRange(0, 5);
    addSeries(tr("replication lag"), QColor(0x64, 0x74, 0x8b), Qt::DashLine, yAxis2);
}

void DatabaseChart::restart()
{
    m_lastMs = -1;
    clear();
}

void DatabaseChart::addSample(const runtime::ClusterSample &sample)
{
    const double now = sample.traffic.takenMs / 1000.0;
    // A rate needs two readings of the counters, divided by the time between the readings.
    if (sample.hasDatabase && sample.dbSampledMs >= 0 && sample.dbSampledMs != m_lastMs) {
        if (m_lastMs >= 0 && sample.dbSampledMs > m_lastMs) {
            const double seconds = static_cast<double>(sample.dbSampledMs - m_lastMs) / 1000.0;
            const double at = sample.dbSampledMs / 1000.0;
            upsert(graph(0), at, static_cast<double>(sample.dbReads - m_lastReads) / seconds);
            upsert(graph(1), at, static_cast<double>(sample.dbWrites - m_lastWrites) / seconds);
            if (sample.hasReplica && sample.replication.lagSeconds >= 0)
                upsert(graph(2), at, sample.replication.lagSeconds);
        }
        m_lastMs = sample.dbSampledMs;
        m_lastReads = sample.dbReads;
        m_lastWrites = sample.dbWrites;
    }
    bool found = false;
    const QCPRange lag = graph(2)->getValueRange(found);
    yAxis2->setRange(0, found ? std::max(5.0, lag.upper * 1.2) : 5.0);
    forgetBefore(now - 600);
    showUpTo(now);
}

} // namespace topolab::gui
