#pragma once

#include "counterrate.h"
#include "rollingtimechart.h"
#include "runtime/cluster/clustersample.h"

namespace topolab::gui {

// What the database does: reads per second (served by the replica) and writes per second (taken
// by the primary), with the replica's replication lag on the right axis.
class DatabaseChart final : public RollingTimeChart {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatabaseChart)

public:
    explicit DatabaseChart(QWidget *parent = nullptr);
    void addSample(const runtime::ClusterSample &sample);
    void restart();

private:
    CounterRate m_reads;
    CounterRate m_writes;
};

} // namespace topolab::gui
