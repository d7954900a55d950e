#include "autolayout.h"

#include <QSet>
#include <algorithm>
#include <cmath>
#include <functional>

using namespace Qt::StringLiterals;

namespace topolab::core {

namespace {

// Longest-path layering of a directed graph given as adjacency lists. Edges that close a cycle
// (possible once nodes are contracted into blocks) are ignored, found by a depth-first search.
QHash<QString, int> layers(const QStringList &vertices,
                           const QHash<QString, QStringList> &successors,
                           const QSet<QPair<QString, QString>> &sameLayer = {})
{
    QStringList order;
    QHash<QString, int> state; // 0 unvisited, 1 on the stack, 2 done
    QSet<QPair<QString, QString>> backEdges;
    const std::function<void(const QString &)> visit = [&](const QString &vertex) {
        state[vertex] = 1;
        for (const QString &next : successors.value(vertex)) {
            if (state.value(next) == 1)
                backEdges.insert({vertex, next});
            else if (state.value(next) == 0)
                visit(next);
        }
        state[vertex] = 2;
        order.prepend(vertex);
    };
    for (const QString &vertex : vertices) {
        if (state.value(vertex) == 0)
            visit(vertex);
    }
    QHash<QString, int> layer;
    for (const QString &vertex : order) {
        const int here = layer.value(vertex);
        for (const QString &next : successors.value(vertex)) {
            if (backEdges.contains({vertex, next}))
                continue;
            const int step = sameLayer.contains({vertex, next}) ? 0 : 1;
            layer[next] = std::max(layer.value(next), here + step);
        }
    }
    return layer;
}

QPointF snapped(QPointF point, qreal grid)
{
    return {std::round(point.x() / grid) * grid, std::round(point.y() / grid) * grid};
}

struct Block {
    QString key;
    QStringList members;
    QHash<QString, QPointF> offsets;
    QSizeF size;
    qreal order = 0;
};

bool isReplication(const Topology &topology, const Link &link)
{
    return topology.node(link.from)->kind == NodeKind::Database &&
           topology.node(link.to)->kind == NodeKind::Database;
}

// Lays out one block's members in rows, replicas beside their primary. Every other row is shifted
// by half a card, so that a link from row 0 to row 2 passes beside the card in row 1, not through
// it.
void arrangeBlock(const Topology &topology, Block &block, const AutoLayout::Metrics &metrics)
{
    const QSet<QString> members(block.members.cbegin(), block.members.cend());
    QHash<QString, QStringList> successors;
    QSet<QPair<QString, QString>> sameLayer;
    for (const Link &link : topology.links()) {
        if (!members.contains(link.from) || !members.contains(link.to))
            continue;
        successors[link.from].append(link.to);
        if (isReplication(topology, link))
            sameLayer.insert({link.from, link.to});
    }
    QHash<QString, int> layer = layers(block.members, successors, sameLayer);
    // A node that only receives (a codebase) sits beside the deepest node that feeds it rather
    // than under it, so the links that leave the block downwards do not cross it.
    QSet<QString> senders;
    for (const Link &link : topology.links())
        senders.insert(link.from);
    for (const QString &id : block.members) {
        if (senders.contains(id))
            continue;
        int deepestFeeder = -1;
        for (const Link &link : topology.linksTo(id)) {
            if (members.contains(link.from))
                deepestFeeder = std::max(deepestFeeder, layer.value(link.from));
        }
        if (deepestFeeder >= 0)
            layer[id] = deepestFeeder;
    }
    const qreal columnStep = metrics.card.width() + metrics.columnGap / 2;
    const qreal rowStep = metrics.card.height() + metrics.rowGap / 2;
    QHash<int, int> usedInRow;
    qreal width = 0;
    qreal height = 0;
    for (const QString &id : block.members) {
        const int row = layer.value(id);
        const int column = usedInRow[row]++;
        const qreal shift = row % 2 == 1 ? columnStep / 2 : 0;
        const QPointF offset(shift + column * columnStep, row * rowStep);
        block.offsets.insert(id, offset);
        width = std::max(width, offset.x() + metrics.card.width());
        height = std::max(height, offset.y() + metrics.card.height());
    }
    // A block whose rows are all single cards needs no room for the shift.
    const bool shifted = std::any_of(block.offsets.cbegin(), block.offsets.cend(),
                                     [](const QPointF &p) { return p.x() > 0; });
    if (!shifted)
        width = metrics.card.width();
    block.size = {width, height};
}

} // namespace

QHash<QString, QPointF> AutoLayout::arrange(const Topology &topology, const Metrics &metrics)
{
    // Contract every group into one block; a node without a group is a block of its own.
    QHash<QString, QString> blockOf;
    QList<Block> blocks;
    QHash<QString, qsizetype> blockIndex;
    for (const Node &node : topology.nodes()) {
        const QString key = node.group.isEmpty() ? u"node:"_s + node.id : u"group:"_s + node.group;
        if (!blockIndex.contains(key)) {
            blockIndex.insert(key, blocks.size());
            blocks.append({key, {}, {}, {}, 0});
        }
        blocks[blockIndex.value(key)].members.append(node.id);
        blockOf.insert(node.id, key);
    }
    for (Block &block : blocks)
        arrangeBlock(topology, block, metrics);

    QStringList keys;
    for (const Block &block : blocks)
        keys.append(block.key);
    QHash<QString, QStringList> successors;
    QHash<QString, QStringList> predecessors;
    for (const Link &link : topology.links()) {
        const QString from = blockOf.value(link.from);
        const QString to = blockOf.value(link.to);
        if (from != to && !successors.value(from).contains(to)) {
            successors[from].append(to);
            predecessors[to].append(from);
        }
    }
    const QHash<QString, int> row = layers(keys, successors);

    QMap<int, QList<Block *>> rows;
    for (Block &block : blocks)
        rows[row.value(block.key)].append(&block);

    // Each row is ordered by where its predecessors sit, so that links cross as little as
    // possible (ties keep the design's own order), then centred under the widest row.
    QHash<QString, qreal> centreX;
    QHash<int, qreal> widths;
    qreal widest = 0;
    for (auto it = rows.begin(); it != rows.end(); ++it) {
        for (Block *block : *it) {
            const QStringList before = predecessors.value(block->key);
            qreal sum = 0;
            for (const QString &key : before)
                sum += centreX.value(key);
            block->order = before.isEmpty() ? 0 : sum / before.size();
        }
        std::stable_sort(it->begin(), it->end(),
                         [](const Block *a, const Block *b) { return a->order < b->order; });
        qreal x = 0;
        for (Block *block : *it) {
            centreX.insert(block->key, x + block->size.width() / 2);
            x += block->size.width() + metrics.columnGap;
        }
        widths.insert(it.key(), x - metrics.columnGap);
        widest = std::max(widest, x - metrics.columnGap);
    }

    QHash<QString, QPointF> positions;
    qreal y = 0;
    for (auto it = rows.cbegin(); it != rows.cend(); ++it) {
        const qreal shift = (widest - widths.value(it.key())) / 2;
        qreal height = 0;
        for (const Block *block : *it) {
            const QPointF origin(shift + centreX.value(block->key) - block->size.width() / 2, y);
            for (auto member = block->offsets.cbegin(); member != block->offsets.cend(); ++member)
                positions.insert(member.key(), snapped(origin + member.value(), metrics.grid));
            height = std::max(height, block->size.height());
        }
        y += height + metrics.rowGap;
    }
    return positions;
}

} // namespace topolab::core
