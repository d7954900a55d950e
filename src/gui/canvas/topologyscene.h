#pragma once

#include "core/review/finding.h"
#include "core/topologydocument.h"

#include <QGraphicsScene>
#include <QHash>
#include <QPointer>
#include <QSet>

class QGraphicsPathItem;

namespace topolab::gui {

class DesignEditor;
class GroupFrameItem;
class LinkItem;
class NodeItem;

// Draws a TopologyDocument and turns mouse gestures on it into edits. The document owns the
// truth; the scene maps ids to items and follows the document's change events. Dragging cards or
// links never changes an item directly: it asks the DesignEditor, whose commands change the
// document, which moves the items.
class TopologyScene final : public QGraphicsScene {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TopologyScene)

public:
    explicit TopologyScene(DesignEditor &editor, QObject *parent = nullptr);

    NodeItem *nodeItem(const QString &id) const { return m_nodes.value(id); }
    LinkItem *linkItem(const QString &id) const { return m_links.value(id); }
    GroupFrameItem *groupFrame(const QString &group) const { return m_groups.value(group); }
    QStringList selectedNodeIds() const;
    QStringList selectedLinkIds() const;
    // The node drawn at `scenePos`, if any.
    NodeItem *nodeAt(QPointF scenePos) const;
    // The rectangle the design's items cover, without the scene's margin.
    QRectF designBounds() const;

    // Shows a badge with the number of findings on every node they mention.
    void showFindings(const QList<core::Finding> &findings);
    // Selects exactly the nodes with these ids.
    void selectNodes(const QStringList &ids);

signals:
    // A message for the status bar: what a gesture did or why it was refused.
    void statusMessage(const QString &text, bool isError);
    void nodeDoubleClicked(const QString &id);
    void contextMenuRequested(QPoint screenPos);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QGraphicsSceneContextMenuEvent *event) override;

private:
    void onChanged(const core::TopologyChange &change);
    void rebuild();
    void addNodeItem(const core::Node &node);
    void addLinkItem(const core::Link &link);
    void removeNodeItem(const QString &id);
    void removeLinkItem(const QString &id);
    void refreshNode(const QString &id);
    void refreshGroups();
    void applyFindings(NodeItem *item) const;
    // Forgets any half-done link or move gesture.
    void resetGestures();

    void beginLink(NodeItem *from);
    void updateLink(QPointF scenePos);
    void finishLink(QPointF scenePos);
    void showRefusal(NodeItem *target);
    void beginMove(QPointF scenePos);
    void updateMove(QPointF scenePos);
    void finishMove(QPointF scenePos);
    void nudgeSelection(QPointF step);

    DesignEditor &m_editor;
    core::TopologyDocument &m_document;
    QHash<QString, NodeItem *> m_nodes;
    QHash<QString, LinkItem *> m_links;
    QHash<QString, GroupFrameItem *> m_groups;
    QHash<QString, int> m_findingCounts;
    QSet<QString> m_nodesWithErrors;

    // A link being dragged out of a port.
    QString m_linkFrom;
    QGraphicsPathItem *m_linkPreview = nullptr;
    QPointer<NodeItem> m_linkTarget;

    // Cards being dragged: where the press was and where each card started.
    QPointF m_pressPos;
    QHash<QString, QPointF> m_moveOrigins;
    int m_dragNumber = 0;
    bool m_moved = false;
    QPointer<NodeItem> m_keepSelectionOf;
};

} // namespace topolab::gui
