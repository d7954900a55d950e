#pragma once

#include "counterrate.h"
#include "rollingtimechart.h"
#include "runtime/cluster/clustersample.h"

namespace topolab::gui {

// Responses per second by status class over all servers (2xx, 3xx, 4xx, 5xx), so errors stand
// out against the successes; with a firewall, the packets per second it drops beside them.
class StatusChart final : public RollingTimeChart {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusChart)

public:
    explicit StatusChart(QWidget *parent = nullptr);
    void addSample(const runtime::ClusterSample &sample);
    void restart();
    // The firewall's packets dropped per second, in the legend once a firewall runs.
    QCPGraph *drops() const { return m_drops; }

private:
    QCPGraph *m_drops;
    CounterRate m_dropRate;
};

} // namespace topolab::gui
