#pragma once

#include "core/topologydocument.h"

#include <QHash>
#include <QObject>
#include <optional>

class QUndoStack;

namespace topolab::gui {

// Every edit the designer can make, as an undoable command. An edit is first tried on a copy of
// the design, so a refused edit never reaches the undo stack and the reason goes back to the
// caller (the status bar, the inspector) instead.
class DesignEditor final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesignEditor)

public:
    static constexpr qreal kGrid = 20;

    explicit DesignEditor(core::TopologyDocument &document, QObject *parent = nullptr);

    core::TopologyDocument &document() { return m_document; }
    const core::Topology &topology() const { return m_document.topology(); }
    QUndoStack *undoStack() const { return m_undoStack; }

    static QPointF snapToGrid(QPointF point);

    // Adds a node of `kind` with its top-left corner at `position` (snapped to the grid).
    core::Outcome addNode(core::NodeKind kind, QPointF position, QString *newId = nullptr);
    core::Outcome checkConnection(const QString &fromId, const QString &toId) const;
    core::Outcome connectNodes(const QString &fromId, const QString &toId);
    core::Outcome deleteItems(const QStringList &nodeIds, const QStringList &linkIds);
    // Steps of one drag pass the same number from beginDrag() and undo as one move.
    int beginDrag() { return ++m_lastDrag; }
    // With `group`, the nodes also go onto that server (dropped into its frame), in the same step.
    core::Outcome moveNodes(const QHash<QString, QPointF> &positions, int dragNumber,
                            const std::optional<QString> &group = std::nullopt);
    core::Outcome setProperty(const QString &nodeId, const QString &key, const QVariant &value);
    core::Outcome renameNode(const QString &nodeId, const QString &name);
    core::Outcome setGroup(const QStringList &nodeIds, const QString &group);
    core::Outcome renameDesign(const QString &name);
    // Inserts a copied piece of a design with fresh ids; `newIds` gets the ids of its nodes.
    core::Outcome insertFragment(const core::Topology &fragment, QPointF offset,
                                 QStringList *newIds = nullptr);
    core::Outcome arrange();

    // While the design runs, edits of its structure (nodes, links, servers) are refused with
    // `reason`; moves and property changes stay possible. An empty reason lifts the lock.
    void setStructureLock(const QString &reason) { m_structureLock = reason; }
    bool isStructureLocked() const { return !m_structureLock.isEmpty(); }

    // "Server 3" when "Server 1" and "Server 2" exist.
    QString unusedGroupName() const;
    QStringList groupNames() const;

private:
    QString unusedNodeName(core::NodeKind kind) const;
    core::Outcome checkUnlocked() const;

    core::TopologyDocument &m_document;
    QUndoStack *m_undoStack;
    int m_lastDrag = 0;
    QString m_structureLock;
};

} // namespace topolab::gui
