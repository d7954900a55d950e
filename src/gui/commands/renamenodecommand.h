#pragma once

#include "core/topologydocument.h"

#include <QUndoCommand>

namespace topolab::gui {

class RenameNodeCommand final : public QUndoCommand {
public:
    RenameNodeCommand(core::TopologyDocument &document, QString nodeId, QString name);

    void redo() override;
    void undo() override;

private:
    core::TopologyDocument &m_document;
    QString m_nodeId;
    QString m_before;
    QString m_after;
};

} // namespace topolab::gui
