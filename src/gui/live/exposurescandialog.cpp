#include "exposurescandialog.h"

#include "livesession.h"
#include "ui_exposurescandialog.h"

#include <QHeaderView>
#include <QPushButton>

using namespace Qt::StringLiterals;
using topolab::runtime::ExposureReport;

namespace topolab::gui {

namespace {

// How a port's answer reads, and in which colour: the site's web ports as they should be, any
// other open port as a fault, closed and filtered ones quietly.
std::pair<QString, QColor> answerOf(const ExposureReport &report,
                                    const ExposureReport::Result &result)
{
    switch (result.outcome) {
    case ExposureReport::Outcome::Open:
        if (report.isSite(result.target))
            return {ExposureScanDialog::tr("open: the site"),
                    stateColor(runtime::NodeState::Healthy)};
        return {ExposureScanDialog::tr("open: exposed"), stateColor(runtime::NodeState::Down)};
    case ExposureReport::Outcome::Refused:
        return {ExposureScanDialog::tr("closed"), {}};
    case ExposureReport::Outcome::Filtered:
        return {ExposureScanDialog::tr("filtered"), {}};
    }
    Q_UNREACHABLE();
}

} // namespace

ExposureScanDialog::ExposureScanDialog(QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ExposureScanDialog>())
{
    m_ui->setupUi(this);
    m_again = m_ui->buttons->addButton(tr("Scan &again"), QDialogButtonBox::ActionRole);
    m_again->setObjectName(u"scanAgain"_s);
    connect(m_again, &QPushButton::clicked, this, &ExposureScanDialog::scanRequested);
    connect(m_ui->showAll, &QCheckBox::toggled, this, &ExposureScanDialog::fill);
    m_ui->ports->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->ports->horizontalHeader()->setStretchLastSection(true);
    QFont bold = m_ui->heading->font();
    bold.setBold(true);
    m_ui->heading->setFont(bold);
}

ExposureScanDialog::~ExposureScanDialog() = default;

void ExposureScanDialog::scanning(const QString &design)
{
    m_busy = true;
    updateButton();
    m_ui->heading->setText(tr("What the internet reaches of %1").arg(design));
    m_ui->summary->setText(tr("Scanning every address and port of the lab from the internet "
                              "host…"));
}

void ExposureScanDialog::showReport(const ExposureReport &report)
{
    m_report = report;
    m_busy = false;
    updateButton();
    fill();
}

void ExposureScanDialog::setScanAllowed(bool allowed)
{
    m_allowed = allowed;
    updateButton();
}

void ExposureScanDialog::updateButton()
{
    m_again->setEnabled(m_allowed && !m_busy);
}

void ExposureScanDialog::fill()
{
    const bool failed = !m_report.error.isEmpty();
    const bool exposed = !failed && !m_report.exposed().isEmpty();
    const QColor tone = failed    ? stateColor(runtime::NodeState::Stopped)
                        : exposed ? stateColor(runtime::NodeState::Down)
                                  : stateColor(runtime::NodeState::Healthy);
    m_ui->verdict->setText(m_report.verdict());
    m_ui->verdict->setStyleSheet(u"QLabel { border-left: 4px solid %1; background: %2; }"_s.arg(
        tone.name(), QColor(tone.red(), tone.green(), tone.blue(), 40).name(QColor::HexArgb)));
    m_ui->ports->setRowCount(0);
    m_ui->ports->setEnabled(!failed);
    m_ui->showAll->setEnabled(!failed);
    if (failed) {
        m_ui->summary->clear();
        return;
    }
    const bool all = m_ui->showAll->isChecked();
    for (const ExposureReport::Result &result : m_report.results) {
        if (!all && result.outcome != ExposureReport::Outcome::Open)
            continue;
        const int row = m_ui->ports->rowCount();
        m_ui->ports->insertRow(row);
        const auto [answer, colour] = answerOf(m_report, result);
        const QStringList cells = {result.target.machine, result.target.address,
                                   QString::number(result.target.port),
                                   ExposureReport::serviceOf(result.target), answer};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (column == 2)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (colour.isValid() && column == cells.size() - 1)
                item->setForeground(colour);
            m_ui->ports->setItem(row, column, item);
        }
    }
    m_ui->summary->setText(
        tr("From the internet host (%1), %2 ports asked: %3 open, %4 closed (the host answered, "
           "nothing listens), %5 filtered (no answer: dropped by a firewall, or no route).")
            .arg(m_report.from)
            .arg(m_report.results.size())
            .arg(m_report.count(ExposureReport::Outcome::Open))
            .arg(m_report.count(ExposureReport::Outcome::Refused))
            .arg(m_report.count(ExposureReport::Outcome::Filtered)));
}

} // namespace topolab::gui
