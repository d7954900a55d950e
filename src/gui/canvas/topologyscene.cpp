#include "topologyscene.h"

#include "groupframeitem.h"
#include "gui/designeditor.h"
#include "linkitem.h"
#include "nodeitem.h"

#include <QApplication>
#include <QGraphicsPathItem>
#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>
#include <QTimer>
#include <algorithm>

namespace topolab::gui {

using namespace topolab::core;
using Type = TopologyChange::Type;

TopologyScene::TopologyScene(DesignEditor &editor, QObject *parent)
    : QGraphicsScene(parent)
    , m_editor(editor)
    , m_document(editor.document())
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
    // Deselect while the maps still match the items: QGraphicsScene announces the selection
    // change at once, and its listeners look the selected ids up here.
    clearSelection();
    m_nodes.clear();
    m_links.clear();
    m_groups.clear();
    resetGestures();
    m_linkPreview = nullptr;
    clear();
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
    applyFindings(item);
}

void TopologyScene::resetGestures()
{
    delete m_linkPreview;
    m_linkPreview = nullptr;
    if (m_linkTarget)
        m_linkTarget->setLinkCue(NodeItem::LinkCue::None);
    m_linkTarget = nullptr;
    m_linkFrom.clear();
    m_moveOrigins.clear();
    m_moved = false;
    m_keepSelectionOf = nullptr;
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

QStringList TopologyScene::selectedNodeIds() const
{
    QStringList ids;
    // In the design's order, so that copy, delete and the inspector see a stable order.
    for (const Node &node : m_document.topology().nodes()) {
        if (const NodeItem *item = m_nodes.value(node.id); item && item->isSelected())
            ids.append(node.id);
    }
    return ids;
}

QStringList TopologyScene::selectedLinkIds() const
{
    QStringList ids;
    for (const Link &link : m_document.topology().links()) {
        if (const LinkItem *item = m_links.value(link.id); item && item->isSelected())
            ids.append(link.id);
    }
    return ids;
}

NodeItem *TopologyScene::nodeAt(QPointF scenePos) const
{
    for (QGraphicsItem *item : items(scenePos)) {
        if (auto *node = qgraphicsitem_cast<NodeItem *>(item))
            return node;
    }
    return nullptr;
}

QRectF TopologyScene::designBounds() const
{
    QRectF bounds;
    for (const QGraphicsItem *item : items()) {
        if (item != m_linkPreview)
            bounds |= item->sceneBoundingRect();
    }
    return bounds;
}

void TopologyScene::showFindings(const QList<Finding> &findings)
{
    // Kept, so that cards made later (a reopened design, an undone delete) get their badge too.
    m_findingCounts.clear();
    m_nodesWithErrors.clear();
    for (const Finding &finding : findings) {
        for (const QString &id : finding.nodes) {
            ++m_findingCounts[id];
            if (finding.severity == Severity::Error)
                m_nodesWithErrors.insert(id);
        }
    }
    for (NodeItem *item : std::as_const(m_nodes))
        applyFindings(item);
}

void TopologyScene::applyFindings(NodeItem *item) const
{
    item->setFindings(m_findingCounts.value(item->nodeId()),
                      m_nodesWithErrors.contains(item->nodeId()));
}

void TopologyScene::selectNodes(const QStringList &ids)
{
    clearSelection();
    for (const QString &id : ids) {
        if (NodeItem *item = m_nodes.value(id))
            item->setSelected(true);
    }
}

void TopologyScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    // A press starts a new gesture; whatever an earlier one left behind (a release lost to a
    // dialog) must not steer this one.
    resetGestures();
    NodeItem *node = nodeAt(event->scenePos());
    if (event->button() == Qt::RightButton && node && node->isSelected()) {
        // The context menu acts on the whole selection, so a right-click inside it keeps it.
        event->accept();
        return;
    }
    if (event->button() != Qt::LeftButton) {
        QGraphicsScene::mousePressEvent(event);
        return;
    }
    if (node && node->isOnPort(node->mapFromScene(event->scenePos()))) {
        beginLink(node);
        event->accept();
        return;
    }
    if (node && (event->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier))) {
        // Ctrl- or Shift-click adds a card to the selection or takes it out.
        node->setSelected(!node->isSelected());
        event->accept();
    } else if (node && node->isSelected()) {
        // Pressing a card of a multi-selection keeps the selection, so that all of it can be
        // dragged; a click without a drag selects the card alone on release.
        m_keepSelectionOf = node;
        event->accept();
    } else {
        QGraphicsScene::mousePressEvent(event);
    }
    if (node && node->isSelected())
        beginMove(event->scenePos());
}

void TopologyScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_linkPreview) {
        updateLink(event->scenePos());
        return;
    }
    if (!m_moveOrigins.isEmpty() && (event->buttons() & Qt::LeftButton)) {
        updateMove(event->scenePos());
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
}

void TopologyScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_linkPreview && event->button() == Qt::LeftButton) {
        finishLink(event->scenePos());
        return;
    }
    if (!m_moveOrigins.isEmpty() && event->button() == Qt::LeftButton)
        finishMove(event->scenePos());
    if (m_keepSelectionOf && !m_moved)
        selectNodes({m_keepSelectionOf->nodeId()});
    m_keepSelectionOf = nullptr;
    m_moved = false;
    QGraphicsScene::mouseReleaseEvent(event);
}

void TopologyScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    if (NodeItem *node = nodeAt(event->scenePos())) {
        emit nodeDoubleClicked(node->nodeId());
        return;
    }
    QGraphicsScene::mouseDoubleClickEvent(event);
}

void TopologyScene::contextMenuEvent(QGraphicsSceneContextMenuEvent *event)
{
    QGraphicsItem *item = itemAt(event->scenePos(), QTransform());
    if (NodeItem *node = nodeAt(event->scenePos()))
        item = node;
    if (item && (item->flags() & QGraphicsItem::ItemIsSelectable) && !item->isSelected()) {
        clearSelection();
        item->setSelected(true);
    }
    emit contextMenuRequested(event->screenPos());
}

void TopologyScene::keyPressEvent(QKeyEvent *event)
{
    const qreal step =
        event->modifiers() & Qt::ShiftModifier ? DesignEditor::kGrid * 5 : DesignEditor::kGrid;
    switch (event->key()) {
    case Qt::Key_Left:
        nudgeSelection({-step, 0});
        break;
    case Qt::Key_Right:
        nudgeSelection({step, 0});
        break;
    case Qt::Key_Up:
        nudgeSelection({0, -step});
        break;
    case Qt::Key_Down:
        nudgeSelection({0, step});
        break;
    case Qt::Key_Escape:
        if (m_linkPreview) {
            resetGestures();
            emit statusMessage(tr("Link cancelled."), false);
        } else {
            clearSelection();
        }
        break;
    default:
        QGraphicsScene::keyPressEvent(event);
        return;
    }
    event->accept();
}

void TopologyScene::nudgeSelection(QPointF step)
{
    QHash<QString, QPointF> positions;
    for (const QString &id : selectedNodeIds())
        positions.insert(id, m_document.topology().node(id)->position + step);
    if (positions.isEmpty())
        return;
    if (Outcome moved = m_editor.moveNodes(positions, 0); !moved)
        emit statusMessage(moved.reason(), true);
}

void TopologyScene::beginLink(NodeItem *from)
{
    m_linkFrom = from->nodeId();
    m_linkPreview = new QGraphicsPathItem;
    m_linkPreview->setZValue(3);
    addItem(m_linkPreview);
    updateLink(from->mapToScene(NodeItem::portCenter()));
    emit statusMessage(
        tr("Drop the link on the node that %1 sends requests to.").arg(from->node().name), false);
}

void TopologyScene::updateLink(QPointF scenePos)
{
    NodeItem *from = m_nodes.value(m_linkFrom);
    if (!from)
        return;
    NodeItem *target = nodeAt(scenePos);
    if (target == from)
        target = nullptr;
    if (target != m_linkTarget) {
        if (m_linkTarget)
            m_linkTarget->setLinkCue(NodeItem::LinkCue::None);
        m_linkTarget = target;
        if (target) {
            const Outcome allowed = m_editor.checkConnection(m_linkFrom, target->nodeId());
            target->setLinkCue(allowed ? NodeItem::LinkCue::Accepts : NodeItem::LinkCue::Refuses);
            if (!allowed)
                emit statusMessage(allowed.reason(), true);
            else
                emit statusMessage(
                    tr("Release to link %1 to %2.").arg(from->node().name, target->node().name),
                    false);
        }
    }
    const bool refused = m_linkTarget && m_linkTarget->linkCue() == NodeItem::LinkCue::Refuses;
    const QColor color = refused ? QColor(0xdc, 0x26, 0x26) : QColor(0x3b, 0x82, 0xf6);
    m_linkPreview->setPen(QPen(color, 2, Qt::DashLine, Qt::RoundCap, Qt::RoundJoin));
    m_linkPreview->setBrush(color);
    m_linkPreview->setPath(LinkItem::arrowPath(from->mapToScene(NodeItem::portCenter()), scenePos));
}

void TopologyScene::finishLink(QPointF scenePos)
{
    updateLink(scenePos);
    delete m_linkPreview;
    m_linkPreview = nullptr;
    NodeItem *target = m_linkTarget;
    m_linkTarget = nullptr;
    const QString from = std::exchange(m_linkFrom, {});
    if (!target) {
        emit statusMessage(tr("No link made: release the mouse over another node to link to it."),
                           false);
        return;
    }
    target->setLinkCue(NodeItem::LinkCue::None);
    if (Outcome linked = m_editor.connectNodes(from, target->nodeId()); !linked) {
        emit statusMessage(tr("Link refused: %1").arg(linked.reason()), true);
        showRefusal(target);
        return;
    }
    emit statusMessage(
        tr("Linked %1 to %2.").arg(m_document.topology().node(from)->name, target->node().name),
        false);
}

void TopologyScene::showRefusal(NodeItem *target)
{
    // The refused card stays red for a moment, so the eye finds what the status bar talks about.
    target->setLinkCue(NodeItem::LinkCue::Refuses);
    QPointer<NodeItem> guarded(target);
    QTimer::singleShot(1500, this, [guarded] {
        if (guarded && guarded->linkCue() == NodeItem::LinkCue::Refuses)
            guarded->setLinkCue(NodeItem::LinkCue::None);
    });
}

void TopologyScene::beginMove(QPointF scenePos)
{
    m_pressPos = scenePos;
    m_moveOrigins.clear();
    for (const QString &id : selectedNodeIds())
        m_moveOrigins.insert(id, m_document.topology().node(id)->position);
    m_dragNumber = m_editor.beginDrag();
    m_moved = false;
}

void TopologyScene::updateMove(QPointF scenePos)
{
    const QPointF delta = scenePos - m_pressPos;
    if (!m_moved && delta.manhattanLength() < QApplication::startDragDistance())
        return;
    m_moved = true;
    QHash<QString, QPointF> positions;
    for (auto it = m_moveOrigins.cbegin(); it != m_moveOrigins.cend(); ++it) {
        if (m_document.topology().node(it.key()))
            positions.insert(it.key(), DesignEditor::snapToGrid(it.value() + delta));
    }
    if (Outcome moved = m_editor.moveNodes(positions, m_dragNumber); !moved)
        emit statusMessage(moved.reason(), true);
}

void TopologyScene::finishMove(QPointF scenePos)
{
    if (!m_moved) {
        m_moveOrigins.clear();
        return;
    }
    updateMove(scenePos);
    const QStringList moved = m_moveOrigins.keys();
    // Cards dropped inside another server's frame join that server, in the same undo step as
    // the move.
    QString target;
    for (auto it = m_groups.cbegin(); it != m_groups.cend() && target.isEmpty(); ++it) {
        const bool allInside = std::all_of(moved.cbegin(), moved.cend(), [&](const QString &id) {
            const Node *node = m_document.topology().node(id);
            return node && node->group != it.key() &&
                   it.value()->sceneBoundingRect().contains(
                       QRectF(node->position, NodeItem::kSize).center());
        });
        if (allInside)
            target = it.key();
    }
    if (!target.isEmpty()) {
        QHash<QString, QPointF> positions;
        for (const QString &id : moved)
            positions.insert(id, m_document.topology().node(id)->position);
        if (Outcome done = m_editor.moveNodes(positions, m_dragNumber, target); done)
            emit statusMessage(tr("Moved onto %1.").arg(target), false);
    }
    m_moveOrigins.clear();
}

} // namespace topolab::gui
