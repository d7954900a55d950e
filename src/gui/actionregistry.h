#pragma once

#include <QHash>
#include <QKeySequence>
#include <QObject>

class QAction;
class QMenu;

namespace topolab::gui {

// The window's actions by stable id (also their object name), so that the toolbar, the context
// menu and tests find them without their translated text.
class ActionRegistry final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionRegistry)

public:
    explicit ActionRegistry(QObject *parent = nullptr);

    // A new action in `menu`, with the icon of that name (none if empty) and the shortcut.
    QAction *add(const QString &id, QMenu *menu, const QString &icon, const QString &text,
                 const QKeySequence &shortcut = {});
    // An action made elsewhere (the undo stack's own).
    void insert(const QString &id, QAction *action);
    // The action of that id; it must have been added.
    QAction *action(const QString &id) const;

private:
    QHash<QString, QAction *> m_actions;
};

} // namespace topolab::gui
