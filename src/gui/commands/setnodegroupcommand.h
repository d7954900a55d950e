#pragma once

#include "core/topologydocument.h"

#include <QHash>
#include <QUndoCommand>

namespace topolab::gui {

// Puts nodes into a server frame, moves them to another, or takes them out of any (empty group).
class SetNodeGroupCommand final : public QUndoCommand {
public:
    SetNodeGroupCommand(core::TopologyDocument &document, const QStringList &nodeIds,
                        QString group);

    void redo() override;
    void undo() override;

private:
    core::TopologyDocument &m_document;
    QHash<QString, QString> m_before;
    QString m_after;
};

} // namespace topolab::gui
