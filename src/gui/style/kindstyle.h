#pragma once

#include "core/nodekind.h"

#include <QColor>
#include <QIcon>

namespace topolab::gui {

// How a node kind looks everywhere in the GUI: its colour on cards, links, the palette and (later)
// charts, its icon, and a one-line description for the palette's tooltips.
QColor kindColor(core::NodeKind kind);
QIcon kindIcon(core::NodeKind kind);
QString kindDescription(core::NodeKind kind);

// A toolbar or menu icon from resources/icons/actions, drawn in the palette's text colour.
QIcon actionIcon(const QString &name);

} // namespace topolab::gui
