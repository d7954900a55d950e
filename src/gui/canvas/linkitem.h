#pragma once

#include <QGraphicsPathItem>

namespace topolab::gui {

class NodeItem;

// An arrow from one node card to another, in the direction requests travel. It follows its
// nodes: the scene calls adjust() whenever either of them moves.
class LinkItem final : public QGraphicsPathItem {
public:
    enum { Type = UserType + 2 };

    LinkItem(QString linkId, const NodeItem *from, const NodeItem *to);

    int type() const override { return Type; }
    const QString &linkId() const { return m_linkId; }
    void adjust();
    // The share of the cluster's traffic this link carries (0..1): drawn thicker and coloured.
    void setLoad(double share, const QColor &color);
    double load() const { return m_load; }

    // The arrow from `start` to `end` with its head, shared with the preview of a new link.
    static QPainterPath arrowPath(QPointF start, QPointF end);

    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QString m_linkId;
    const NodeItem *m_from;
    const NodeItem *m_to;
    double m_load = 0;
    QColor m_loadColor;
};

} // namespace topolab::gui
