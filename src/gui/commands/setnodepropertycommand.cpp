#include "setnodepropertycommand.h"

#include "commandid.h"
#include "core/kindcatalog.h"

#include <QCoreApplication>

namespace topolab::gui {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(SetNodePropertyCommand)
};
} // namespace

SetNodePropertyCommand::SetNodePropertyCommand(core::TopologyDocument &document, QString nodeId,
                                               QString key, QVariant value)
    : m_document(document)
    , m_nodeId(std::move(nodeId))
    , m_key(std::move(key))
    , m_before(document.topology().property(m_nodeId, m_key))
    , m_after(std::move(value))
{
    const core::Node *node = document.topology().node(m_nodeId);
    const core::PropertySpec *spec = core::KindCatalog::property(node->kind, m_key);
    setText(Tr::tr("Set %1 of %2").arg(spec ? spec->label() : m_key, node->name));
}

void SetNodePropertyCommand::redo()
{
    m_document.setNodeProperty(m_nodeId, m_key, m_after);
}

void SetNodePropertyCommand::undo()
{
    m_document.setNodeProperty(m_nodeId, m_key, m_before);
}

int SetNodePropertyCommand::id() const
{
    return static_cast<int>(CommandId::SetNodeProperty);
}

bool SetNodePropertyCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const SetNodePropertyCommand *>(other);
    if (next->m_nodeId != m_nodeId || next->m_key != m_key)
        return false;
    m_after = next->m_after;
    // Stepping a value back to where it started leaves nothing to undo.
    setObsolete(m_after == m_before);
    return true;
}

} // namespace topolab::gui
