#pragma once

#include "core/node.h"

#include <QGraphicsObject>

namespace topolab::gui {

// A node drawn as a card: kind colour stripe, name, kind and the kind's headline property, plus a
// badge when the design review has findings on it. Holds a copy of the node for painting only;
// the document stays the truth and the scene refreshes the copy on every change.
class NodeItem final : public QGraphicsObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NodeItem)

public:
    enum { Type = UserType + 1 };
    static constexpr QSizeF kSize{200, 72};

    explicit NodeItem(const core::Node &node, QGraphicsItem *parent = nullptr);

    int type() const override { return Type; }
    const QString &nodeId() const { return m_node.id; }
    void setNode(const core::Node &node);
    // 0 = no findings; otherwise the number of findings and whether one is an error.
    void setFindings(int count, bool hasError);

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QString subtitle() const;

    core::Node m_node;
    int m_findings = 0;
    bool m_hasError = false;
};

// The colour that identifies a kind on cards, links and (later) charts.
QColor kindColor(core::NodeKind kind);

} // namespace topolab::gui
