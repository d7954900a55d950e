#pragma once

#include <QString>

namespace topolab::runtime::DesignDataFolder {

// Where a design keeps its databases between runs: a folder of its own under the user's data
// directory (~/.local/share/Topolab/topolab/designs on Linux), named after the design and its
// file, so that two designs never share data and a design finds its posts again after Stop and
// Start, or after Topolab was killed.
QString forDesign(const QString &designName, const QString &filePath);
// Removes the folder and everything in it (Cluster › Reset data, `topolab run --fresh-data`).
bool reset(const QString &folder, QString *error);

} // namespace topolab::runtime::DesignDataFolder
