#include "distributionchart.h"

#include "chartstyle.h"

#include <QApplication>

using namespace Qt::StringLiterals;

namespace topolab::gui {

DistributionChart::DistributionChart(QWidget *parent)
    : QCustomPlot(parent)
    , m_title(tr("Request distribution"))
{
    setMinimumSize(240, 130);
    restyle();
    // The split in words under the title: "50.0 / 50.0 %, even".
    plotLayout()->insertRow(1);
    QFont font = this->font();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    m_subtitle = new QCPTextElement(this, tr("no requests yet"), font);
    m_subtitle->setTextColor(QApplication::palette().color(QPalette::PlaceholderText));
    plotLayout()->addElement(1, 0, m_subtitle);
    // No numbered axis before there are servers to name on it.
    setServers({});
    // Room above the tallest bar for its label, in pixels: a short chart needs more of its range.
    connect(this, &QCustomPlot::afterLayout, this, &DistributionChart::fitValueRange);
}

void DistributionChart::fitValueRange()
{
    if (m_highest <= 0) {
        yAxis->setRange(0, 10);
        return;
    }
    QFont bold = font();
    bold.setBold(true);
    const double labelPx = QFontMetricsF(bold).height() + 6;
    const double plotPx = std::max(1, axisRect()->height());
    const double labelShare = std::min(0.6, labelPx / plotPx);
    yAxis->setRange(0, static_cast<double>(m_highest) / (1.0 - labelShare));
}

void DistributionChart::restyle()
{
    ChartStyle::apply(this, m_title);
    ChartStyle::styleAxis(xAxis, {});
    ChartStyle::styleAxis(yAxis, tr("requests since start"));
    xAxis->grid()->setVisible(false);
}

void DistributionChart::setServers(const ServerList &servers)
{
    m_servers = servers;
    m_counts = QList<qint64>(servers.size(), 0);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int i = 0; i < servers.size(); ++i)
        ticker->addTick(i + 1, servers.at(i).label);
    xAxis->setTicker(ticker);
    xAxis->setRange(0.3, servers.size() + 0.7);
    for (QCPItemText *label : std::as_const(m_labels))
        removeItem(label);
    m_labels.clear();
    for (int i = 0; i < servers.size(); ++i) {
        auto *label = new QCPItemText(this);
        label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        label->setColor(servers.at(i).color.darker(130));
        QFont font = this->font();
        font.setBold(true);
        label->setFont(font);
        m_labels.append(label);
    }
    // One colour per bar: QCPBars has one brush, so each server gets bars of its own.
    for (QCPBars *bar : std::as_const(m_bars))
        removePlottable(bar);
    m_bars.clear();
    for (int i = 0; i < servers.size(); ++i) {
        auto *bar = new QCPBars(xAxis, yAxis);
        m_bars.append(bar);
        bar->setWidth(0.6);
        bar->setPen(Qt::NoPen);
        bar->setBrush(servers.at(i).color);
        bar->setName(servers.at(i).label);
        bar->removeFromLegend();
    }
    replot(rpQueuedReplot);
}

namespace {

// "50.0 / 50.0 % (even)" or "52.3 / 47.7 % (2.3 points off even)"; empty without requests.
QString describeSplit(const QList<qint64> &counts)
{
    qint64 total = 0;
    for (qint64 count : counts)
        total += count;
    if (total == 0)
        return {};
    double worstDeviation = 0;
    QStringList shares;
    for (qint64 count : counts) {
        const double share = 100.0 * static_cast<double>(count) / static_cast<double>(total);
        worstDeviation = std::max(worstDeviation, std::abs(share - 100.0 / counts.size()));
        shares.append(QString::number(share, 'f', 1));
    }
    return worstDeviation < 1.0 ? DistributionChart::tr("%1 % (even)").arg(shares.join(u" / "_s))
                                : DistributionChart::tr("%1 % (%2 points off even)")
                                      .arg(shares.join(u" / "_s))
                                      .arg(worstDeviation, 0, 'f', 1);
}

} // namespace

void DistributionChart::addSample(const runtime::ClusterSample &sample)
{
    // The bars count since the start; the words also give the split of the last minute, which
    // is what the balancer does now (after a kill and a restart the totals stay uneven).
    QList<qint64> recent(m_servers.size(), 0);
    qint64 highest = 0;
    for (int i = 0; i < m_servers.size(); ++i) {
        m_counts[i] = 0;
        for (const runtime::MetricsSnapshot::Backend &backend : sample.traffic.backends) {
            if (backend.name != m_servers.at(i).backend)
                continue;
            m_counts[i] = backend.total.requests;
            for (const runtime::TrafficBucket &bucket : backend.recent)
                recent[i] += bucket.requests;
        }
        highest = std::max(highest, m_counts.at(i));
    }
    qint64 total = 0;
    for (qint64 count : std::as_const(m_counts))
        total += count;
    for (int i = 0; i < m_servers.size(); ++i) {
        const qint64 count = m_counts.at(i);
        const double share = total > 0 ? 100.0 * static_cast<double>(count) / total : 0;
        QCPBars *bar = m_bars.at(i);
        bar->data()->clear();
        bar->addData(i + 1, static_cast<double>(count));
        m_labels.at(i)->position->setCoords(i + 1, static_cast<double>(count));
        m_labels.at(i)->setText(tr("%1 (%2 %)").arg(count).arg(share, 0, 'f', 1));
    }
    m_highest = highest;
    fitValueRange();
    const QString lately = describeSplit(recent);
    if (total == 0)
        m_subtitle->setText(tr("no requests yet"));
    else
        m_subtitle->setText(
            tr("last minute: %1\nsince start: %2")
                .arg(lately.isEmpty() ? tr("no requests") : lately, describeSplit(m_counts)));
    replot(rpQueuedReplot);
}

QString DistributionChart::summary() const
{
    return m_subtitle->text();
}

QMap<QString, qint64> DistributionChart::counts() const
{
    QMap<QString, qint64> result;
    for (int i = 0; i < m_servers.size(); ++i)
        result.insert(m_servers.at(i).label, m_counts.value(i));
    return result;
}

QString DistributionChart::csv() const
{
    qint64 total = 0;
    for (qint64 count : m_counts)
        total += count;
    QString out = u"server,requests,share_percent\n"_s;
    for (int i = 0; i < m_servers.size(); ++i)
        out += u"\"%1\",%2,%3\n"_s.arg(m_servers.at(i).label)
                   .arg(m_counts.value(i))
                   .arg(total > 0 ? 100.0 * static_cast<double>(m_counts.value(i)) / total : 0.0, 0,
                        'f', 2);
    return out;
}

} // namespace topolab::gui
