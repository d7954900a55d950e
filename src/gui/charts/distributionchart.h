#pragma once

#include "runtime/cluster/clustersample.h"
#include "serverseries.h"

#include <qcustomplot.h>

namespace topolab::gui {

// How the requests were spread over the servers since the cluster started: one bar per server
// with its count and share, and in the title how far the split is from even.
class DistributionChart final : public QCustomPlot {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DistributionChart)

public:
    explicit DistributionChart(QWidget *parent = nullptr);
    void setServers(const ServerList &servers);
    void addSample(const runtime::ClusterSample &sample);

    // Requests per server label, as drawn.
    QMap<QString, qint64> counts() const;
    // The split in words, of the last minute and since the start.
    QString summary() const;
    QString csv() const;
    const QString &title() const { return m_title; }
    void restyle();

private:
    void fitValueRange();

    ServerList m_servers;
    QList<qint64> m_counts;
    QString m_title;
    QList<QCPBars *> m_bars; // one per server, each in its colour
    QList<QCPItemText *> m_labels;
    QCPTextElement *m_subtitle;
    qint64 m_highest = 0;
};

} // namespace topolab::gui
