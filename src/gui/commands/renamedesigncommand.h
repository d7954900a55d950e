#pragma once

#include "core/topologydocument.h"

#include <QUndoCommand>

namespace topolab::gui {

class RenameDesignCommand final : public QUndoCommand {
public:
    RenameDesignCommand(core::TopologyDocument &document, QString name);

    void redo() override;
    void undo() override;

private:
    core::TopologyDocument &m_document;
    QString m_before;
    QString m_after;
};

} // namespace topolab::gui
