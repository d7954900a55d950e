#include "designeditor.h"

#include "canvas/nodeitem.h"
#include "commands/additemscommand.h"
#include "commands/deleteitemscommand.h"
#include "commands/movenodescommand.h"
#include "commands/renamedesigncommand.h"
#include "commands/renamenodecommand.h"
#include "commands/setnodegroupcommand.h"
#include "commands/setnodepropertycommand.h"
#include "core/autolayout.h"
#include "core/topologyfragment.h"

#include <QSet>
#include <QUndoStack>
#include <cmath>

using namespace Qt::StringLiterals;
using namespace topolab::core;

namespace topolab::gui {

DesignEditor::DesignEditor(TopologyDocument &document, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_undoStack(new QUndoStack(this))
{
    // A new design, an opened file or a template starts a history of its own.
    connect(&m_document, &TopologyDocument::changed, this, [this](const TopologyChange &change) {
        if (change.type == TopologyChange::Type::Reset)
            m_undoStack->clear();
    });
}

QPointF DesignEditor::snapToGrid(QPointF point)
{
    return {std::round(point.x() / kGrid) * kGrid, std::round(point.y() / kGrid) * kGrid};
}

QString DesignEditor::unusedNodeName(NodeKind kind) const
{
    const QString base = kindDisplayName(kind);
    QSet<QString> taken;
    for (const Node &node : topology().nodes())
        taken.insert(node.name);
    if (!taken.contains(base))
        return base;
    for (int number = 2;; ++number) {
        const QString candidate = u"%1 %2"_s.arg(base).arg(number);
        if (!taken.contains(candidate))
            return candidate;
    }
}

Outcome DesignEditor::checkUnlocked() const
{
    return m_structureLock.isEmpty() ? Outcome::ok() : Outcome::refused(m_structureLock);
}

Outcome DesignEditor::addNode(NodeKind kind, QPointF position, QString *newId)
{
    if (Outcome unlocked = checkUnlocked(); !unlocked)
        return unlocked;
    Node node;
    node.id = topology().unusedNodeId(kind);
    node.kind = kind;
    node.name = unusedNodeName(kind);
    node.position = snapToGrid(position);
    if (Outcome checked = topology().checkNode(node); !checked)
        return checked;
    if (newId)
        *newId = node.id;
    m_undoStack->push(new AddItemsCommand(m_document, {node}, {}, tr("Add %1").arg(node.name)));
    return Outcome::ok();
}

Outcome DesignEditor::checkConnection(const QString &fromId, const QString &toId) const
{
    if (Outcome unlocked = checkUnlocked(); !unlocked)
        return unlocked;
    if (fromId == toId)
        return Outcome::refused(tr("A node cannot link to itself."));
    for (const Link &link : topology().linksFrom(fromId)) {
        if (link.to == toId)
            return Outcome::refused(tr("These two nodes are already linked."));
    }
    return topology().checkLink({topology().unusedLinkId(), fromId, toId});
}

Outcome DesignEditor::connectNodes(const QString &fromId, const QString &toId)
{
    if (Outcome unlocked = checkUnlocked(); !unlocked)
        return unlocked;
    if (Outcome checked = checkConnection(fromId, toId); !checked)
        return checked;
    const Link link{topology().unusedLinkId(), fromId, toId};
    m_undoStack->push(new AddItemsCommand(
        m_document, {}, {link},
        tr("Link %1 to %2").arg(topology().node(fromId)->name, topology().node(toId)->name)));
    return Outcome::ok();
}

Outcome DesignEditor::deleteItems(const QStringList &nodeIds, const QStringList &linkIds)
{
    if (Outcome unlocked = checkUnlocked(); !unlocked)
        return unlocked;
    auto command = std::make_unique<DeleteItemsCommand>(m_document, nodeIds, linkIds);
    if (command->isEmpty())
        return Outcome::refused(tr("Nothing is selected to delete."));
    m_undoStack->push(command.release());
    return Outcome::ok();
}

Outcome DesignEditor::moveNodes(const QHash<QString, QPointF> &positions, int dragNumber,
                                const std::optional<QString> &group)
{
    if (group) {
        if (Outcome unlocked = checkUnlocked(); !unlocked)
            return unlocked;
        if (Outcome checked = Topology::checkGroupName(*group); !checked)
            return checked;
    }
    bool moves = false;
    for (auto it = positions.cbegin(); it != positions.cend(); ++it) {
        const Node *node = topology().node(it.key());
        if (!node)
            return Outcome::refused(tr("There is no node \"%1\".").arg(it.key()));
        if (Outcome checked = Topology::checkPosition(it.value()); !checked)
            return checked;
        moves = moves || node->position != it.value() || (group && node->group != *group);
    }
    if (moves)
        m_undoStack->push(new MoveNodesCommand(m_document, positions, dragNumber, {}, group));
    return Outcome::ok();
}

Outcome DesignEditor::setProperty(const QString &nodeId, const QString &key, const QVariant &value)
{
    Topology trial = topology();
    if (Outcome checked = trial.setNodeProperty(nodeId, key, value); !checked)
        return checked;
    if (trial.node(nodeId)->properties.value(key) != topology().property(nodeId, key))
        m_undoStack->push(new SetNodePropertyCommand(m_document, nodeId, key, value));
    return Outcome::ok();
}

Outcome DesignEditor::renameNode(const QString &nodeId, const QString &name)
{
    Topology trial = topology();
    if (Outcome checked = trial.renameNode(nodeId, name); !checked)
        return checked;
    if (topology().node(nodeId)->name != name)
        m_undoStack->push(new RenameNodeCommand(m_document, nodeId, name));
    return Outcome::ok();
}

Outcome DesignEditor::setGroup(const QStringList &nodeIds, const QString &group)
{
    if (Outcome unlocked = checkUnlocked(); !unlocked)
        return unlocked;
    if (Outcome checked = Topology::checkGroupName(group); !checked)
        return checked;
    bool changes = false;
    for (const QString &id : nodeIds) {
        const Node *node = topology().node(id);
        if (!node)
            return Outcome::refused(tr("There is no node \"%1\".").arg(id));
        changes = changes || node->group != group;
    }
    if (changes)
        m_undoStack->push(new SetNodeGroupCommand(m_document, nodeIds, group));
    return Outcome::ok();
}

Outcome DesignEditor::renameDesign(const QString &name)
{
    Topology trial = topology();
    if (Outcome checked = trial.setName(name); !checked)
        return checked;
    if (topology().name() != name)
        m_undoStack->push(new RenameDesignCommand(m_document, name));
    return Outcome::ok();
}

Outcome DesignEditor::insertFragment(const Topology &fragment, QPointF offset, QStringList *newIds)
{
    if (Outcome unlocked = checkUnlocked(); !unlocked)
        return unlocked;
    if (fragment.isEmpty())
        return Outcome::refused(tr("There are no nodes to paste."));
    TopologyFragment::Insertion insertion =
        TopologyFragment::prepareInsertion(fragment, topology(), offset);
    if (insertion.nodes.isEmpty())
        return Outcome::refused(tr("The copied nodes do not fit on the canvas here."));
    if (newIds) {
        newIds->clear();
        for (const Node &node : std::as_const(insertion.nodes))
            newIds->append(node.id);
    }
    const int count = static_cast<int>(insertion.nodes.size());
    m_undoStack->push(new AddItemsCommand(m_document, std::move(insertion.nodes),
                                          std::move(insertion.links),
                                          tr("Paste %n node(s)", nullptr, count)));
    return Outcome::ok();
}

Outcome DesignEditor::arrange()
{
    if (topology().isEmpty())
        return Outcome::refused(tr("The design has no nodes to arrange."));
    AutoLayout::Metrics metrics;
    metrics.card = NodeItem::kSize;
    metrics.grid = kGrid;
    const QHash<QString, QPointF> positions = AutoLayout::arrange(topology(), metrics);
    const bool moves =
        std::any_of(positions.keyValueBegin(), positions.keyValueEnd(), [this](const auto &entry) {
            return topology().node(entry.first)->position != entry.second;
        });
    if (!moves)
        return Outcome::refused(tr("The design is already arranged."));
    m_undoStack->push(new MoveNodesCommand(m_document, positions, 0, tr("Arrange automatically")));
    return Outcome::ok();
}

QStringList DesignEditor::groupNames() const
{
    QStringList groups;
    for (const Node &node : topology().nodes()) {
        if (!node.group.isEmpty() && !groups.contains(node.group))
            groups.append(node.group);
    }
    return groups;
}

QString DesignEditor::unusedGroupName() const
{
    const QStringList taken = groupNames();
    for (int number = 1;; ++number) {
        const QString candidate = tr("Server %1").arg(number);
        if (!taken.contains(candidate))
            return candidate;
    }
}

} // namespace topolab::gui
