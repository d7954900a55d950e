#include "tintedsvgiconengine.h"

#include <QApplication>
#include <QFile>
#include <QPainter>
#include <QPalette>
#include <QSvgRenderer>

using namespace Qt::StringLiterals;

namespace topolab::gui {

TintedSvgIconEngine::TintedSvgIconEngine(QString resourcePath, QColor color)
    : m_path(std::move(resourcePath))
    , m_color(color)
{
    QFile file(m_path);
    if (file.open(QIODevice::ReadOnly))
        m_svg = file.readAll();
}

TintedSvgIconEngine::~TintedSvgIconEngine() = default;

QSvgRenderer &TintedSvgIconEngine::rendererFor(const QColor &color)
{
    std::shared_ptr<QSvgRenderer> &renderer = m_renderers[color.rgba()];
    if (!renderer) {
        QByteArray svg = m_svg;
        svg.replace("currentColor", color.name(QColor::HexRgb).toLatin1());
        renderer = std::make_shared<QSvgRenderer>(svg);
    }
    return *renderer;
}

QColor TintedSvgIconEngine::colorFor(QIcon::Mode mode) const
{
    const QPalette palette = QApplication::palette();
    QColor color = m_color.isValid() ? m_color : palette.color(QPalette::WindowText);
    if (mode == QIcon::Disabled)
        color = palette.color(QPalette::Disabled, QPalette::WindowText);
    else if (mode == QIcon::Selected && !m_color.isValid())
        color = palette.color(QPalette::HighlightedText);
    return color;
}

void TintedSvgIconEngine::paint(QPainter *painter, const QRect &rect, QIcon::Mode mode,
                                QIcon::State)
{
    rendererFor(colorFor(mode)).render(painter, rect);
}

QPixmap TintedSvgIconEngine::pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state)
{
    return scaledPixmap(size, mode, state, 1.0);
}

QPixmap TintedSvgIconEngine::scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state,
                                          qreal scale)
{
    QPixmap pixmap(size * scale);
    pixmap.fill(Qt::transparent);
    pixmap.setDevicePixelRatio(scale);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    paint(&painter, QRect(QPoint(0, 0), size), mode, state);
    return pixmap;
}

QIconEngine *TintedSvgIconEngine::clone() const
{
    return new TintedSvgIconEngine(m_path, m_color);
}

QString TintedSvgIconEngine::key() const
{
    return u"topolab-tinted-svg"_s;
}

} // namespace topolab::gui
