#include "topologyfragment.h"

#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace topolab::core {

namespace {

QSet<QString> groupsOf(const Topology &topology)
{
    QSet<QString> groups;
    for (const Node &node : topology.nodes()) {
        if (!node.group.isEmpty())
            groups.insert(node.group);
    }
    return groups;
}

// "Server 2" → "Server 3", "Cache" → "Cache 2": the first such name not in `taken`. The stem is
// shortened when the number would push the name past the length limit.
QString unusedGroupName(const QString &group, const QSet<QString> &taken)
{
    static const QRegularExpression numbered(u"^(.*?)\\s*(\\d+)$"_s);
    const QRegularExpressionMatch match = numbered.match(group);
    const QString stem = match.hasMatch() ? match.captured(1) : group;
    const int first = match.hasMatch() ? match.captured(2).left(6).toInt() + 1 : 2;
    for (int number = first;; ++number) {
        const QString suffix = u" "_s + QString::number(number);
        const QString candidate =
            (stem.left(Topology::kMaxNameLength - suffix.size()).trimmed() + suffix).trimmed();
        if (!taken.contains(candidate) && Topology::checkGroupName(candidate))
            return candidate;
    }
}

} // namespace

Topology TopologyFragment::extract(const Topology &source, const QStringList &nodeIds)
{
    const QSet<QString> wanted(nodeIds.cbegin(), nodeIds.cend());
    Topology fragment;
    fragment.setName(source.name());
    for (const Node &node : source.nodes()) {
        if (wanted.contains(node.id))
            fragment.addNode(node);
    }
    for (const Link &link : source.links()) {
        if (wanted.contains(link.from) && wanted.contains(link.to))
            fragment.addLink(link);
    }
    return fragment;
}

TopologyFragment::Insertion
TopologyFragment::prepareInsertion(const Topology &fragment, const Topology &target, QPointF offset)
{
    QSet<QString> takenGroups = groupsOf(target);
    QHash<QString, QString> groupNames;
    for (const QString &group : groupsOf(fragment)) {
        const QString renamed =
            takenGroups.contains(group) ? unusedGroupName(group, takenGroups) : group;
        takenGroups.insert(renamed);
        groupNames.insert(group, renamed);
    }

    // Ids are reserved in a scratch copy so that two pasted nodes never get the same new id.
    Topology scratch = target;
    Insertion insertion;
    QHash<QString, QString> nodeIds;
    for (Node node : fragment.nodes()) {
        const QString oldId = node.id;
        node.id = scratch.unusedNodeId(node.kind);
        node.position += offset;
        node.group = groupNames.value(node.group);
        if (!scratch.addNode(node))
            continue;
        nodeIds.insert(oldId, node.id);
        insertion.nodes.append(node);
    }
    for (Link link : fragment.links()) {
        if (!nodeIds.contains(link.from) || !nodeIds.contains(link.to))
            continue;
        link.id = scratch.unusedLinkId();
        link.from = nodeIds.value(link.from);
        link.to = nodeIds.value(link.to);
        if (scratch.addLink(link))
            insertion.links.append(link);
    }
    return insertion;
}

} // namespace topolab::core
