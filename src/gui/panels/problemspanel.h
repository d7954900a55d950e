#pragma once

#include "core/review/documentreview.h"

#include <QWidget>

class QLabel;
class QListWidget;

namespace topolab::gui {

class LiveStateModel;

// Lists what is wrong: first the running cluster's nodes that are down (or did not start), with
// the reason, then the findings of the document's review. Selecting one shows its explanation
// and fix and asks for its nodes to be selected on the canvas.
class ProblemsPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProblemsPanel)

public:
    ProblemsPanel(const core::DocumentReview &review, const LiveStateModel &live,
                  QWidget *parent = nullptr);

    const QList<core::Finding> &findings() const { return m_review.findings(); }

signals:
    void nodesActivated(const QStringList &nodeIds);

private:
    // A node of the running cluster that is down, and why.
    struct LiveProblem {
        QString nodeId;
        QString title;
        QString reason;
    };

    void refresh();
    QList<LiveProblem> liveProblems() const;
    void showDetails();

    const core::DocumentReview &m_review;
    const LiveStateModel &m_live;
    QList<LiveProblem> m_shownLive;
    QListWidget *m_list;
    QLabel *m_details;
};

} // namespace topolab::gui
