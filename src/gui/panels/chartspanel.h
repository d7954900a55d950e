#pragma once

#include "gui/charts/serverseries.h"
#include "runtime/cluster/clustersample.h"

#include <QWidget>

class QCustomPlot;
class QComboBox;
class QToolButton;

namespace topolab::gui {

class DatabaseChart;
class DistributionChart;
class LatencyChart;
class RequestRateChart;
class RollingTimeChart;
class StatusChart;

// The live charts of a running cluster: how requests are spread over the servers, requests per
// second, latency, status classes and the database, with events marked on every time chart.
// Pause freezes the view (data keeps coming), the window sets how much history shows, and each
// chart saves itself as PNG or PDF and its data as CSV from its context menu.
class ChartsPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartsPanel)

public:
    explicit ChartsPanel(QWidget *parent = nullptr);

    void setServers(const ServerList &servers);
    void addSample(const runtime::ClusterSample &sample);
    void addMarker(double seconds, const QString &text, const QColor &color);
    void setPaused(bool paused);
    void restyle();

    DistributionChart *distribution() const { return m_distribution; }
    RequestRateChart *requestRate() const { return m_rate; }
    StatusChart *status() const { return m_status; }
    QList<RollingTimeChart *> timeCharts() const;
    // Room for two rows of readable charts without taking the canvas's height.
    QSize sizeHint() const override { return {900, 340}; }

private:
    void showContextMenu(QCustomPlot *plot, QPoint at);
    void saveImage(QCustomPlot *plot, const QString &title, bool pdf);
    void saveCsv(const QString &title, const QString &csv);

    DistributionChart *m_distribution;
    RequestRateChart *m_rate;
    LatencyChart *m_latency;
    StatusChart *m_status;
    DatabaseChart *m_database;
    QToolButton *m_pause;
    QComboBox *m_window;
};

} // namespace topolab::gui
