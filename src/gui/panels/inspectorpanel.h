#pragma once

#include "core/topologychange.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QWidget>

class QFormLayout;
class QScrollArea;

namespace topolab::gui {

class DesignEditor;
class PropertyEditor;

// Edits what is selected: a node's name, server and typed properties; a link's ends; several
// nodes' server; or, with nothing selected, the design's name. Every edit goes through the
// DesignEditor, so it is undoable, and a refused value stays in its field with the reason below.
class InspectorPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InspectorPanel)

public:
    explicit InspectorPanel(DesignEditor &editor, QWidget *parent = nullptr);

    void setSelection(const QStringList &nodeIds, const QStringList &linkIds);
    PropertyEditor *propertyEditor(const QString &key) const;
    QLineEdit *nameField() const { return m_name; }
    QComboBox *groupField() const { return m_group; }
    // Controls for the selected node of the running cluster (kill, pause, …); the panel takes
    // ownership and shows them as buttons until the next call.
    void setLiveActions(const QList<QAction *> &actions, const QString &state = {});
    const QList<QAction *> &liveActions() const { return m_liveActions; }

    // Puts the cursor in the name field, for a double-click on a card.
    void focusName();

signals:
    void statusMessage(const QString &text, bool isError);

private:
    void rebuild();
    void scheduleRebuild();
    void addNameField(QFormLayout *form, const QString &name, const QString &nodeId);
    void showDesign(QFormLayout *form);
    void showNode(QFormLayout *form);
    void showNodes(QFormLayout *form);
    void showLink(QFormLayout *form);
    QComboBox *addGroupField(QFormLayout *form, const QString &current);
    void refresh(const core::TopologyChange &change);
    void setHeader(const QIcon &icon, const QString &title, const QString &subtitle);
    void commitName(const QString &nodeId, QLineEdit *field, QLabel *refusal);
    void commitGroup();
    void commitProperty(const QString &key, const QVariant &value);

    DesignEditor &m_editor;
    QStringList m_nodeIds;
    QStringList m_linkIds;
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_subtitle;
    QScrollArea *m_scroll;
    QPointer<QLineEdit> m_name;
    QPointer<QLabel> m_nameRefusal;
    QPointer<QComboBox> m_group;
    QPointer<QLabel> m_summary;
    QList<PropertyEditor *> m_properties;
    QWidget *m_liveBox;
    QList<QAction *> m_liveActions;
    QString m_shownGroup;
    bool m_rebuildPending = false;
};

} // namespace topolab::gui
