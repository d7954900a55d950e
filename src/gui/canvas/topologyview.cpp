#include "topologyview.h"

#include "gui/designeditor.h"
#include "gui/panels/palettemime.h"
#include "nodeitem.h"

#include <QKeyEvent>
#include <QMimeData>
#include <QNativeGestureEvent>
#include <QScrollBar>
#include <QtMath>
#include <cmath>

namespace topolab::gui {

using namespace topolab::core;

TopologyView::TopologyView(QGraphicsScene *scene, DesignEditor &editor, QWidget *parent)
    : QGraphicsView(scene, parent)
    , m_editor(editor)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing |
                   QPainter::SmoothPixmapTransform);
    setDragMode(RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setTransformationAnchor(AnchorUnderMouse);
    setViewportUpdateMode(SmartViewportUpdate);
    setAcceptDrops(true);
    setFocusPolicy(Qt::StrongFocus);
    // The scene grows with the design and always leaves room to pan and drop beyond its edges.
    connect(scene, &QGraphicsScene::changed, this, &TopologyView::updateSceneRect);
    updateSceneRect();
}

void TopologyView::updateSceneRect()
{
    QRectF bounds = scene()->itemsBoundingRect();
    if (bounds.isNull())
        bounds = QRectF(0, 0, 800, 600);
    const QRectF wanted = bounds.adjusted(-1500, -1500, 1500, 1500);
    if (!sceneRect().contains(wanted))
        setSceneRect(sceneRect().united(wanted));
}

void TopologyView::scaleBy(qreal factor, QPointF anchorViewPos)
{
    const qreal target = qBound(kMinZoom, zoom() * factor, kMaxZoom);
    if (qFuzzyCompare(target, zoom()))
        return;
    const QPointF anchorScene = mapToScene(anchorViewPos.toPoint());
    const ViewportAnchor previous = transformationAnchor();
    setTransformationAnchor(NoAnchor);
    setTransform(QTransform::fromScale(target, target));
    // Keep the scene point under the anchor where it was, as map applications do.
    const QPointF moved = mapFromScene(anchorScene);
    const QPointF shift = moved - anchorViewPos;
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() + qRound(shift.x()));
    verticalScrollBar()->setValue(verticalScrollBar()->value() + qRound(shift.y()));
    setTransformationAnchor(previous);
    emit zoomChanged(zoom());
}

void TopologyView::setZoom(qreal zoomLevel, QPointF anchorScenePos)
{
    scaleBy(zoomLevel / zoom(), mapFromScene(anchorScenePos));
}

void TopologyView::zoomIn()
{
    scaleBy(1.25, viewport()->rect().center());
}

void TopologyView::zoomOut()
{
    scaleBy(0.8, viewport()->rect().center());
}

void TopologyView::zoomToActualSize()
{
    const QPointF centre = visibleCentre();
    resetTransform();
    centerOn(centre);
    emit zoomChanged(zoom());
}

void TopologyView::zoomToFit()
{
    QRectF bounds = scene()->itemsBoundingRect();
    if (bounds.isNull()) {
        zoomToActualSize();
        return;
    }
    bounds.adjust(-40, -40, 40, 40);
    fitInView(bounds, Qt::KeepAspectRatio);
    // Never magnify: a small design is easiest to read at its natural size.
    if (zoom() > 1.0)
        resetTransform();
    centerOn(bounds.center());
    emit zoomChanged(zoom());
}

QPointF TopologyView::visibleCentre() const
{
    return mapToScene(viewport()->rect().center());
}

void TopologyView::drawBackground(QPainter *painter, const QRectF &rect)
{
    // A shade off the cards' own colour, so that cards stand out in light and dark themes alike.
    const QColor base = palette().base().color();
    painter->fillRect(rect, base.lightness() > 128 ? base.darker(103) : base.lighter(125));
    // Dots every grid step; sparser when zoomed out, where a dense grid turns into noise.
    qreal step = DesignEditor::kGrid;
    while (step * zoom() < 12)
        step *= 2;
    QColor dot = palette().mid().color();
    dot.setAlpha(110);
    painter->setPen(QPen(dot, 1.5 / zoom(), Qt::SolidLine, Qt::RoundCap));
    const qreal left = std::floor(rect.left() / step) * step;
    const qreal top = std::floor(rect.top() / step) * step;
    QList<QPointF> points;
    for (qreal x = left; x < rect.right(); x += step) {
        for (qreal y = top; y < rect.bottom(); y += step)
            points.append({x, y});
    }
    painter->drawPoints(points.constData(), static_cast<int>(points.size()));
}

void TopologyView::wheelEvent(QWheelEvent *event)
{
    // A mouse wheel zooms; a touchpad's two-finger scroll pans unless Ctrl is held.
    const bool touchpad = !event->pixelDelta().isNull();
    if (touchpad && !(event->modifiers() & Qt::ControlModifier)) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    const qreal steps = event->angleDelta().y() / 120.0;
    if (qFuzzyIsNull(steps))
        return;
    scaleBy(qPow(1.2, steps), event->position());
    event->accept();
}

bool TopologyView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::NativeGesture) {
        auto *gesture = static_cast<QNativeGestureEvent *>(event);
        if (gesture->gestureType() == Qt::ZoomNativeGesture) {
            scaleBy(1.0 + gesture->value(), gesture->position());
            return true;
        }
    }
    return QGraphicsView::viewportEvent(event);
}

void TopologyView::mousePressEvent(QMouseEvent *event)
{
    const bool spacePan = m_spaceHeld && event->button() == Qt::LeftButton;
    if (event->button() == Qt::MiddleButton || spacePan) {
        m_panning = true;
        m_panLast = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void TopologyView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const QPoint now = event->position().toPoint();
        const QPoint delta = now - m_panLast;
        m_panLast = now;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void TopologyView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning && (event->button() == Qt::MiddleButton || event->button() == Qt::LeftButton)) {
        m_panning = false;
        viewport()->setCursor(m_spaceHeld ? Qt::OpenHandCursor : Qt::ArrowCursor);
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void TopologyView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void TopologyView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        if (!m_panning)
            viewport()->setCursor(Qt::ArrowCursor);
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void TopologyView::focusOutEvent(QFocusEvent *event)
{
    // The release of a Space held while focus moved elsewhere never arrives here.
    m_spaceHeld = false;
    m_panning = false;
    viewport()->setCursor(Qt::ArrowCursor);
    QGraphicsView::focusOutEvent(event);
}

namespace {

// A palette entry is always copied onto the canvas, whatever action the drag proposes.
bool acceptAsCopy(QDropEvent *event)
{
    if (!PaletteMime::kindOf(event->mimeData()) || !(event->possibleActions() & Qt::CopyAction)) {
        event->ignore();
        return false;
    }
    event->setDropAction(Qt::CopyAction);
    event->accept();
    return true;
}

} // namespace

void TopologyView::dragEnterEvent(QDragEnterEvent *event)
{
    acceptAsCopy(event);
}

void TopologyView::dragMoveEvent(QDragMoveEvent *event)
{
    acceptAsCopy(event);
}

void TopologyView::dropEvent(QDropEvent *event)
{
    const std::optional<NodeKind> kind = PaletteMime::kindOf(event->mimeData());
    if (!kind || !acceptAsCopy(event))
        return;
    // The card is centred on the drop point, which is where the user's eye is.
    const QPointF centre = mapToScene(event->position().toPoint());
    const QPointF topLeft = centre - QPointF(NodeItem::kSize.width(), NodeItem::kSize.height()) / 2;
    QString id;
    if (Outcome added = m_editor.addNode(*kind, topLeft, &id); !added) {
        emit statusMessage(added.reason(), true);
        event->ignore();
        return;
    }
    if (auto *topologyScene = scene()) {
        topologyScene->clearSelection();
        for (QGraphicsItem *item : topologyScene->items(centre)) {
            if (auto *node = qgraphicsitem_cast<NodeItem *>(item); node && node->nodeId() == id)
                node->setSelected(true);
        }
    }
    emit statusMessage(tr("Added %1.").arg(m_editor.topology().node(id)->name), false);
}

} // namespace topolab::gui
