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
    for (int i = 0; i < graphCount(); ++i)
        graph(i)->data()->clear();
}

void DatabaseChart::addSample(const runtime::ClusterSample &sample)
{
    const qint64 now = sample.traffic.takenMs;
    // The workers' counters are totals sampled about once a second; a rate needs two of them.
    if (sample.hasDatabase && m_lastMs >= 0 && now - m_lastMs >= 900 &&
        (sample.dbReads != m_lastReads || sample.dbWrites != m_lastWrites ||
         now - m_lastMs >= 1500)) {
        const double seconds = static_cast<double>(now - m_lastMs) / 1000.0;
        upsert(graph(0), now / 1000.0, static_cast<double>(sample.dbReads - m_lastReads) / seconds);
        upsert(graph(1), now / 1000.0,
               static_cast<double>(sample.dbWrites - m_lastWrites) / seconds);
        if (sample.hasReplica && sample.replication.lagSeconds >= 0)
            upsert(graph(2), now / 1000.0, sample.replication.lagSeconds);
        m_lastMs = now;
        m_lastReads = sample.dbReads;
        m_lastWrites = sample.dbWrites;
    } else if (m_lastMs < 0 && sample.hasDatabase) {
        m_lastMs = now;
        m_lastReads = sample.dbReads;
        m_lastWrites = sample.dbWrites;
    }
    bool found = false;
    const QCPRange lag = graph(2)->getValueRange(found);
    yAxis2->setRange(0, found ? std::max(5.0, lag.upper * 1.2) : 5.0);
    forgetBefore(now / 1000.0 - 600);
    showUpTo(now / 1000.0);
}

} // namespace topolab::gui
