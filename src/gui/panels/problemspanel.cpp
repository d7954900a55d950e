#include "problemspanel.h"

#include "gui/live/livestatemodel.h"

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

ProblemsPanel::ProblemsPanel(const DocumentReview &review, const LiveStateModel &live,
                             QWidget *parent)
    : QWidget(parent)
    , m_review(review)
    , m_live(live)
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

    connect(&m_review, &DocumentReview::findingsChanged, this, &ProblemsPanel::refresh);
    connect(&m_live, &LiveStateModel::begun, this, &ProblemsPanel::refresh);
    connect(&m_live, &LiveStateModel::nodeChanged, this, &ProblemsPanel::refresh);
    connect(&m_live, &LiveStateModel::ended, this, &ProblemsPanel::refresh);
    connect(m_list, &QListWidget::currentItemChanged, this, &ProblemsPanel::showDetails);
    // Clicking the current finding again selects its nodes again, after the user clicked away.
    connect(m_list, &QListWidget::itemClicked, this, &ProblemsPanel::showDetails);
    refresh();
}

QList<ProblemsPanel::LiveProblem> ProblemsPanel::liveProblems() const
{
    QList<LiveProblem> problems;
    for (const QString &id : m_live.nodeIds()) {
        if (m_live.state(id) == runtime::NodeState::Down)
            problems.append({id, tr("%1 is down").arg(m_live.nodeName(id)), m_live.reason(id)});
    }
    // After a start that failed, until the next start.
    const QHash<QString, QString> &failed = m_live.failedAtStart();
    for (auto it = failed.cbegin(); it != failed.cend(); ++it) {
        if (!m_live.runsNode(it.key()))
            problems.append(
                {it.key(), tr("%1 did not start").arg(m_live.nodeName(it.key())), it.value()});
    }
    std::sort(problems.begin(), problems.end(),
              [](const LiveProblem &a, const LiveProblem &b) { return a.title < b.title; });
    return problems;
}

void ProblemsPanel::refresh()
{
    const QList<Finding> &findings = m_review.findings();
    m_shownLive = liveProblems();
    m_list->clear();
    for (const LiveProblem &problem : std::as_const(m_shownLive)) {
        auto *item =
            new QListWidgetItem(severityIcon(style(), Severity::Error), problem.title, m_list);
        item->setToolTip(problem.reason);
    }
    for (const Finding &finding : findings) {
        auto *item =
            new QListWidgetItem(severityIcon(style(), finding.severity), finding.title, m_list);
        item->setToolTip(finding.explanation);
    }
    const int count = static_cast<int>(findings.size() + m_shownLive.size());
    if (count == 0)
        m_details->setText(tr("No problems found in this design."));
    else
        m_details->setText(tr("%n problem(s). Select one to see why it matters and how to fix it.",
                              nullptr, count));
}

void ProblemsPanel::showDetails()
{
    const int row = m_list->currentRow();
    if (row < 0)
        return;
    if (row < m_shownLive.size()) {
        const LiveProblem &problem = m_shownLive.at(row);
        m_details->setText(u"<p><b>%1</b></p><p>%2</p><p><b>%3</b> %4</p>"_s.arg(
            problem.title.toHtmlEscaped(), problem.reason.toHtmlEscaped(), tr("Fix:"),
            tr("remove the cause the reason names, then restart the node from its menu (or stop "
               "and start the cluster).")));
        emit nodesActivated({problem.nodeId});
        return;
    }
    const qsizetype index = row - m_shownLive.size();
    if (index >= findings().size())
        return;
    const Finding &finding = findings().at(index);
    m_details->setText(
        u"<p><b>%1</b></p><p>%2</p><p><b>%3</b> %4</p><p><small>%5</small></p>"_s.arg(
            finding.title.toHtmlEscaped(), finding.explanation.toHtmlEscaped(), tr("Fix:"),
            finding.fix.toHtmlEscaped(), tr("Rule: %1").arg(finding.rule)));
    emit nodesActivated(finding.nodes);
}

} // namespace topolab::gui
