#include "inspectorpanel.h"

#include "core/kindcatalog.h"
#include "gui/designeditor.h"
#include "gui/style/kindstyle.h"
#include "propertyeditor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollArea>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using namespace topolab::core;

namespace topolab::gui {

InspectorPanel::InspectorPanel(DesignEditor &editor, QWidget *parent)
    : QWidget(parent)
    , m_editor(editor)
    , m_icon(new QLabel(this))
    , m_title(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_scroll(new QScrollArea(this))
    , m_liveBox(new QWidget(this))
{
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_title->setObjectName(u"inspectorTitle"_s);
    m_subtitle->setWordWrap(true);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    // Long labels wrap above their field rather than pushing the form wider than the dock.
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *header = new QHBoxLayout;
    header->addWidget(m_icon, 0, Qt::AlignTop);
    auto *titles = new QVBoxLayout;
    titles->setSpacing(0);
    titles->addWidget(m_title);
    titles->addWidget(m_subtitle);
    header->addLayout(titles, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 4);
    layout->addLayout(header);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(m_liveBox);
    m_liveBox->hide();

    connect(&m_editor.document(), &TopologyDocument::changed, this, &InspectorPanel::refresh);
    rebuild();
}

void InspectorPanel::setSelection(const QStringList &nodeIds, const QStringList &linkIds)
{
    if (nodeIds == m_nodeIds && linkIds == m_linkIds)
        return;
    m_nodeIds = nodeIds;
    m_linkIds = linkIds;
    rebuild();
}

void InspectorPanel::setLiveActions(const QList<QAction *> &actions, const QString &state)
{
    qDeleteAll(m_liveBox->findChildren<QWidget *>(Qt::FindDirectChildrenOnly));
    delete m_liveBox->layout();
    qDeleteAll(m_liveActions);
    m_liveActions = actions;
    for (QAction *action : actions)
        action->setParent(this);
    m_liveBox->setVisible(!actions.isEmpty());
    if (actions.isEmpty())
        return;
    auto *layout = new QGridLayout(m_liveBox);
    layout->setContentsMargins(0, 6, 0, 0);
    auto *heading = new QLabel(tr("<b>Running</b> — %1").arg(state.toHtmlEscaped()), m_liveBox);
    heading->setObjectName(u"liveState"_s);
    heading->setWordWrap(true);
    layout->addWidget(heading, 0, 0, 1, 2);
    for (int i = 0; i < actions.size(); ++i) {
        auto *button = new QToolButton(m_liveBox);
        button->setDefaultAction(actions.at(i));
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        if (actions.at(i)->menu())
            button->setPopupMode(QToolButton::InstantPopup);
        layout->addWidget(button, 1 + i / 2, i % 2);
    }
}

PropertyEditor *InspectorPanel::propertyEditor(const QString &key) const
{
    for (PropertyEditor *editor : m_properties) {
        if (editor->key() == key)
            return editor;
    }
    return nullptr;
}

void InspectorPanel::focusName()
{
    if (m_name) {
        m_name->setFocus();
        m_name->selectAll();
    }
}

void InspectorPanel::setHeader(const QIcon &icon, const QString &title, const QString &subtitle)
{
    const int size = fontMetrics().height() * 2;
    m_icon->setPixmap(icon.isNull() ? QPixmap()
                                    : icon.pixmap(QSize(size, size), devicePixelRatioF()));
    m_icon->setVisible(!icon.isNull());
    m_title->setText(title);
    m_subtitle->setText(subtitle);
}

void InspectorPanel::scheduleRebuild()
{
    // Dragging ten selected cards changes ten nodes per mouse move; build the form once.
    if (m_rebuildPending)
        return;
    m_rebuildPending = true;
    QTimer::singleShot(0, this, [this] {
        if (m_rebuildPending)
            rebuild();
    });
}

void InspectorPanel::rebuild()
{
    m_rebuildPending = false;
    m_properties.clear();
    // The fields of the previous form outlive this call (deleteLater); nothing may reach them.
    m_name = nullptr;
    m_nameRefusal = nullptr;
    m_group = nullptr;
    m_summary = nullptr;
    auto *content = new QWidget;
    auto *form = new QFormLayout(content);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    const Topology &topology = m_editor.topology();
    m_nodeIds.removeIf([&](const QString &id) { return !topology.node(id); });
    m_linkIds.removeIf([&](const QString &id) { return !topology.link(id); });
    if (m_nodeIds.size() == 1 && m_linkIds.isEmpty())
        showNode(form);
    else if (m_nodeIds.size() > 1)
        showNodes(form);
    else if (m_linkIds.size() == 1)
        showLink(form);
    else
        showDesign(form);
    // The old form may be the sender of the edit that led here; it must outlive this call.
    if (QWidget *old = m_scroll->takeWidget())
        old->deleteLater();
    m_scroll->setWidget(content);
}

void InspectorPanel::showDesign(QFormLayout *form)
{
    const Topology &topology = m_editor.topology();
    setHeader(QIcon(u":/icons/topolab.svg"_s), tr("Design"),
              tr("Select a node or a link to edit it."));
    addNameField(form, topology.name(), {});
    m_name->setObjectName(u"designName"_s);
    m_summary = new QLabel;
    m_summary->setWordWrap(true);
    form->addRow(tr("Contains:"), m_summary);
    auto *hint = new QLabel(tr("Drag components from the palette onto the canvas, then drag from "
                               "the dot on a card's right edge to another card to link them."));
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(hint);
    refresh({TopologyChange::Type::NameChanged, {}});
}

void InspectorPanel::showNode(QFormLayout *form)
{
    const Node &node = *m_editor.topology().node(m_nodeIds.first());
    setHeader(kindIcon(node.kind), node.name,
              tr("%1 · id %2").arg(kindDisplayName(node.kind), node.id));
    addNameField(form, node.name, node.id);
    m_name->setObjectName(u"nodeName"_s);
    addGroupField(form, node.group);
    for (const PropertySpec &spec : KindCatalog::properties(node.kind)) {
        auto *editor = new PropertyEditor(spec);
        editor->setValue(m_editor.topology().property(node.id, spec.key()));
        form->addRow(spec.type() == PropertySpec::Type::Boolean ? QString() : spec.label() + u':',
                     editor);
        connect(editor, &PropertyEditor::edited, this, &InspectorPanel::commitProperty);
        m_properties.append(editor);
    }
}

void InspectorPanel::addNameField(QFormLayout *form, const QString &name, const QString &nodeId)
{
    m_name = new QLineEdit(name);
    m_nameRefusal = new QLabel;
    m_nameRefusal->setWordWrap(true);
    m_nameRefusal->setStyleSheet(u"color: #dc2626;"_s);
    m_nameRefusal->hide();
    form->addRow(tr("Name:"), m_name);
    form->addRow(QString(), m_nameRefusal);
    // Bound to its node (or, with no id, to the design), so a late signal from a field of an
    // earlier form can never rename something else.
    QLineEdit *field = m_name;
    QLabel *refusal = m_nameRefusal;
    connect(field, &QLineEdit::editingFinished, this,
            [this, field, refusal, nodeId] { commitName(nodeId, field, refusal); });
}

void InspectorPanel::showNodes(QFormLayout *form)
{
    setHeader(actionIcon(u"select-all"_s),
              tr("%n node(s) selected", nullptr, static_cast<int>(m_nodeIds.size())),
              tr("Put them on one server, or drag them together on the canvas."));
    QString common = m_editor.topology().node(m_nodeIds.first())->group;
    for (const QString &id : std::as_const(m_nodeIds)) {
        if (m_editor.topology().node(id)->group != common)
            common.clear();
    }
    addGroupField(form, common);
}

void InspectorPanel::showLink(QFormLayout *form)
{
    const Topology &topology = m_editor.topology();
    const Link &link = *topology.link(m_linkIds.first());
    const Node &from = *topology.node(link.from);
    const Node &to = *topology.node(link.to);
    setHeader(actionIcon(u"arrange"_s), tr("Link"), tr("id %1").arg(link.id));
    form->addRow(tr("From:"), new QLabel(tr("%1 (%2)").arg(from.name, kindDisplayName(from.kind))));
    form->addRow(tr("To:"), new QLabel(tr("%1 (%2)").arg(to.name, kindDisplayName(to.kind))));
    const bool replication = from.kind == NodeKind::Database && to.kind == NodeKind::Database;
    auto *meaning =
        new QLabel(replication ? tr("%1 replicates its data to %2.").arg(from.name, to.name)
                               : tr("%1 sends requests to %2.").arg(from.name, to.name));
    meaning->setWordWrap(true);
    form->addRow(meaning);
}

QComboBox *InspectorPanel::addGroupField(QFormLayout *form, const QString &current)
{
    m_group = new QComboBox;
    m_group->setObjectName(u"nodeGroup"_s);
    m_group->setEditable(true);
    m_group->addItem(QString());
    m_group->addItems(m_editor.groupNames());
    m_group->addItem(m_editor.unusedGroupName());
    m_group->setCurrentText(current);
    m_shownGroup = current;
    m_group->lineEdit()->setPlaceholderText(tr("not on a server"));
    m_group->setToolTip(tr("Nodes on the same server are drawn in one frame and share its ports."));
    form->addRow(tr("Server:"), m_group);
    connect(m_group, &QComboBox::activated, this, &InspectorPanel::commitGroup);
    connect(m_group->lineEdit(), &QLineEdit::editingFinished, this, &InspectorPanel::commitGroup);
    return m_group;
}

void InspectorPanel::refresh(const TopologyChange &change)
{
    using Type = TopologyChange::Type;
    const Topology &topology = m_editor.topology();
    switch (change.type) {
    case Type::Reset:
    case Type::NodeRemoved:
    case Type::LinkRemoved:
        if (change.type == Type::Reset || m_nodeIds.contains(change.id) ||
            m_linkIds.contains(change.id))
            rebuild();
        else if (m_summary)
            refresh({Type::NameChanged, {}});
        return;
    case Type::NodeAdded:
    case Type::LinkAdded:
    case Type::NameChanged:
        if (m_summary) {
            m_summary->setText(
                tr("%n node(s)", nullptr, static_cast<int>(topology.nodes().size())) + u", "_s +
                tr("%n link(s)", nullptr, static_cast<int>(topology.links().size())));
            if (m_name && m_name->text() != topology.name())
                m_name->setText(topology.name());
        }
        return;
    case Type::NodeChanged:
        break;
    case Type::NodeAboutToBeRemoved:
    case Type::LinkAboutToBeRemoved:
        return;
    }
    if (!m_nodeIds.contains(change.id))
        return;
    if (m_nodeIds.size() > 1) {
        scheduleRebuild();
        return;
    }
    const Node &node = *topology.node(change.id);
    setHeader(kindIcon(node.kind), node.name,
              tr("%1 · id %2").arg(kindDisplayName(node.kind), node.id));
    if (m_name && !m_name->hasFocus())
        m_name->setText(node.name);
    if (m_group && !m_group->lineEdit()->hasFocus()) {
        m_group->setCurrentText(node.group);
        m_shownGroup = node.group;
    }
    for (PropertyEditor *editor : std::as_const(m_properties))
        editor->setValue(topology.property(node.id, editor->key()));
}

void InspectorPanel::commitName(const QString &nodeId, QLineEdit *field, QLabel *refusal)
{
    const QString name = field->text().trimmed();
    const Outcome done =
        nodeId.isEmpty() ? m_editor.renameDesign(name) : m_editor.renameNode(nodeId, name);
    refusal->setText(done ? QString() : done.reason());
    refusal->setVisible(!done);
    field->setStyleSheet(done ? QString() : u"border: 1px solid #dc2626;"_s);
}

void InspectorPanel::commitGroup()
{
    if (!m_group || m_nodeIds.isEmpty())
        return;
    const QString group = m_group->currentText().trimmed();
    // Leaving the field unchanged changes nothing; above all, the empty field of a selection on
    // several servers must not take every node off its server.
    if (group == m_shownGroup)
        return;
    if (Outcome done = m_editor.setGroup(m_nodeIds, group); !done) {
        emit statusMessage(done.reason(), true);
        return;
    }
    m_shownGroup = group;
}

void InspectorPanel::commitProperty(const QString &key, const QVariant &value)
{
    if (m_nodeIds.size() != 1)
        return;
    PropertyEditor *editor = propertyEditor(key);
    const Outcome done = m_editor.setProperty(m_nodeIds.first(), key, value);
    if (!editor)
        return;
    editor->showRefusal(done ? QString() : done.reason());
    // A refused choice or number snaps back to the model's value; refused text stays to be fixed.
    if (!done && !qobject_cast<QLineEdit *>(editor->input()))
        editor->setValue(m_editor.topology().property(m_nodeIds.first(), key));
}

} // namespace topolab::gui
