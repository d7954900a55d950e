#pragma once

#include <qcustomplot.h>

namespace topolab::gui {

// A chart over time for a running cluster: seconds since the cluster started on the x axis,
// following the newest data over a rolling window (60 s by default) until the user pans or zooms
// it, or pauses; events (a node killed, the algorithm changed) as labelled vertical markers. The
// charts derive from it and only say which series they draw.
class RollingTimeChart : public QCustomPlot {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RollingTimeChart)

public:
    RollingTimeChart(const QString &title, const QString &yLabel, QWidget *parent = nullptr);

    void setWindowSeconds(double seconds);
    double windowSeconds() const { return m_window; }
    // Following: the x axis shows the newest `windowSeconds`. Off while paused or explored.
    void setFollowing(bool following);
    bool isFollowing() const { return m_following; }
    // Moves the view to `nowSeconds` if following, and redraws.
    void showUpTo(double nowSeconds);

    // Forgets every point and marker: a new run starts its clock at zero again.
    void clear();

    void addMarker(double seconds, const QString &text, const QColor &color);
    int markerCount() const { return static_cast<int>(m_markers.size()); }
    QStringList markerTexts() const;
    // Where each marker's label is drawn, in pixels, as of the last replot.
    QList<QRectF> markerLabelRects() const;

    // Every graph's points as CSV: one row per time, one column per graph.
    QString csv() const;
    const QString &title() const { return m_title; }
    void restyle();

signals:
    void followingChanged(bool following);

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    QCPGraph *addSeries(const QString &name, const QColor &color,
                        Qt::PenStyle style = Qt::SolidLine, QCPAxis *valueAxis = nullptr);
    void forgetBefore(double seconds);
    // A logarithmic value axis: one frozen server's 10 s must not flatten everyone's 2 ms.
    void setLogarithmicValues();
    // Sets the point at `key`, replacing one already there: every sample repeats recent seconds.
    static void upsert(QCPGraph *graph, double key, double value);
    // The newest time a graph has a point for; a completed second never changes, so each sample
    // only needs to add what is at or after it.
    static double newestKey(const QCPGraph *graph);

private:
    // Puts each label beside its line where the plot has room for it, in the first row where
    // it covers no other label.
    void placeMarkerLabels();

    struct Marker {
        double seconds;
        QCPItemStraightLine *line;
        QCPItemText *label;
    };

    QString m_title;
    QString m_yLabel;
    double m_window = 60;
    double m_now = 0;
    bool m_following = true;
    bool m_logarithmic = false;
    QList<Marker> m_markers;
};

} // namespace topolab::gui
