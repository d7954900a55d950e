#pragma once

#include "core/review/finding.h"
#include "core/topologydocument.h"

#include <QGraphicsScene>
#include <QHash>

namespace topolab::gui {

class GroupFrameItem;
class LinkItem;
class NodeItem;

// Draws a TopologyDocument. The document owns the truth; the scene maps ids to items and follows
// the document's change events, never the other way round.
class TopologyScene final : public QGraphicsScene {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TopologyScene)

public:
    explicit TopologyScene(core::TopologyDocument &document, QObject *parent = nullptr);

    NodeItem *nodeItem(const QString &id) const { return m_nodes.value(id); }
    LinkItem *linkItem(const QString &id) const { return m_links.value(id); }
    // Shows a badge with the number of findings on every node they mention.
    void showFindings(const QList<core::Finding> &findings);
    // Selects exactly the nodes with these ids.
    void selectNodes(const QStringList &ids);

private:
    void onChanged(const core::TopologyChange &change);
    void rebuild();
    void addNodeItem(const core::Node &node);
    void addLinkItem(const core::Link &link);
    void removeNodeItem(const QString &id);
    void removeLinkItem(const QString &id);
    void refreshNode(const QString &id);
    void refreshGroups();

    core::TopologyDocument &m_document;
    QHash<QString, NodeItem *> m_nodes;
    QHash<QString, LinkItem *> m_links;
    QHash<QString, GroupFrameItem *> m_groups;
};

} // namespace topolab::gui
