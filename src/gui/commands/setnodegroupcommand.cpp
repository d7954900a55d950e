#include "setnodegroupcommand.h"

#include <QCoreApplication>

namespace topolab::gui {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(SetNodeGroupCommand)
};
} // namespace

SetNodeGroupCommand::SetNodeGroupCommand(core::TopologyDocument &document,
                                         const QStringList &nodeIds, QString group)
    : m_document(document)
    , m_after(std::move(group))
{
    for (const QString &id : nodeIds) {
        if (const core::Node *node = document.topology().node(id))
            m_before.insert(id, node->group);
    }
    const int count = static_cast<int>(m_before.size());
    if (m_after.isEmpty())
        setText(Tr::tr("Take %n node(s) out of their server", nullptr, count));
    else
        setText(Tr::tr("Put %n node(s) on %1", nullptr, count).arg(m_after));
}

void SetNodeGroupCommand::redo()
{
    for (auto it = m_before.cbegin(); it != m_before.cend(); ++it)
        m_document.setNodeGroup(it.key(), m_after);
}

void SetNodeGroupCommand::undo()
{
    for (auto it = m_before.cbegin(); it != m_before.cend(); ++it)
        m_document.setNodeGroup(it.key(), it.value());
}

} // namespace topolab::gui
