#include "renamenodecommand.h"

#include <QCoreApplication>

namespace topolab::gui {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(RenameNodeCommand)
};
} // namespace

RenameNodeCommand::RenameNodeCommand(core::TopologyDocument &document, QString nodeId, QString name)
    : m_document(document)
    , m_nodeId(std::move(nodeId))
    , m_before(document.topology().node(m_nodeId)->name)
    , m_after(std::move(name))
{
    setText(Tr::tr("Rename %1 to %2").arg(m_before, m_after));
}

void RenameNodeCommand::redo()
{
    m_document.renameNode(m_nodeId, m_after);
}

void RenameNodeCommand::undo()
{
    m_document.renameNode(m_nodeId, m_before);
}

} // namespace topolab::gui
