#include "deleteitemscommand.h"

#include <QCoreApplication>
#include <QSet>

namespace topolab::gui {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(DeleteItemsCommand)
};
} // namespace

DeleteItemsCommand::DeleteItemsCommand(core::TopologyDocument &document, const QStringList &nodeIds,
                                       const QStringList &linkIds)
    : m_document(document)
{
    const core::Topology &topology = document.topology();
    const QSet<QString> nodes(nodeIds.cbegin(), nodeIds.cend());
    const QSet<QString> links(linkIds.cbegin(), linkIds.cend());
    // Kept in the design's order, so that undo can re-insert each at its old index.
    for (qsizetype i = 0; i < topology.nodes().size(); ++i) {
        if (nodes.contains(topology.nodes().at(i).id))
            m_nodes.append({i, topology.nodes().at(i)});
    }
    for (qsizetype i = 0; i < topology.links().size(); ++i) {
        const core::Link &link = topology.links().at(i);
        if (links.contains(link.id) || nodes.contains(link.from) || nodes.contains(link.to))
            m_links.append({i, link});
    }
    if (m_nodes.size() == 1)
        setText(Tr::tr("Delete %1").arg(m_nodes.first().item.name));
    else if (m_nodes.isEmpty())
        setText(Tr::tr("Delete %n link(s)", nullptr, static_cast<int>(m_links.size())));
    else
        setText(Tr::tr("Delete %n node(s)", nullptr, static_cast<int>(m_nodes.size())));
}

void DeleteItemsCommand::redo()
{
    for (const auto &placed : std::as_const(m_links))
        m_document.removeLink(placed.item.id);
    for (const auto &placed : std::as_const(m_nodes))
        m_document.removeNode(placed.item.id);
}

void DeleteItemsCommand::undo()
{
    for (const auto &placed : std::as_const(m_nodes))
        m_document.addNode(placed.item, placed.index);
    for (const auto &placed : std::as_const(m_links))
        m_document.addLink(placed.item, placed.index);
}

} // namespace topolab::gui
