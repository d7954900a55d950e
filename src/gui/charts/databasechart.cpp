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
    m_reads.reset();
    m_writes.reset();
    clear();
}

void DatabaseChart::addSample(const runtime::ClusterSample &sample)
{
    const double now = sample.traffic.takenMs / 1000.0;
    if (sample.hasDatabase && sample.dbSampledMs >= 0) {
        const double at = sample.dbSampledMs / 1000.0;
        const std::optional<double> reads = m_reads.read(sample.dbSampledMs, sample.dbReads);
        const std::optional<double> writes = m_writes.read(sample.dbSampledMs, sample.dbWrites);
        if (reads && writes) {
            upsert(graph(0), at, *reads);
            upsert(graph(1), at, *writes);
            if (sample.hasReplica && sample.replication.lagSeconds >= 0)
                upsert(graph(2), at, sample.replication.lagSeconds);
        }
    }
    bool found = false;
    const QCPRange lag = graph(2)->getValueRange(found);
    yAxis2->setRange(0, found ? std::max(5.0, lag.upper * 1.2) : 5.0);
    forgetBefore(now - 600);
    showUpTo(now);
}

} // namespace topolab::gui
