#include "nodeitem.h"

#include "core/kindcatalog.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

using namespace Qt::StringLiterals;
using namespace topolab::core;

namespace topolab::gui {

QColor kindColor(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Client:
        return QColor(0x64, 0x74, 0x8b);
    case NodeKind::Dns:
        return QColor(0x0e, 0xa5, 0xe9);
    case NodeKind::LoadBalancer:
        return QColor(0x8b, 0x5c, 0xf6);
    case NodeKind::WebServer:
        return QColor(0x22, 0xc5, 0x5e);
    case NodeKind::AppServer:
        return QColor(0xf5, 0x9e, 0x0b);
    case NodeKind::Codebase:
        return QColor(0x78, 0x71, 0x6c);
    case NodeKind::Database:
        return QColor(0x25, 0x63, 0xeb);
    case NodeKind::Firewall:
        return QColor(0xef, 0x44, 0x44);
    case NodeKind::Monitoring:
        return QColor(0xec, 0x48, 0x99);
    }
    Q_UNREACHABLE();
}

NodeItem::NodeItem(const Node &node, QGraphicsItem *parent)
    : QGraphicsObject(parent)
{
    setNode(node);
    setFlag(ItemIsSelectable);
    setZValue(1);
}

void NodeItem::setNode(const Node &node)
{
    prepareGeometryChange();
    m_node = node;
    setPos(node.position);
    setToolTip(tr("%1 (%2)\nid: %3").arg(node.name, kindDisplayName(node.kind), node.id));
    update();
}

void NodeItem::setFindings(int count, bool hasError)
{
    m_findings = count;
    m_hasError = hasError;
    update();
}

QRectF NodeItem::boundingRect() const
{
    // Room for the badge that overhangs the top-right corner.
    return QRectF(QPointF(0, -10), kSize + QSizeF(10, 10));
}

QString NodeItem::subtitle() const
{
    const QString key = KindCatalog::headlineProperty(m_node.kind);
    const QString kind = kindDisplayName(m_node.kind);
    if (key.isEmpty())
        return kind;
    const QVariant value = m_node.properties.value(key);
    if (key == PropertyKey::port)
        return tr("%1 · port %2").arg(kind, value.toString());
    return u"%1 · %2"_s.arg(kind, value.toString());
}

void NodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QPalette &palette = option->palette;
    const QRectF card(QPointF(0, 0), kSize);
    const QColor accent = kindColor(m_node.kind);
    const bool selected = option->state & QStyle::State_Selected;

    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(
        QPen(selected ? palette.highlight().color() : palette.mid().color(), selected ? 2.5 : 1));
    painter->setBrush(palette.base());
    painter->drawRoundedRect(card, 8, 8);

    painter->setPen(Qt::NoPen);
    painter->setBrush(accent);
    painter->drawRoundedRect(QRectF(0, 0, 8, kSize.height()), 4, 4);

    const QRectF textArea = card.adjusted(18, 10, -10, -10);
    QFont title = painter->font();
    title.setBold(true);
    painter->setFont(title);
    painter->setPen(palette.text().color());
    const QFontMetricsF titleMetrics(title);
    painter->drawText(textArea.topLeft() + QPointF(0, titleMetrics.ascent()),
                      titleMetrics.elidedText(m_node.name, Qt::ElideRight, textArea.width()));

    QFont detail = title;
    detail.setBold(false);
    detail.setPointSizeF(title.pointSizeF() * 0.9);
    painter->setFont(detail);
    painter->setPen(palette.placeholderText().color());
    const QFontMetricsF detailMetrics(detail);
    painter->drawText(textArea.bottomLeft() - QPointF(0, detailMetrics.descent()),
                      detailMetrics.elidedText(subtitle(), Qt::ElideRight, textArea.width()));

    if (m_findings > 0) {
        const QRectF badge(kSize.width() - 12, -8, 20, 20);
        painter->setPen(QPen(palette.base().color(), 2));
        painter->setBrush(m_hasError ? QColor(0xdc, 0x26, 0x26) : QColor(0xea, 0x8a, 0x00));
        painter->drawEllipse(badge);
        painter->setPen(Qt::white);
        QFont count = title;
        count.setPointSizeF(title.pointSizeF() * 0.8);
        painter->setFont(count);
        painter->drawText(badge, Qt::AlignCenter, QString::number(m_findings));
    }
}

} // namespace topolab::gui
