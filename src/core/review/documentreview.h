#pragma once

#include "designreview.h"
#include "finding.h"

#include <QObject>

namespace topolab::core {

class TopologyDocument;
struct TopologyChange;

// The design review of the document being edited, kept current: it reruns on every change that
// can alter a finding (not on a card being dragged) and says when the findings changed. The
// Problems panel and the cards' badges show what it found.
class DocumentReview final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DocumentReview)

public:
    explicit DocumentReview(const TopologyDocument &document, QObject *parent = nullptr);

    const QList<Finding> &findings() const { return m_findings; }

signals:
    void findingsChanged(const QList<topolab::core::Finding> &findings);

private:
    void rerun(const TopologyChange &change);

    const TopologyDocument &m_document;
    DesignReview m_review;
    QList<Finding> m_findings;
};

} // namespace topolab::core
