#pragma once

#include <QString>
#include <optional>

namespace topolab::gui {

class TopologyScene;

// Saves the drawing of a design as a picture: PNG at twice the natural size (sharp in documents
// and on high-DPI screens) or SVG (vector, for slides and wikis). Selection marks are left out.
namespace SceneExporter {

// On failure returns a message that names the file and the cause.
std::optional<QString> exportPng(TopologyScene &scene, const QString &path);
std::optional<QString> exportSvg(TopologyScene &scene, const QString &path, const QString &title);

} // namespace SceneExporter

} // namespace topolab::gui
