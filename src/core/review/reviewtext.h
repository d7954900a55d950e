#pragma once

#include <QStringList>

namespace topolab::core {

class Topology;

// Wording shared by the review rules.
namespace ReviewText {

// "“Web server 1” and “Web server 2”": the nodes' names, quoted, in a readable list.
QString nodeNames(const Topology &topology, const QStringList &ids);

} // namespace ReviewText

} // namespace topolab::core
