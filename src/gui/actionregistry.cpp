#include "actionregistry.h"

#include "style/kindstyle.h"

#include <QAction>
#include <QMenu>

namespace topolab::gui {

ActionRegistry::ActionRegistry(QObject *parent)
    : QObject(parent)
{
}

QAction *ActionRegistry::add(const QString &id, QMenu *menu, const QString &icon,
                             const QString &text, const QKeySequence &shortcut)
{
    QAction *action = menu->addAction(text);
    if (!icon.isEmpty())
        action->setIcon(actionIcon(icon));
    if (!shortcut.isEmpty())
        action->setShortcut(shortcut);
    insert(id, action);
    return action;
}

void ActionRegistry::insert(const QString &id, QAction *action)
{
    Q_ASSERT(!m_actions.contains(id));
    action->setObjectName(id);
    m_actions.insert(id, action);
}

QAction *ActionRegistry::action(const QString &id) const
{
    QAction *found = m_actions.value(id);
    Q_ASSERT_X(found, "ActionRegistry::action", qPrintable(id));
    return found;
}

} // namespace topolab::gui
