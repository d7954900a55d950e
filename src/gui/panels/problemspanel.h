#pragma once

#include "core/review/designreview.h"
#include "core/topologydocument.h"

#include <QWidget>

class QLabel;
class QListWidget;

namespace topolab::gui {

// Lists the design review's findings, rerun on every change of the document. Selecting a finding
// shows its explanation and fix and asks for its nodes to be selected on the canvas.
class ProblemsPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProblemsPanel)

public:
    explicit ProblemsPanel(core::TopologyDocument &document, QWidget *parent = nullptr);

    const QList<core::Finding> &findings() const { return m_findings; }

signals:
    void findingsChanged(const QList<topolab::core::Finding> &findings);
    void nodesActivated(const QStringList &nodeIds);

private:
    void rerun();
    void showDetails();

    core::TopologyDocument &m_document;
    core::DesignReview m_review;
    QList<core::Finding> m_findings;
    QListWidget *m_list;
    QLabel *m_details;
};

} // namespace topolab::gui
