#pragma once

#include "core/topologydocument.h"

#include <QUndoCommand>

namespace topolab::gui {

// Sets one property of one node. Consecutive edits of the same property (spin box steps) merge.
class SetNodePropertyCommand final : public QUndoCommand {
public:
    SetNodePropertyCommand(core::TopologyDocument &document, QString nodeId, QString key,
                           QVariant value);

    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    core::TopologyDocument &m_document;
    QString m_nodeId;
    QString m_key;
    QVariant m_before;
    QVariant m_after;
};

} // namespace topolab::gui
