#pragma once

#include "nodekind.h"

#include <QPointF>
#include <QVariantMap>

namespace topolab::core {

// One building block of a design. Identified by a stable id that never changes once assigned; the
// name is what the user reads and may repeat.
struct Node {
    QString id;
    NodeKind kind = NodeKind::Client;
    QString name;
    QPointF position;
    // Label of the machine the node runs on ("Server 1"); nodes sharing it are drawn in one frame.
    QString group;
    QVariantMap properties;

    friend bool operator==(const Node &, const Node &) = default;
};

// A directed connection in the direction requests travel: client → DNS → balancer → web server →
// application server → database; primary → replica means replication.
struct Link {
    QString id;
    QString from;
    QString to;

    friend bool operator==(const Link &, const Link &) = default;
};

} // namespace topolab::core
