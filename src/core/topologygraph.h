#pragma once

#include "topology.h"

#include <QSet>

namespace topolab::core {

// Questions about the paths requests take through a design, shared by the review rules and the
// cluster plan.
namespace TopologyGraph {

// Load balancers, web and application servers: the nodes that answer HTTP.
bool isHttpServer(NodeKind kind);
// Everything that runs as a server and is worth watching: HTTP servers and databases.
bool isServer(NodeKind kind);

// Where requests come from: DNS and client nodes; in a design with neither, the nodes that no
// request-carrying link enters.
QStringList entryPoints(const Topology &topology);

// Nodes reachable from `roots` along links, the roots included.
QSet<QString> reachableFrom(const Topology &topology, const QStringList &roots);

// The HTTP servers that requests from the entry points hit first. With `throughFirewalls`, a
// firewall is looked through; without, a path that passes a firewall stops there.
QList<const Node *> frontServers(const Topology &topology, bool throughFirewalls);

} // namespace TopologyGraph

} // namespace topolab::core
