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

void DistributionChart::addSample(const runtime::ClusterSample &sample)
{
    qint64 total = 0;
    for (int i = 0; i < m_servers.size(); ++i) {
        m_counts[i] = 0;
        for (const runtime::MetricsSnapshot::Backend &backend : sample.traffic.backends) {
            if (backend.name == m_servers.at(i).backend)
                m_counts[i] = backend.total.requests;
        }
        total += m_counts.at(i);
    }
    qint64 highest = 0;
    double worstDeviation = 0;
    QStringList shares;
    for (int i = 0; i < m_servers.size(); ++i) {
        const qint64 count = m_counts.at(i);
        highest = std::max(highest, count);
        const double share = total > 0 ? 100.0 * static_cast<double>(count) / total : 0;
        worstDeviation = std::max(worstDeviation, std::abs(share - 100.0 / m_servers.size()));
        shares.append(QString::number(share, 'f', 1));
        QCPBars *bar = m_bars.at(i);
        bar->data()->clear();
        bar->addData(i + 1, static_cast<double>(count));
        m_labels.at(i)->position->setCoords(i + 1, static_cast<double>(count));
        m_labels.at(i)->setText(tr("%1 (%2 %)").arg(count).arg(shares.last()));
    }
    yAxis->setRange(0, highest > 0 ? highest * 1.25 : 10);
    if (total == 0)
        m_subtitle->setText(tr("no requests yet"));
    else if (worstDeviation < 1.0)
        m_subtitle->setText(tr("%1 %: even").arg(shares.join(u" / "_s)));
    else
        m_subtitle->setText(tr("%1 %: %2 points off even")
                                .arg(shares.join(u" / "_s))
                                .arg(worstDeviation, 0, 'f', 1));
    replot(rpQueuedReplot);
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
