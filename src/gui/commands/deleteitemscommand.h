#pragma once

#include "core/topologydocument.h"

#include <QUndoCommand>

namespace topolab::gui {

// Deletes nodes (with every link touching them) and links. It keeps what it removed, with each
// item's place in the design, so that undo restores exactly the design that was there.
class DeleteItemsCommand final : public QUndoCommand {
public:
    DeleteItemsCommand(core::TopologyDocument &document, const QStringList &nodeIds,
                       const QStringList &linkIds);

    bool isEmpty() const { return m_nodes.isEmpty() && m_links.isEmpty(); }

    void redo() override;
    void undo() override;

private:
    template <typename Item>
    struct Placed {
        qsizetype index;
        Item item;
    };

    core::TopologyDocument &m_document;
    QList<Placed<core::Node>> m_nodes;
    QList<Placed<core::Link>> m_links;
};

} // namespace topolab::gui
