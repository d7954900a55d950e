#pragma once

#include <QString>

namespace topolab::gui {

// Light and dark looks for the whole application. Topolab uses the Fusion style everywhere so
// that the canvas, the panels and (later) the charts look the same on every desktop.
namespace AppTheme {

enum class Theme { System, Light, Dark };

void apply(Theme theme);
Theme current();
QString id(Theme theme);
Theme fromId(const QString &id);

} // namespace AppTheme

} // namespace topolab::gui
