#include "documentreview.h"

#include "core/topologydocument.h"

namespace topolab::core {

DocumentReview::DocumentReview(const TopologyDocument &document, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_findings(m_review.run(document.topology()))
{
    connect(&document, &TopologyDocument::changed, this, &DocumentReview::rerun);
}

void DocumentReview::rerun(const TopologyChange &change)
{
    // The one part of every link and removal the review cannot see yet: the change is not done.
    using Type = TopologyChange::Type;
    if (!change.changesMeaning() || change.type == Type::NodeAboutToBeRemoved ||
        change.type == Type::LinkAboutToBeRemoved)
        return;
    QList<Finding> findings = m_review.run(m_document.topology());
    if (findings == m_findings)
        return;
    m_findings = std::move(findings);
    emit findingsChanged(m_findings);
}

} // namespace topolab::core
