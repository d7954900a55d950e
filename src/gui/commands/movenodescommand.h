#pragma once

#include "core/topologydocument.h"

#include <QHash>
#include <QUndoCommand>
#include <optional>

namespace topolab::gui {

// Moves nodes, and when they are dropped into a server's frame, puts them on that server. The
// steps of one mouse drag share a drag number and merge into a single command, so one undo puts
// the nodes back where the drag started and on the server they came from.
class MoveNodesCommand final : public QUndoCommand {
public:
    // `dragNumber` 0 means "never merge" (auto-layout, keyboard nudges).
    MoveNodesCommand(core::TopologyDocument &document, QHash<QString, QPointF> positions,
                     int dragNumber, const QString &text = {},
                     std::optional<QString> group = std::nullopt);

    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    core::TopologyDocument &m_document;
    QHash<QString, QPointF> m_before;
    QHash<QString, QPointF> m_after;
    QHash<QString, QString> m_groupsBefore;
    std::optional<QString> m_groupAfter;
    int m_dragNumber;
};

} // namespace topolab::gui
