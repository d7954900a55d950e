#include "additemscommand.h"

namespace topolab::gui {

AddItemsCommand::AddItemsCommand(core::TopologyDocument &document, QList<core::Node> nodes,
                                 QList<core::Link> links, const QString &text)
    : QUndoCommand(text)
    , m_document(document)
    , m_nodes(std::move(nodes))
    , m_links(std::move(links))
{
}

void AddItemsCommand::redo()
{
    for (const core::Node &node : std::as_const(m_nodes))
        m_document.addNode(node);
    for (const core::Link &link : std::as_const(m_links))
        m_document.addLink(link);
}

void AddItemsCommand::undo()
{
    for (auto link = m_links.crbegin(); link != m_links.crend(); ++link)
        m_document.removeLink(link->id);
    for (auto node = m_nodes.crbegin(); node != m_nodes.crend(); ++node)
        m_document.removeNode(node->id);
}

} // namespace topolab::gui
