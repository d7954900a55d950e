#pragma once

#include "core/node.h"

#include <QGraphicsObject>

namespace topolab::gui {

// A node drawn as a card: kind colour stripe and icon, name, kind and the kind's headline
// property, a badge when the design review has findings on it, a slot for the runtime's state and
// a port handle on the right edge to drag links from. Holds a copy of the node for painting only;
// the document stays the truth and the scene refreshes the copy on every change.
class NodeItem final : public QGraphicsObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NodeItem)

public:
    enum { Type = UserType + 1 };
    static constexpr QSizeF kSize{220, 72};
    static constexpr qreal kPortRadius = 7;

    // How the card answers while a link is dragged over it.
    enum class LinkCue { None, Accepts, Refuses };

    explicit NodeItem(const core::Node &node, QGraphicsItem *parent = nullptr);

    int type() const override { return Type; }
    const QString &nodeId() const { return m_node.id; }
    const core::Node &node() const { return m_node; }
    void setNode(const core::Node &node);
    // 0 = no findings; otherwise the number of findings and whether one is an error.
    void setFindings(int count, bool hasError);
    int findingCount() const { return m_findings; }
    // The runtime's word on this node ("healthy", "down"); an empty text hides the badge.
    void setStateBadge(const QString &text, const QColor &color);
    // A node that the running cluster has lost: drawn struck through in red, unmistakably.
    void setDown(bool down);
    bool isDown() const { return m_down; }
    // Live traffic through this node ("42 req/s"), in the colour its server has on the charts;
    // an empty text hides it.
    void setTraffic(const QString &text, const QColor &color);
    // Its machine's address in a running lab, shown before the headline ("" for none).
    void setHostAddress(const QString &address);
    // The line under the name: the address in a lab, then the headline.
    QString subtitle() const;
    const QString &trafficText() const { return m_trafficText; }
    const QString &stateBadge() const { return m_stateText; }
    void setLinkCue(LinkCue cue);
    LinkCue linkCue() const { return m_cue; }

    // In item coordinates: where links are dragged from.
    static QPointF portCenter();
    bool isOnPort(QPointF itemPos) const;

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverMoveEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    QString headline() const;
    void paintBadges(QPainter *painter, const QPalette &palette, const QFont &font) const;

    core::Node m_node;
    int m_findings = 0;
    bool m_hasError = false;
    QString m_stateText;
    QColor m_stateColor;
    QString m_trafficText;
    QString m_hostAddress;
    QColor m_trafficColor;
    bool m_down = false;
    LinkCue m_cue = LinkCue::None;
    bool m_hovered = false;
};

} // namespace topolab::gui
