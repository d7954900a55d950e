#pragma once

#include "core/nodekind.h"

class QMimeData;

namespace topolab::gui {

// What a palette entry carries while it is dragged onto the canvas.
namespace PaletteMime {

inline constexpr char kType[] = "application/x-topolab-node-kind";

QMimeData *create(core::NodeKind kind);
std::optional<core::NodeKind> kindOf(const QMimeData *data);

} // namespace PaletteMime

} // namespace topolab::gui
