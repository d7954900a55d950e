#pragma once

#include "rollingtimechart.h"
#include "runtime/cluster/clustersample.h"
#include "serverseries.h"

namespace topolab::gui {

// How fast each server answers, second by second: p50 solid, p95 dashed, p99 dotted, in the
// server's colour.
class LatencyChart final : public RollingTimeChart {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LatencyChart)

public:
    explicit LatencyChart(QWidget *parent = nullptr);
    void setServers(const ServerList &servers);
    void addSample(const runtime::ClusterSample &sample);

private:
    ServerList m_servers;
};

} // namespace topolab::gui
