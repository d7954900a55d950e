#include "linkitem.h"

#include "nodeitem.h"

#include <QPainter>
#include <QPainterPathStroker>
#include <QPen>
#include <QStyleOptionGraphicsItem>
#include <QtMath>
#include <algorithm>

namespace topolab::gui {

namespace {

const QColor kLinkColor(0x94, 0xa3, 0xb8);

// Where the segment from the centre of `rect` towards `target` leaves the rectangle.
QPointF borderPoint(const QRectF &rect, QPointF target)
{
    const QPointF centre = rect.center();
    const QPointF d = target - centre;
    if (qFuzzyIsNull(d.x()) && qFuzzyIsNull(d.y()))
        return centre;
    const qreal sx = qFuzzyIsNull(d.x()) ? qInf() : (rect.width() / 2) / qAbs(d.x());
    const qreal sy = qFuzzyIsNull(d.y()) ? qInf() : (rect.height() / 2) / qAbs(d.y());
    return centre + d * qMin(sx, sy);
}

} // namespace

LinkItem::LinkItem(QString linkId, const NodeItem *from, const NodeItem *to)
    : m_linkId(std::move(linkId))
    , m_from(from)
    , m_to(to)
{
    setPen(QPen(kLinkColor, 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    setBrush(kLinkColor);
    setFlag(ItemIsSelectable);
    setZValue(0);
    adjust();
}

QPainterPath LinkItem::arrowPath(QPointF start, QPointF end)
{
    QPainterPath path(start);
    path.lineTo(end);
    const qreal angle = qAtan2(end.y() - start.y(), end.x() - start.x());
    constexpr qreal kHead = 11;
    const QPointF left = end - QPointF(qCos(angle - M_PI / 7), qSin(angle - M_PI / 7)) * kHead;
    const QPointF right = end - QPointF(qCos(angle + M_PI / 7), qSin(angle + M_PI / 7)) * kHead;
    path.addPolygon(QPolygonF({end, left, right, end}));
    return path;
}

void LinkItem::adjust()
{
    const QRectF fromRect(m_from->pos(), NodeItem::kSize);
    const QRectF toRect(m_to->pos(), NodeItem::kSize);
    setPath(
        arrowPath(borderPoint(fromRect, toRect.center()), borderPoint(toRect, fromRect.center())));
}

void LinkItem::setLoad(double share, const QColor &color)
{
    share = std::clamp(share, 0.0, 1.0);
    if (qFuzzyCompare(share + 1, m_load + 1) && color == m_loadColor)
        return;
    m_load = share;
    m_loadColor = color;
    // Thickness grows with the share of traffic, up to 8 px for a link that carries it all. The
    // pen also sizes the item's bounding rectangle, so that a thick link repaints cleanly.
    const QColor drawn = share > 0 ? color : kLinkColor;
    setPen(QPen(drawn, 1.6 + 6.4 * share, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    setBrush(drawn);
}

QPainterPath LinkItem::shape() const
{
    // A thin arrow is hard to click; accept clicks a few pixels either side of it.
    QPainterPathStroker stroker;
    stroker.setWidth(10);
    return stroker.createStroke(path()) + path();
}

void LinkItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const bool selected = option->state & QStyle::State_Selected;
    const QColor color = selected ? option->palette.highlight().color() : pen().color();
    const qreal width = selected ? std::max(2.6, pen().widthF()) : pen().widthF();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(color, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->setBrush(color);
    painter->drawPath(path());
}

} // namespace topolab::gui
