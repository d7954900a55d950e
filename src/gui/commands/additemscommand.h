#pragma once

#include "core/topologydocument.h"

#include <QUndoCommand>

namespace topolab::gui {

// Adds nodes and links in one step: a palette drop, a new link, a paste. Undo removes them.
class AddItemsCommand final : public QUndoCommand {
public:
    AddItemsCommand(core::TopologyDocument &document, QList<core::Node> nodes,
                    QList<core::Link> links, const QString &text);

    void redo() override;
    void undo() override;

private:
    core::TopologyDocument &m_document;
    QList<core::Node> m_nodes;
    QList<core::Link> m_links;
};

} // namespace topolab::gui
