#include "movenodescommand.h"

#include "commandid.h"

#include <QCoreApplication>

namespace topolab::gui {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(MoveNodesCommand)
};
} // namespace

MoveNodesCommand::MoveNodesCommand(core::TopologyDocument &document,
                                   QHash<QString, QPointF> positions, int dragNumber,
                                   const QString &text, std::optional<QString> group)
    : m_document(document)
    , m_after(std::move(positions))
    , m_groupAfter(std::move(group))
    , m_dragNumber(dragNumber)
{
    for (auto it = m_after.cbegin(); it != m_after.cend(); ++it) {
        if (const core::Node *node = document.topology().node(it.key())) {
            m_before.insert(it.key(), node->position);
            m_groupsBefore.insert(it.key(), node->group);
        }
    }
    if (!text.isEmpty())
        setText(text);
    else if (m_after.size() == 1)
        setText(Tr::tr("Move %1").arg(document.topology().node(m_after.begin().key())->name));
    else
        setText(Tr::tr("Move %n node(s)", nullptr, static_cast<int>(m_after.size())));
}

void MoveNodesCommand::redo()
{
    for (auto it = m_after.cbegin(); it != m_after.cend(); ++it)
        m_document.moveNode(it.key(), it.value());
    if (m_groupAfter) {
        for (auto it = m_groupsBefore.cbegin(); it != m_groupsBefore.cend(); ++it)
            m_document.setNodeGroup(it.key(), *m_groupAfter);
    }
}

void MoveNodesCommand::undo()
{
    for (auto it = m_groupsBefore.cbegin(); it != m_groupsBefore.cend(); ++it) {
        if (m_document.topology().node(it.key())->group != it.value())
            m_document.setNodeGroup(it.key(), it.value());
    }
    for (auto it = m_before.cbegin(); it != m_before.cend(); ++it)
        m_document.moveNode(it.key(), it.value());
}

int MoveNodesCommand::id() const
{
    return m_dragNumber == 0 ? -1 : static_cast<int>(CommandId::MoveNodes);
}

bool MoveNodesCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const MoveNodesCommand *>(other);
    if (next->m_dragNumber != m_dragNumber || next->m_after.size() != m_after.size())
        return false;
    for (auto it = next->m_after.cbegin(); it != next->m_after.cend(); ++it) {
        if (!m_after.contains(it.key()))
            return false;
    }
    m_after = next->m_after;
    if (next->m_groupAfter)
        m_groupAfter = next->m_groupAfter;
    return true;
}

} // namespace topolab::gui
