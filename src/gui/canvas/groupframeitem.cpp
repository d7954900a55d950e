#include "groupframeitem.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace topolab::gui {

namespace {
constexpr qreal kMargin = 18;
constexpr qreal kLabelHeight = 24;
} // namespace

GroupFrameItem::GroupFrameItem(QString label)
    : m_label(std::move(label))
{
    setZValue(-1);
}

void GroupFrameItem::fitAround(const QRectF &membersRect)
{
    setRect(membersRect.adjusted(-kMargin, -kMargin - kLabelHeight, kMargin, kMargin));
}

void GroupFrameItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QPalette &palette = option->palette;
    painter->setRenderHint(QPainter::Antialiasing);
    QColor fill = palette.alternateBase().color();
    painter->setBrush(fill);
    painter->setPen(QPen(palette.mid().color(), 1.2, Qt::DashLine));
    painter->drawRoundedRect(rect(), 12, 12);

    QFont font = painter->font();
    font.setBold(true);
    painter->setFont(font);
    painter->setPen(palette.placeholderText().color());
    painter->drawText(rect().adjusted(14, 8, -14, 0), Qt::AlignLeft | Qt::AlignTop, m_label);
}

} // namespace topolab::gui
