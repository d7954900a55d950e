#include "linkitem.h"

#include "nodeitem.h"

#include <QPainterPath>
#include <QPen>
#include <QtMath>

namespace topolab::gui {

namespace {

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
    setPen(QPen(QColor(0x94, 0xa3, 0xb8), 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    setBrush(QColor(0x94, 0xa3, 0xb8));
    setFlag(ItemIsSelectable);
    setZValue(0);
    adjust();
}

void LinkItem::adjust()
{
    const QRectF fromRect(m_from->pos(), NodeItem::kSize);
    const QRectF toRect(m_to->pos(), NodeItem::kSize);
    const QPointF start = borderPoint(fromRect, toRect.center());
    const QPointF end = borderPoint(toRect, fromRect.center());

    QPainterPath path(start);
    path.lineTo(end);
    const qreal angle = qAtan2(end.y() - start.y(), end.x() - start.x());
    constexpr qreal kHead = 10;
    const QPointF left = end - QPointF(qCos(angle - M_PI / 7), qSin(angle - M_PI / 7)) * kHead;
    const QPointF right = end - QPointF(qCos(angle + M_PI / 7), qSin(angle + M_PI / 7)) * kHead;
    path.addPolygon(QPolygonF({end, left, right, end}));
    setPath(path);
}

} // namespace topolab::gui
