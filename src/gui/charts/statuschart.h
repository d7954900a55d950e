#pragma once

#include "rollingtimechart.h"
#include "runtime/cluster/clustersample.h"

namespace topolab::gui {

// Responses per second by status class over all servers (2xx, 3xx, 4xx, 5xx), so errors stand
// out against the successes.
class StatusChart final : public RollingTimeChart {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusChart)

public:
    explicit StatusChart(QWidget *parent = nullptr);
    void addSample(const runtime::ClusterSample &sample);
};

} // namespace topolab::gui
