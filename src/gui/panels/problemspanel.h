#pragma once

#include "core/review/documentreview.h"

#include <QWidget>

class QLabel;
class QListWidget;

namespace topolab::gui {

// Lists the findings of the document's review. Selecting a finding shows its explanation and
// fix and asks for its nodes to be selected on the canvas.
class ProblemsPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProblemsPanel)

public:
    explicit ProblemsPanel(const core::DocumentReview &review, QWidget *parent = nullptr);

    const QList<core::Finding> &findings() const { return m_review.findings(); }

signals:
    void nodesActivated(const QStringList &nodeIds);

private:
    void show(const QList<core::Finding> &findings);
    void showDetails();

    const core::DocumentReview &m_review;
    QListWidget *m_list;
    QLabel *m_details;
};

} // namespace topolab::gui
