#include "apptheme.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

using namespace Qt::StringLiterals;

namespace topolab::gui {

namespace {

AppTheme::Theme g_current = AppTheme::Theme::System;

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x1f, 0x23, 0x2a);
    const QColor base(0x16, 0x19, 0x1e);
    const QColor text(0xe5, 0xe7, 0xeb);
    const QColor muted(0x9c, 0xa3, 0xaf);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x23, 0x28, 0x30));
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, muted);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x2a, 0x2f, 0x37));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x3a, 0x40, 0x4a));
    p.setColor(QPalette::Midlight, QColor(0x32, 0x37, 0x40));
    p.setColor(QPalette::Mid, QColor(0x4b, 0x55, 0x63));
    p.setColor(QPalette::Dark, QColor(0x11, 0x13, 0x17));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x3b, 0x82, 0xf6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x60, 0xa5, 0xfa));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x6b, 0x72, 0x80));
    return p;
}

QPalette lightPalette()
{
    QPalette p = QApplication::style()->standardPalette();
    p.setColor(QPalette::PlaceholderText, QColor(0x6b, 0x72, 0x80));
    p.setColor(QPalette::AlternateBase, QColor(0xf3, 0xf4, 0xf6));
    p.setColor(QPalette::Highlight, QColor(0x25, 0x63, 0xeb));
    return p;
}

} // namespace

void AppTheme::apply(Theme theme)
{
    // The platform's palette, taken before Topolab replaces it, tells whether the desktop is dark.
    static const bool desktopIsDark =
        QApplication::palette().color(QPalette::Window).lightness() < 128;
    g_current = theme;
    if (QStyle *fusion = QStyleFactory::create(u"Fusion"_s))
        QApplication::setStyle(fusion);
    bool dark = theme == Theme::Dark;
    if (theme == Theme::System)
        dark = desktopIsDark;
    QApplication::setPalette(dark ? darkPalette() : lightPalette());
}

AppTheme::Theme AppTheme::current()
{
    return g_current;
}

QString AppTheme::id(Theme theme)
{
    switch (theme) {
    case Theme::System:
        return u"system"_s;
    case Theme::Light:
        return u"light"_s;
    case Theme::Dark:
        return u"dark"_s;
    }
    Q_UNREACHABLE();
}

AppTheme::Theme AppTheme::fromId(const QString &id)
{
    if (id == u"light"_s)
        return Theme::Light;
    if (id == u"dark"_s)
        return Theme::Dark;
    return Theme::System;
}

} // namespace topolab::gui
