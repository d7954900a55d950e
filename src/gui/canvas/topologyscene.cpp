#include "topologyscene.h"

#include "groupframeitem.h"
#include "linkitem.h"
#include "nodeitem.h"

namespace topolab::gui {

using namespace topolab::core;
using Type = TopologyChange::Type;

TopologyScene::TopologyScene(TopologyDocument &document, QObject *parent)
    : QGraphicsScene(parent)
    , m_document(document)
{
    connect(&m_document, &TopologyDocument::changed, this, &TopologyScene::onChanged);
    rebuild();
}

void TopologyScene::onChanged(const TopologyChange &change)
{
    const Topology &topology = m_document.topology();
    switch (change.type) {
    case Type::Reset:
        rebuild();
        return;
    case Type::NodeAdded:
        addNodeItem(*topology.node(change.id));
        break;
    case Type::NodeAboutToBeRemoved:
        removeNodeItem(change.id);
        return;
    case Type::NodeChanged:
        refreshNode(change.id);
        break;
    case Type::LinkAdded:
        addLinkItem(*topology.link(change.id));
        return;
    case Type::LinkAboutToBeRemoved:
        removeLinkItem(change.id);
        return;
    case Type::NodeRemoved:
        break;
    case Type::LinkRemoved:
    case Type::NameChanged:
        return;
    }
    refreshGroups();
}

void TopologyScene::rebuild()
{
    clear();
    m_nodes.clear();
    m_links.clear();
    m_groups.clear();
    const Topology &topology = m_document.topology();
    for (const Node &node : topology.nodes())
        addNodeItem(node);
    for (const Link &link : topology.links())
        addLinkItem(link);
    refreshGroups();
}

void TopologyScene::addNodeItem(const Node &node)
{
    auto *item = new NodeItem(node);
    addItem(item);
    m_nodes.insert(node.id, item);
}

void TopologyScene::addLinkItem(const Link &link)
{
    auto *item = new LinkItem(link.id, m_nodes.value(link.from), m_nodes.value(link.to));
    addItem(item);
    m_links.insert(link.id, item);
}

void TopologyScene::removeNodeItem(const QString &id)
{
    delete m_nodes.take(id);
}

void TopologyScene::removeLinkItem(const QString &id)
{
    delete m_links.take(id);
}

void TopologyScene::refreshNode(const QString &id)
{
    m_nodes.value(id)->setNode(*m_document.topology().node(id));
    const Topology &topology = m_document.topology();
    for (const Link &link : topology.linksFrom(id) + topology.linksTo(id))
        m_links.value(link.id)->adjust();
}

void TopologyScene::refreshGroups()
{
    QHash<QString, QRectF> bounds;
    for (const Node &node : m_document.topology().nodes()) {
        if (!node.group.isEmpty())
            bounds[node.group] |= QRectF(node.position, NodeItem::kSize);
    }
    for (auto it = m_groups.begin(); it != m_groups.end();) {
        if (bounds.contains(it.key())) {
            ++it;
            continue;
        }
        delete it.value();
        it = m_groups.erase(it);
    }
    for (auto it = bounds.cbegin(); it != bounds.cend(); ++it) {
        GroupFrameItem *&frame = m_groups[it.key()];
        if (!frame) {
            frame = new GroupFrameItem(it.key());
            addItem(frame);
        }
        frame->fitAround(*it);
    }
}

void TopologyScene::showFindings(const QList<Finding> &findings)
{
    QHash<QString, int> counts;
    QSet<QString> withErrors;
    for (const Finding &finding : findings) {
        for (const QString &id : finding.nodes) {
            ++counts[id];
            if (finding.severity == Severity::Error)
                withErrors.insert(id);
        }
    }
    for (auto it = m_nodes.cbegin(); it != m_nodes.cend(); ++it)
        it.value()->setFindings(counts.value(it.key()), withErrors.contains(it.key()));
}

void TopologyScene::selectNodes(const QStringList &ids)
{
    clearSelection();
    for (const QString &id : ids) {
        if (NodeItem *item = m_nodes.value(id))
            item->setSelected(true);
    }
}

} // namespace topolab::gui
