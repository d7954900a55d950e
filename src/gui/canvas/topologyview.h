#pragma once

#include <QGraphicsView>

namespace topolab::gui {

class DesignEditor;

// The canvas widget: zoom (wheel, pinch, keys), pan (middle button, or space and drag), a grid in
// the background, rubber-band selection, and drops from the palette that add a node where they
// land.
class TopologyView final : public QGraphicsView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TopologyView)

public:
    static constexpr qreal kMinZoom = 0.1;
    static constexpr qreal kMaxZoom = 4.0;

    TopologyView(QGraphicsScene *scene, DesignEditor &editor, QWidget *parent = nullptr);

    qreal zoom() const { return transform().m11(); }
    void setZoom(qreal zoom, QPointF anchorScenePos);
    void zoomIn();
    void zoomOut();
    void zoomToActualSize();
    // Shows the whole design, never magnified beyond 100 %.
    void zoomToFit();
    // The scene point at the centre of what is visible: where double-clicked palette entries go.
    QPointF visibleCentre() const;

signals:
    void zoomChanged(qreal zoom);
    void statusMessage(const QString &text, bool isError);

protected:
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void wheelEvent(QWheelEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void scaleBy(qreal factor, QPointF anchorViewPos);
    void updateSceneRect();

    DesignEditor &m_editor;
    bool m_spaceHeld = false;
    bool m_panning = false;
    QPoint m_panLast;
};

} // namespace topolab::gui
