#pragma once

#include "fileerror.h"
#include "topology.h"

#include <QJsonObject>
#include <optional>

namespace topolab::core {

// Converts a Topology to and from the JSON object of a .topo.json file ("format": "topolab/1").
// Reading is strict: any unknown key, wrong type or invalid value is an error located by its JSON
// path, because a typo silently ignored would run a different design than the user wrote.
namespace TopologyJson {

inline constexpr QLatin1StringView kFormat{"topolab/1"};
inline constexpr int kMaxNodes = 1000;
inline constexpr int kMaxLinks = 5000;

QJsonObject toJson(const Topology &topology);

// On failure returns the error, with `location` set to the JSON path; `file` is left empty.
std::optional<FileError> fromJson(const QJsonObject &json, Topology *topology);

QJsonObject nodeToJson(const Node &node);
QJsonObject linkToJson(const Link &link);

} // namespace TopologyJson

} // namespace topolab::core
