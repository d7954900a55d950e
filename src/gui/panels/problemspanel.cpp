#include "problemspanel.h"

#include <QLabel>
#include <QListWidget>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using namespace topolab::core;

namespace topolab::gui {

namespace {

QIcon severityIcon(const QStyle *style, Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case Severity::Warning:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case Severity::Info:
        return style->standardIcon(QStyle::SP_MessageBoxInformation);
    }
    Q_UNREACHABLE();
}

} // namespace

ProblemsPanel::ProblemsPanel(const DocumentReview &review, QWidget *parent)
    : QWidget(parent)
    , m_review(review)
    , m_list(new QListWidget(this))
    , m_details(new QLabel(this))
{
    // Long titles wrap instead of being cut off; the list lays itself out again when resized.
    m_list->setWordWrap(true);
    m_list->setTextElideMode(Qt::ElideNone);
    m_list->setResizeMode(QListView::Adjust);
    m_list->setSpacing(2);
    m_list->setAlternatingRowColors(true);
    m_list->setObjectName(u"problemsList"_s);
    m_list->setIconSize(QSize(20, 20));
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::RichText);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setMargin(6);
    m_details->setMinimumHeight(m_details->fontMetrics().lineSpacing() * 5);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list, 3);
    layout->addWidget(m_details, 2);

    connect(&m_review, &DocumentReview::findingsChanged, this, &ProblemsPanel::show);
    connect(m_list, &QListWidget::currentItemChanged, this, &ProblemsPanel::showDetails);
    // Clicking the current finding again selects its nodes again, after the user clicked away.
    connect(m_list, &QListWidget::itemClicked, this, &ProblemsPanel::showDetails);
    show(m_review.findings());
}

void ProblemsPanel::show(const QList<Finding> &findings)
{
    m_list->clear();
    for (const Finding &finding : findings) {
        auto *item =
            new QListWidgetItem(severityIcon(style(), finding.severity), finding.title, m_list);
        item->setToolTip(finding.explanation);
    }
    if (findings.isEmpty())
        m_details->setText(tr("No problems found in this design."));
    else
        m_details->setText(tr("%n problem(s). Select one to see why it matters and how to fix it.",
                              nullptr, static_cast<int>(findings.size())));
}

void ProblemsPanel::showDetails()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= findings().size())
        return;
    const Finding &finding = findings().at(row);
    m_details->setText(
        u"<p><b>%1</b></p><p>%2</p><p><b>%3</b> %4</p><p><small>%5</small></p>"_s.arg(
            finding.title.toHtmlEscaped(), finding.explanation.toHtmlEscaped(), tr("Fix:"),
            finding.fix.toHtmlEscaped(), tr("Rule: %1").arg(finding.rule)));
    emit nodesActivated(finding.nodes);
}

} // namespace topolab::gui
