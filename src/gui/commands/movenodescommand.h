#pragma once

#include "core/topologydocument.h"

#include <QHash>
#include <QUndoCommand>

namespace topolab::gui {

// Moves nodes. The steps of one mouse drag share a drag number and merge into a single command,
// so one undo puts the nodes back where the drag started.
class MoveNodesCommand final : public QUndoCommand {
public:
    // `dragNumber` 0 means "never merge" (auto-layout, keyboard nudges).
    MoveNodesCommand(core::TopologyDocument &document, QHash<QString, QPointF> positions,
                     int dragNumber, const QString &text = {});

    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    core::TopologyDocument &m_document;
    QHash<QString, QPointF> m_before;
    QHash<QString, QPointF> m_after;
    int m_dragNumber;
};

} // namespace topolab::gui
