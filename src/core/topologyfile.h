#pragma once

#include "fileerror.h"
#include "topology.h"

#include <QByteArray>
#include <variant>

namespace topolab::core {

// Reads and writes .topo.json files. Loading never writes and never crashes on bad input; every
// failure names the file, the place and the reason. Saving is atomic: on failure the previous file
// stays as it was.
namespace TopologyFile {

inline constexpr qint64 kMaxFileSize = 8 * 1024 * 1024;
inline constexpr QLatin1StringView kSuffix{".topo.json"};

using LoadResult = std::variant<Topology, FileError>;

LoadResult load(const QString &path);
// `sourceName` is what error messages call the data (a file name, "template foobar", "stdin").
LoadResult parse(const QByteArray &data, const QString &sourceName);

QByteArray serialize(const Topology &topology);
std::optional<FileError> save(const Topology &topology, const QString &path);

} // namespace TopologyFile

} // namespace topolab::core
