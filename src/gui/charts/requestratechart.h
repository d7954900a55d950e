#pragma once

#include "rollingtimechart.h"
#include "runtime/cluster/clustersample.h"
#include "serverseries.h"

namespace topolab::gui {

// Requests per second that each server answered, one line per server, per completed second.
class RequestRateChart final : public RollingTimeChart {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestRateChart)

public:
    explicit RequestRateChart(QWidget *parent = nullptr);
    void setServers(const ServerList &servers);
    void addSample(const runtime::ClusterSample &sample);

private:
    ServerList m_servers;
};

} // namespace topolab::gui
