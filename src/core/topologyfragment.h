#pragma once

#include "topology.h"

namespace topolab::core {

// A piece of a design cut out of one topology and inserted into another (copy and paste,
// duplicate). The piece is itself a Topology, so the clipboard carries it in the file format and
// the file loader's checks guard every paste.
namespace TopologyFragment {

// The nodes with these ids and the links between them; links to nodes outside are left out.
Topology extract(const Topology &source, const QStringList &nodeIds);

struct Insertion {
    QList<Node> nodes;
    QList<Link> links;
};

// The fragment's nodes and links with ids that `target` does not use yet, moved by `offset`.
// A server frame name that `target` already uses gets the next free number ("Server 3"), so a
// pasted server becomes a server of its own instead of stretching the frame of the original.
Insertion prepareInsertion(const Topology &fragment, const Topology &target, QPointF offset);

} // namespace TopologyFragment

} // namespace topolab::core
