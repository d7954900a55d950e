#include "chartspanel.h"

#include "gui/charts/databasechart.h"
#include "gui/charts/distributionchart.h"
#include "gui/charts/latencychart.h"
#include "gui/charts/requestratechart.h"
#include "gui/charts/statuschart.h"
#include "gui/style/kindstyle.h"

#include <QComboBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace topolab::gui {

ChartsPanel::ChartsPanel(QWidget *parent)
    : QWidget(parent)
    , m_distribution(new DistributionChart(this))
    , m_rate(new RequestRateChart(this))
    , m_latency(new LatencyChart(this))
    , m_status(new StatusChart(this))
    , m_database(new DatabaseChart(this))
    , m_pause(new QToolButton(this))
    , m_window(new QComboBox(this))
{
    m_pause->setCheckable(true);
    m_pause->setText(tr("Pause"));
    m_pause->setIcon(actionIcon(u"stop"_s));
    m_pause->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_pause->setToolTip(tr("Freeze the time charts to look at them; data keeps being recorded. "
                           "Dragging or zooming a chart pauses it too."));
    for (const auto &[label, seconds] :
         {std::pair{tr("last 30 s"), 30}, {tr("last 60 s"), 60}, {tr("last 5 min"), 300}})
        m_window->addItem(label, seconds);
    m_window->setCurrentIndex(1);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_pause);
    bar->addWidget(new QLabel(tr("Show:"), this));
    bar->addWidget(m_window);
    auto *hint =
        new QLabel(tr("Right-click a chart to save it as PNG or PDF, or its data as CSV."), this);
    hint->setForegroundRole(QPalette::PlaceholderText);
    bar->addWidget(hint, 1);

    auto *grid = new QGridLayout;
    grid->setSpacing(6);
    grid->addWidget(m_distribution, 0, 0);
    grid->addWidget(m_rate, 0, 1);
    grid->addWidget(m_latency, 0, 2);
    grid->addWidget(m_status, 1, 0);
    grid->addWidget(m_database, 1, 1, 1, 2);
    for (int column = 0; column < 3; ++column)
        grid->setColumnStretch(column, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addLayout(grid, 1);

    connect(m_pause, &QToolButton::toggled, this, &ChartsPanel::setPaused);
    connect(m_window, &QComboBox::currentIndexChanged, this, [this] {
        for (RollingTimeChart *chart : timeCharts())
            chart->setWindowSeconds(m_window->currentData().toDouble());
    });
    const QList<QCustomPlot *> plots{m_distribution, m_rate, m_latency, m_status, m_database};
    for (QCustomPlot *plot : plots) {
        plot->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(plot, &QWidget::customContextMenuRequested, this,
                [this, plot](QPoint at) { showContextMenu(plot, at); });
    }
    for (RollingTimeChart *chart : timeCharts()) {
        connect(chart, &RollingTimeChart::followingChanged, this, [this](bool following) {
            if (!following && !m_pause->isChecked())
                m_pause->setChecked(true);
        });
    }
}

QList<RollingTimeChart *> ChartsPanel::timeCharts() const
{
    return {m_rate, m_latency, m_status, m_database};
}

void ChartsPanel::setServers(const ServerList &servers)
{
    m_distribution->setServers(servers);
    m_rate->setServers(servers);
    m_latency->setServers(servers);
    for (RollingTimeChart *chart : timeCharts())
        chart->clear();
    m_database->restart();
    m_status->restart();
    setPaused(false);
}

void ChartsPanel::addSample(const runtime::ClusterSample &sample)
{
    m_distribution->addSample(sample);
    m_rate->addSample(sample);
    m_latency->addSample(sample);
    m_status->addSample(sample);
    m_database->addSample(sample);
}

void ChartsPanel::addMarker(double seconds, const QString &text, const QColor &color)
{
    for (RollingTimeChart *chart : timeCharts())
        chart->addMarker(seconds, text, color);
}

void ChartsPanel::setPaused(bool paused)
{
    if (m_pause->isChecked() != paused)
        m_pause->setChecked(paused);
    m_pause->setText(paused ? tr("Live") : tr("Pause"));
    m_pause->setIcon(actionIcon(paused ? u"start"_s : u"stop"_s));
    for (RollingTimeChart *chart : timeCharts())
        chart->setFollowing(!paused);
}

void ChartsPanel::restyle()
{
    m_distribution->restyle();
    for (RollingTimeChart *chart : timeCharts())
        chart->restyle();
    for (QCustomPlot *plot : findChildren<QCustomPlot *>())
        plot->replot();
}

void ChartsPanel::showContextMenu(QCustomPlot *plot, QPoint at)
{
    const QString title = plot == m_distribution ? m_distribution->title()
                                                 : static_cast<RollingTimeChart *>(plot)->title();
    QMenu menu(this);
    menu.addAction(tr("Save as PNG…"), this, [=, this] { saveImage(plot, title, false); });
    menu.addAction(tr("Save as PDF…"), this, [=, this] { saveImage(plot, title, true); });
    menu.addAction(tr("Save data as CSV…"), this, [=, this] {
        saveCsv(title, plot == m_distribution ? m_distribution->csv()
                                              : static_cast<RollingTimeChart *>(plot)->csv());
    });
    menu.exec(plot->mapToGlobal(at));
}

void ChartsPanel::saveImage(QCustomPlot *plot, const QString &title, bool pdf)
{
    const QString suffix = pdf ? u"pdf"_s : u"png"_s;
    QFileDialog dialog(this, tr("Save chart"), QString(title).replace(u'/', u'-') + u'.' + suffix,
                       pdf ? tr("PDF document (*.pdf)") : tr("PNG image (*.png)"));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(suffix);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return;
    const QString path = dialog.selectedFiles().constFirst();
    const bool saved = pdf ? plot->savePdf(path, plot->width(), plot->height())
                           : plot->savePng(path, plot->width(), plot->height(), 2.0);
    if (!saved)
        QMessageBox::critical(this, tr("Cannot save chart"),
                              tr("Cannot write %1. Choose a folder you can write to.").arg(path));
}

void ChartsPanel::saveCsv(const QString &title, const QString &csv)
{
    QFileDialog dialog(this, tr("Save chart data"), QString(title).replace(u'/', u'-') + u".csv"_s,
                       tr("CSV (*.csv)"));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(u"csv"_s);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return;
    QSaveFile file(dialog.selectedFiles().constFirst());
    if (!file.open(QIODevice::WriteOnly) || file.write(csv.toUtf8()) < 0 || !file.commit())
        QMessageBox::critical(this, tr("Cannot save chart data"),
                              tr("Cannot write %1: %2").arg(file.fileName(), file.errorString()));
}

} // namespace topolab::gui
