#pragma once

#include <QColor>
#include <QHash>
#include <QIconEngine>
#include <memory>

class QSvgRenderer;

namespace topolab::gui {

// Draws a monochrome SVG whose strokes say "currentColor" in a colour chosen at paint time: a
// fixed colour (a node kind's), or else the palette's text colour, so that the same icon reads on
// light and dark themes and stays sharp at every size and device pixel ratio.
class TintedSvgIconEngine final : public QIconEngine {
public:
    explicit TintedSvgIconEngine(QString resourcePath, QColor color = {});
    ~TintedSvgIconEngine() override;

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override;
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override;
    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state,
                         qreal scale) override;
    QIconEngine *clone() const override;
    QString key() const override;

private:
    QColor colorFor(QIcon::Mode mode) const;
    QSvgRenderer &rendererFor(const QColor &color);

    QString m_path;
    QByteArray m_svg;
    QColor m_color;
    // One parsed renderer per colour: cards repaint their icon on every frame of a drag.
    QHash<QRgb, std::shared_ptr<QSvgRenderer>> m_renderers;
};

} // namespace topolab::gui
