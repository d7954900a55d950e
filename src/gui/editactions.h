#pragma once

#include <QObject>

class QMenu;
class QWidget;

namespace topolab::gui {

class ActionRegistry;
class DesignEditor;
class TopologyScene;

// The Edit menu's work on the canvas selection: cut, copy and paste (a design fragment on the
// system clipboard), duplicate, delete, select all, and putting nodes on a new server or taking
// them off theirs. Each action is enabled only when it can do something.
class EditActions final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EditActions)

public:
    // Adds the actions to `menu` and `actions`; their shortcuts work while `canvas` has focus.
    EditActions(DesignEditor &editor, TopologyScene &scene, ActionRegistry &actions, QMenu *menu,
                QWidget *canvas);

    // Enables the actions for the selection and the clipboard as they are now.
    void updateEnabled();
    // Another design is open: the next paste lands one step off the original again.
    void restartPasteOffset() { m_pasteCount = 0; }

signals:
    void statusMessage(const QString &text, bool isError);

private:
    void copySelection();
    void cutSelection();
    void paste();
    void duplicateSelection();
    void deleteSelection();
    void selectAll();
    void putSelectionOnNewServer();
    void takeSelectionOffServer();

    DesignEditor &m_editor;
    TopologyScene &m_scene;
    ActionRegistry &m_actions;
    int m_pasteCount = 0;
};

} // namespace topolab::gui
