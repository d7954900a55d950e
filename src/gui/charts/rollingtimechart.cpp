#include "rollingtimechart.h"

#include "chartstyle.h"

#include <QApplication>
#include <QFontMetricsF>
#include <QMap>
#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace topolab::gui {

namespace {
// Markers older than this are dropped, so a long run keeps a bounded number of items.
constexpr double kMarkerHistorySeconds = 600;
// Rows for the labels of markers close together, from the top of the plot down.
constexpr int kMarkerRows = 5;
constexpr int kLabelPadding = 3;

double rowTop(int row)
{
    return 0.02 + 0.16 * row;
}
} // namespace

RollingTimeChart::RollingTimeChart(const QString &title, const QString &yLabel, QWidget *parent)
    : QCustomPlot(parent)
    , m_title(title)
    , m_yLabel(yLabel)
{
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    axisRect()->setRangeDrag(Qt::Horizontal);
    axisRect()->setRangeZoom(Qt::Horizontal);
    // The legend sits in a row under the plot, never on top of the data.
    legend->setVisible(true);
    axisRect()->insetLayout()->take(legend);
    plotLayout()->addElement(plotLayout()->rowCount(), 0, legend);
    plotLayout()->setRowStretchFactor(plotLayout()->rowCount() - 1, 0.001);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setWrap(3);
    legend->setMargins(QMargins(4, 0, 4, 2));
    setMinimumSize(240, 130);
    setNoAntialiasingOnDrag(true);
    restyle();
    xAxis->setRange(0, m_window);
    yAxis->setRange(0, 10);
    // Placed once the layout knows the plot's size in pixels, before every drawing.
    connect(this, &QCustomPlot::afterLayout, this, &RollingTimeChart::placeMarkerLabels);
    // An empty legend squashes the plot to a fraction of its width: out of the layout until it
    // has something to say.
    connect(this, &QCustomPlot::beforeReplot, this, [this] {
        const bool wanted = legend->itemCount() > 0;
        const bool placed = plotLayout()->hasElement(plotLayout()->rowCount() - 1, 0) &&
                            plotLayout()->element(plotLayout()->rowCount() - 1, 0) == legend;
        if (wanted == placed)
            return;
        if (wanted) {
            plotLayout()->addElement(plotLayout()->rowCount(), 0, legend);
            plotLayout()->setRowStretchFactor(plotLayout()->rowCount() - 1, 0.001);
        } else {
            plotLayout()->take(legend);
            plotLayout()->simplify();
        }
        legend->setVisible(wanted);
    });
}

void RollingTimeChart::restyle()
{
    ChartStyle::apply(this, m_title);
    ChartStyle::styleAxis(xAxis, tr("time since start (s)"));
    ChartStyle::styleAxis(yAxis, m_yLabel);
}

QCPGraph *RollingTimeChart::addSeries(const QString &name, const QColor &color, Qt::PenStyle style,
                                      QCPAxis *valueAxis)
{
    QCPGraph *graph = addGraph(xAxis, valueAxis ? valueAxis : yAxis);
    graph->setName(name);
    graph->setPen(QPen(color, 2, style));
    graph->setAdaptiveSampling(true);
    return graph;
}

void RollingTimeChart::setWindowSeconds(double seconds)
{
    m_window = seconds;
    if (m_following)
        showUpTo(m_now);
}

void RollingTimeChart::setFollowing(bool following)
{
    if (following == m_following)
        return;
    m_following = following;
    if (following)
        showUpTo(m_now);
    emit followingChanged(following);
}

void RollingTimeChart::showUpTo(double nowSeconds)
{
    m_now = nowSeconds;
    if (m_following) {
        xAxis->setRange(std::max(0.0, nowSeconds - m_window), std::max(m_window, nowSeconds));
        // The y axis fits what is visible, with headroom, and never goes below zero.
        bool found = false;
        double top = 0;
        double least = std::numeric_limits<double>::infinity();
        for (int i = 0; i < graphCount(); ++i) {
            if (graph(i)->valueAxis() != yAxis)
                continue;
            const QCPRange range = graph(i)->getValueRange(
                found, m_logarithmic ? QCP::sdPositive : QCP::sdBoth, xAxis->range());
            if (found) {
                top = std::max(top, range.upper);
                least = std::min(least, range.lower);
            }
        }
        if (m_logarithmic)
            yAxis->setRange(top > 0 ? least / 4 : 0.1, top > 0 ? top * 2 : 10);
        else
            yAxis->setRange(0, top > 0 ? top * 1.15 : 1);
    }
    replot(rpQueuedReplot);
}

void RollingTimeChart::clear()
{
    for (int i = 0; i < graphCount(); ++i)
        graph(i)->data()->clear();
    for (const Marker &marker : std::as_const(m_markers)) {
        removeItem(marker.line);
        removeItem(marker.label);
    }
    m_markers.clear();
    m_now = 0;
    showUpTo(0);
}

void RollingTimeChart::addMarker(double seconds, const QString &text, const QColor &color)
{
    auto *line = new QCPItemStraightLine(this);
    line->point1->setCoords(seconds, 0);
    line->point2->setCoords(seconds, 1);
    line->setPen(QPen(color, 1.5, Qt::DashLine));
    auto *label = new QCPItemText(this);
    label->position->setTypeX(QCPItemPosition::ptPlotCoords);
    label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    label->setText(text);
    label->setColor(color);
    // Readable over the lines it crosses, which still show through: right after a marker come
    // the seconds the user is watching (the traffic coming back after a failover, say).
    QColor behind = QApplication::palette().color(QPalette::Base);
    behind.setAlpha(120);
    label->setBrush(behind);
    QFont font = this->font();
    font.setPointSizeF(font.pointSizeF() * 0.8);
    label->setFont(font);
    label->setClipToAxisRect(true);
    m_markers.append({seconds, line, label});
    placeMarkerLabels();
    m_markers.removeIf([&](const Marker &old) {
        if (old.seconds >= seconds - kMarkerHistorySeconds)
            return false;
        removeItem(old.line);
        removeItem(old.label);
        return true;
    });
}

void RollingTimeChart::placeMarkerLabels()
{
    const QRect area = axisRect()->rect();
    QList<QRectF> taken;
    for (const Marker &marker : std::as_const(m_markers)) {
        const QFontMetricsF metrics(marker.label->font());
        const QSizeF size(metrics.horizontalAdvance(marker.label->text()) + kLabelPadding,
                          metrics.height());
        const double x = xAxis->coordToPixel(marker.seconds);
        // To the right of its line, or to the left where the plot's edge would cut it off; wider
        // than either side (a narrow chart), from the plot's left edge.
        const bool fitsRight = x + size.width() <= area.right();
        const bool leftOfLine = !fitsRight && x - size.width() >= area.left();
        const bool fromEdge = !fitsRight && !leftOfLine;
        const double left = leftOfLine ? x - size.width() : fromEdge ? area.left() : x;
        QRectF rect(left, 0, size.width(), size.height());
        // The first row where it covers no other label (events close together: a kill and
        // the down it causes).
        int row = 0;
        for (int candidate = 0; candidate < kMarkerRows; ++candidate) {
            rect.moveTop(area.top() + area.height() * rowTop(candidate));
            if (std::none_of(taken.cbegin(), taken.cend(),
                             [&](const QRectF &other) { return other.intersects(rect); })) {
                row = candidate;
                break;
            }
        }
        rect.moveTop(area.top() + area.height() * rowTop(row));
        taken.append(rect);
        marker.label->setPositionAlignment((leftOfLine ? Qt::AlignRight : Qt::AlignLeft) |
                                           Qt::AlignTop);
        marker.label->setPadding(leftOfLine ? QMargins(0, 0, kLabelPadding, 0)
                                            : QMargins(kLabelPadding, 0, 0, 0));
        marker.label->position->setCoords(
            fromEdge ? xAxis->pixelToCoord(area.left()) : marker.seconds, rowTop(row));
    }
}

QList<QRectF> RollingTimeChart::markerLabelRects() const
{
    QList<QRectF> rects;
    for (const Marker &marker : m_markers)
        rects.append(QRectF(marker.label->topLeft->pixelPosition(),
                            marker.label->bottomRight->pixelPosition()));
    return rects;
}

QStringList RollingTimeChart::markerTexts() const
{
    QStringList texts;
    for (const Marker &marker : m_markers)
        texts.append(marker.label->text());
    return texts;
}

void RollingTimeChart::forgetBefore(double seconds)
{
    for (int i = 0; i < graphCount(); ++i)
        graph(i)->data()->removeBefore(seconds);
}

void RollingTimeChart::setLogarithmicValues()
{
    m_logarithmic = true;
    yAxis->setScaleType(QCPAxis::stLogarithmic);
    yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    yAxis->setNumberFormat(u"gb"_s);
    yAxis->setRange(0.1, 10);
}

void RollingTimeChart::upsert(QCPGraph *graph, double key, double value)
{
    graph->data()->remove(key);
    graph->data()->add(QCPGraphData(key, value));
}

double RollingTimeChart::newestKey(const QCPGraph *graph)
{
    const auto data = graph->data();
    return data->isEmpty() ? -std::numeric_limits<double>::infinity() : (data->constEnd() - 1)->key;
}

QString RollingTimeChart::csv() const
{
    QMap<double, QList<QString>> rows;
    QStringList header{u"time_s"_s};
    for (int i = 0; i < graphCount(); ++i) {
        header.append(u"\"%1\""_s.arg(graph(i)->name().replace(u'"', u"\"\""_s)));
        for (const QCPGraphData &point : *graph(i)->data()) {
            QList<QString> &row = rows[point.key];
            row.resize(graphCount());
            // A gap (no requests that second) is an empty field.
            row[i] = std::isnan(point.value) ? QString() : QString::number(point.value, 'g', 8);
        }
    }
    QString out = header.join(u',') + u'\n';
    for (auto it = rows.cbegin(); it != rows.cend(); ++it)
        out += QString::number(it.key(), 'f', 3) + u',' + it.value().join(u',') + u'\n';
    return out;
}

void RollingTimeChart::mousePressEvent(QMouseEvent *event)
{
    // Dragging explores history: stop following so the view stays where the user put it.
    if (event->button() == Qt::LeftButton)
        setFollowing(false);
    QCustomPlot::mousePressEvent(event);
}

void RollingTimeChart::wheelEvent(QWheelEvent *event)
{
    setFollowing(false);
    QCustomPlot::wheelEvent(event);
}

} // namespace topolab::gui
