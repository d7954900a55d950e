#pragma once

#include "topology.h"

#include <QHash>
#include <QSizeF>

namespace topolab::core {

// Arranges a design top to bottom in the direction requests travel, like the classic drawings of a
// web stack: each server frame (group) is laid out as one block, blocks and lone nodes go into rows
// by their distance from the entry point, and replicas sit beside their primary. Positions are
// multiples of the grid.
namespace AutoLayout {

struct Metrics {
    QSizeF card{220, 72};
    qreal columnGap = 80;
    qreal rowGap = 110;
    qreal grid = 20;
};

QHash<QString, QPointF> arrange(const Topology &topology, const Metrics &metrics = {});

} // namespace AutoLayout

} // namespace topolab::core
