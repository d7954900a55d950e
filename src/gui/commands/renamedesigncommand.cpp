#include "renamedesigncommand.h"

#include <QCoreApplication>

namespace topolab::gui {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(RenameDesignCommand)
};
} // namespace

RenameDesignCommand::RenameDesignCommand(core::TopologyDocument &document, QString name)
    : m_document(document)
    , m_before(document.topology().name())
    , m_after(std::move(name))
{
    setText(Tr::tr("Rename the design to %1").arg(m_after));
}

void RenameDesignCommand::redo()
{
    m_document.setName(m_after);
}

void RenameDesignCommand::undo()
{
    m_document.setName(m_before);
}

} // namespace topolab::gui
