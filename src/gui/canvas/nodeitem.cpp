#include "nodeitem.h"

#include "core/kindcatalog.h"
#include "gui/style/kindstyle.h"

#include <QCursor>
#include <QGraphicsSceneHoverEvent>
#include <QPainter>
#include <QPainterPath>
#include <QStyleOptionGraphicsItem>

using namespace Qt::StringLiterals;
using namespace topolab::core;

namespace topolab::gui {

namespace {
const QColor kAccept(0x16, 0xa3, 0x4a);
const QColor kRefuse(0xdc, 0x26, 0x26);
} // namespace

NodeItem::NodeItem(const Node &node, QGraphicsItem *parent)
    : QGraphicsObject(parent)
{
    setNode(node);
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(true);
    setZValue(1);
}

void NodeItem::setNode(const Node &node)
{
    prepareGeometryChange();
    m_node = node;
    setPos(node.position);
    setToolTip(tr("%1 (%2)\nid: %3\nDrag from the dot on the right edge to link it.")
                   .arg(node.name, kindDisplayName(node.kind), node.id));
    update();
}

void NodeItem::setFindings(int count, bool hasError)
{
    m_findings = count;
    m_hasError = hasError;
    update();
}

void NodeItem::setStateBadge(const QString &text, const QColor &color)
{
    // Set again with every traffic sample: repaint only what changed.
    if (text == m_stateText && color == m_stateColor)
        return;
    m_stateText = text;
    m_stateColor = color;
    update();
}

void NodeItem::setDown(bool down)
{
    if (down == m_down)
        return;
    m_down = down;
    update();
}

void NodeItem::setTraffic(const QString &text, const QColor &color)
{
    if (text == m_trafficText && color == m_trafficColor)
        return;
    m_trafficText = text;
    m_trafficColor = color;
    update();
}

void NodeItem::setHostAddress(const QString &address)
{
    if (address == m_hostAddress)
        return;
    m_hostAddress = address;
    update();
}

void NodeItem::setLinkCue(LinkCue cue)
{
    if (cue == m_cue)
        return;
    m_cue = cue;
    update();
}

QPointF NodeItem::portCenter()
{
    return {kSize.width(), kSize.height() / 2};
}

bool NodeItem::isOnPort(QPointF itemPos) const
{
    const QPointF d = itemPos - portCenter();
    const qreal reach = kPortRadius + 4; // a little slack makes the small dot easy to hit
    return d.x() * d.x() + d.y() * d.y() <= reach * reach;
}

QRectF NodeItem::boundingRect() const
{
    // Room for the findings badge over the top-right corner, the port over the right edge and
    // the live state pill over the bottom edge.
    return QRectF(QPointF(-3, -10), kSize + QSizeF(16, 21));
}

QPainterPath NodeItem::shape() const
{
    // What takes clicks: the card with its badge and port, not the state pill below it.
    QPainterPath path;
    path.addRect(QRectF(QPointF(-3, -10), kSize + QSizeF(16, 13)));
    return path;
}

QString NodeItem::subtitle() const
{
    if (!m_hostAddress.isEmpty())
        return tr("%1 · %2").arg(m_hostAddress, headline());
    return headline();
}

QString NodeItem::headline() const
{
    // The icon and colour already say the kind; the line under the name says what sets this node
    // apart. Kinds without such a property show their kind's name.
    const QString key = KindCatalog::headlineProperty(m_node.kind);
    if (key.isEmpty())
        return kindDisplayName(m_node.kind);
    const QString value = m_node.properties.value(key).toString();
    if (key == PropertyKey::port)
        return tr("port %1").arg(value);
    if (key == PropertyKey::role && m_node.properties.contains(PropertyKey::port))
        return tr("%1 · port %2").arg(value, m_node.properties.value(PropertyKey::port).toString());
    return value;
}

void NodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = true;
    hoverMoveEvent(event);
    update();
}

void NodeItem::hoverMoveEvent(QGraphicsSceneHoverEvent *event)
{
    setCursor(isOnPort(event->pos()) ? Qt::CrossCursor : Qt::ArrowCursor);
}

void NodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *)
{
    m_hovered = false;
    unsetCursor();
    update();
}

void NodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QPalette &palette = option->palette;
    const QRectF card(QPointF(0, 0), kSize);
    const QColor accent = kindColor(m_node.kind);
    const bool selected = option->state & QStyle::State_Selected;

    painter->setRenderHint(QPainter::Antialiasing);
    QPen border(palette.mid().color(), 1);
    if (m_cue != LinkCue::None)
        border = QPen(m_cue == LinkCue::Accepts ? kAccept : kRefuse, 3);
    else if (selected)
        border = QPen(palette.highlight().color(), 2.5);
    QColor fill = palette.base().color();
    if (m_down) {
        fill = QColor::fromRgbF(fill.redF() * 0.8f + 0.2f * kRefuse.redF(),
                                fill.greenF() * 0.8f + 0.2f * kRefuse.greenF(),
                                fill.blueF() * 0.8f + 0.2f * kRefuse.blueF());
        if (m_cue == LinkCue::None && !selected)
            border = QPen(kRefuse, 2.5, Qt::DashLine);
    }
    painter->setPen(border);
    painter->setBrush(fill);
    painter->drawRoundedRect(card, 8, 8);

    painter->setPen(Qt::NoPen);
    painter->setBrush(accent);
    painter->drawRoundedRect(QRectF(0, 0, 7, kSize.height()), 3.5, 3.5);

    const QRectF iconBox(16, (kSize.height() - 34) / 2, 34, 34);
    QColor wash = accent;
    wash.setAlphaF(0.14f);
    painter->setBrush(wash);
    painter->drawRoundedRect(iconBox, 8, 8);
    kindIcon(m_node.kind).paint(painter, iconBox.adjusted(7, 7, -7, -7).toRect());

    const QRectF textArea = card.adjusted(iconBox.right() + 10, 12, -14, -12);
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
    qreal trafficWidth = 0;
    if (!m_trafficText.isEmpty()) {
        QFont bold = detail;
        bold.setBold(true);
        const QFontMetricsF boldMetrics(bold);
        trafficWidth = boldMetrics.horizontalAdvance(m_trafficText) + 8;
        painter->setFont(bold);
        painter->setPen(m_trafficColor);
        painter->drawText(
            QPointF(textArea.right() - trafficWidth + 8, textArea.bottom() - boldMetrics.descent()),
            m_trafficText);
        painter->setFont(detail);
        painter->setPen(palette.placeholderText().color());
    }
    painter->drawText(
        textArea.bottomLeft() - QPointF(0, detailMetrics.descent()),
        detailMetrics.elidedText(subtitle(), Qt::ElideRight, textArea.width() - trafficWidth));
    if (m_down) {
        // Struck through: a lost node reads as lost even at a glance and in grey scale.
        painter->setPen(QPen(kRefuse, 2));
        painter->drawLine(QPointF(12, kSize.height() - 8), QPointF(kSize.width() - 12, 8));
    }

    // The port shows where a link can start: always there, so a new user finds it, as a quiet
    // ring until the card is pointed at or selected.
    if (m_hovered || selected) {
        painter->setPen(QPen(palette.base().color(), 2));
        painter->setBrush(accent);
    } else {
        painter->setPen(QPen(accent, 1.5));
        painter->setBrush(palette.base());
    }
    painter->drawEllipse(portCenter(), kPortRadius, kPortRadius);
    paintBadges(painter, palette, title);
}

void NodeItem::paintBadges(QPainter *painter, const QPalette &palette, const QFont &font) const
{
    if (m_findings > 0) {
        const QRectF badge(kSize.width() - 12, -8, 20, 20);
        painter->setPen(QPen(palette.base().color(), 2));
        painter->setBrush(m_hasError ? kRefuse : QColor(0xea, 0x8a, 0x00));
        painter->drawEllipse(badge);
        painter->setPen(Qt::white);
        QFont count = font;
        count.setPointSizeF(font.pointSizeF() * 0.8);
        painter->setFont(count);
        painter->drawText(badge, Qt::AlignCenter, QString::number(m_findings));
    }
    if (!m_stateText.isEmpty()) {
        QFont small = font;
        small.setPointSizeF(font.pointSizeF() * 0.75);
        const QFontMetricsF metrics(small);
        const qreal width = metrics.horizontalAdvance(m_stateText) + 14;
        const QRectF pill(kSize.width() - width - 12, kSize.height() - 9, width, 18);
        painter->setPen(QPen(palette.base().color(), 2));
        painter->setBrush(m_stateColor);
        painter->drawRoundedRect(pill, 9, 9);
        painter->setPen(Qt::white);
        painter->setFont(small);
        painter->drawText(pill, Qt::AlignCenter, m_stateText);
    }
}

} // namespace topolab::gui
