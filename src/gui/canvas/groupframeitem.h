#pragma once

#include <QGraphicsRectItem>

namespace topolab::gui {

// The labelled frame drawn around the nodes of one machine ("Server 1"), as in the seed drawing.
class GroupFrameItem final : public QGraphicsRectItem {
public:
    enum { Type = UserType + 3 };

    explicit GroupFrameItem(QString label);

    int type() const override { return Type; }
    const QString &label() const { return m_label; }
    void fitAround(const QRectF &membersRect);
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QString m_label;
};

} // namespace topolab::gui
