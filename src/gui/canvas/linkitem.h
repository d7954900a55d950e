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

private:
    QString m_linkId;
    const NodeItem *m_from;
    const NodeItem *m_to;
};

} // namespace topolab::gui
