#pragma once

#include "node.h"
#include "outcome.h"

namespace topolab::core {

// Which kinds may connect, and in which direction. Links follow requests from the client towards
// the data, so every allowed link points "downstream" and a design can never loop.
namespace LinkRules {

Outcome check(const Node &from, const Node &to);

// The kinds a node of `kind` may link to, for palettes and messages.
QList<NodeKind> allowedTargets(NodeKind kind);

} // namespace LinkRules

} // namespace topolab::core
