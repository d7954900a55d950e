#include "editactions.h"

#include "actionregistry.h"
#include "canvas/topologyscene.h"
#include "core/topologydocument.h"
#include "core/topologyfile.h"
#include "core/topologyfragment.h"
#include "designeditor.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QGraphicsItem>
#include <QMenu>
#include <QMimeData>
#include <algorithm>

using namespace Qt::StringLiterals;
using namespace topolab::core;

namespace topolab::gui {

namespace {

const QString kFragmentMime = u"application/x-topolab-design+json"_s;

} // namespace

EditActions::EditActions(DesignEditor &editor, TopologyScene &scene, ActionRegistry &actions,
                         QMenu *menu, QWidget *canvas)
    : QObject(&actions)
    , m_editor(editor)
    , m_scene(scene)
    , m_actions(actions)
{
    const auto add = [&](const QString &id, const QString &icon, const QString &text,
                         const QKeySequence &shortcut, void (EditActions::*slot)()) {
        QAction *action = actions.add(id, menu, icon, text, shortcut);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    QAction *cut =
        add(u"cut"_s, u"cut"_s, tr("Cu&t"), QKeySequence::Cut, &EditActions::cutSelection);
    QAction *copy =
        add(u"copy"_s, u"copy"_s, tr("&Copy"), QKeySequence::Copy, &EditActions::copySelection);
    QAction *paste =
        add(u"paste"_s, u"paste"_s, tr("&Paste"), QKeySequence::Paste, &EditActions::paste);
    QAction *duplicate = add(u"duplicate"_s, {}, tr("D&uplicate"), Qt::CTRL | Qt::Key_D,
                             &EditActions::duplicateSelection);
    QAction *remove = add(u"delete"_s, u"delete"_s, tr("&Delete"), QKeySequence::Delete,
                          &EditActions::deleteSelection);
    remove->setShortcuts({QKeySequence::Delete, Qt::Key_Backspace});
    QAction *all = add(u"selectAll"_s, u"select-all"_s, tr("Select &all"), QKeySequence::SelectAll,
                       &EditActions::selectAll);
    menu->addSeparator();
    add(u"group"_s, u"group"_s, tr("Put on a &new server"), Qt::CTRL | Qt::Key_G,
        &EditActions::putSelectionOnNewServer);
    add(u"ungroup"_s, {}, tr("Take &off the server"), Qt::CTRL | Qt::SHIFT | Qt::Key_G,
        &EditActions::takeSelectionOffServer);
    // Shortcuts of the canvas must not fire while the user types in a panel's field.
    for (QAction *action : {cut, copy, paste, duplicate, remove, all}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        canvas->addAction(action);
    }
    connect(QApplication::clipboard(), &QClipboard::dataChanged, this, &EditActions::updateEnabled);
}

void EditActions::updateEnabled()
{
    const QStringList nodes = m_scene.selectedNodeIds();
    const QStringList links = m_scene.selectedLinkIds();
    // While a cluster runs the structure is locked: what would be refused is not offered.
    const bool editable = !m_editor.isStructureLocked();
    m_actions.action(u"copy"_s)->setEnabled(!nodes.isEmpty());
    for (const QString &id : {u"cut"_s, u"duplicate"_s, u"group"_s})
        m_actions.action(id)->setEnabled(editable && !nodes.isEmpty());
    m_actions.action(u"delete"_s)->setEnabled(editable && (!nodes.isEmpty() || !links.isEmpty()));
    const Topology &topology = m_editor.document().topology();
    m_actions.action(u"ungroup"_s)
        ->setEnabled(editable && std::any_of(nodes.cbegin(), nodes.cend(), [&](const QString &id) {
                         return !topology.node(id)->group.isEmpty();
                     }));
    const QMimeData *clipboard = QApplication::clipboard()->mimeData();
    m_actions.action(u"paste"_s)
        ->setEnabled(editable && clipboard && clipboard->hasFormat(kFragmentMime));
}

void EditActions::copySelection()
{
    const QStringList nodes = m_scene.selectedNodeIds();
    if (nodes.isEmpty())
        return;
    const QByteArray json =
        TopologyFile::serialize(TopologyFragment::extract(m_editor.document().topology(), nodes));
    auto *clip = new QMimeData;
    clip->setData(kFragmentMime, json);
    clip->setText(QString::fromUtf8(json));
    QApplication::clipboard()->setMimeData(clip);
    m_pasteCount = 0;
    emit statusMessage(tr("Copied %n node(s).", nullptr, static_cast<int>(nodes.size())), false);
}

void EditActions::cutSelection()
{
    copySelection();
    // The pasted copy of a cut lands where the original was.
    m_pasteCount = -1;
    deleteSelection();
}

void EditActions::paste()
{
    const QMimeData *clip = QApplication::clipboard()->mimeData();
    if (!clip || !clip->hasFormat(kFragmentMime)) {
        emit statusMessage(tr("The clipboard holds no Topolab nodes to paste."), true);
        return;
    }
    TopologyFile::LoadResult parsed =
        TopologyFile::parse(clip->data(kFragmentMime), tr("the clipboard"));
    if (auto *error = std::get_if<FileError>(&parsed)) {
        emit statusMessage(tr("Cannot paste: %1").arg(error->message()), true);
        return;
    }
    ++m_pasteCount;
    const qreal step = DesignEditor::kGrid * 2 * m_pasteCount;
    QStringList ids;
    if (Outcome done = m_editor.insertFragment(std::get<Topology>(parsed), {step, step}, &ids);
        !done) {
        emit statusMessage(done.reason(), true);
        return;
    }
    m_scene.selectNodes(ids);
    emit statusMessage(tr("Pasted %n node(s).", nullptr, static_cast<int>(ids.size())), false);
}

void EditActions::duplicateSelection()
{
    const QStringList nodes = m_scene.selectedNodeIds();
    if (nodes.isEmpty())
        return;
    QStringList ids;
    const qreal step = DesignEditor::kGrid * 2;
    const Topology fragment = TopologyFragment::extract(m_editor.document().topology(), nodes);
    if (Outcome done = m_editor.insertFragment(fragment, {step, step}, &ids); !done) {
        emit statusMessage(done.reason(), true);
        return;
    }
    m_scene.selectNodes(ids);
}

void EditActions::deleteSelection()
{
    if (Outcome done = m_editor.deleteItems(m_scene.selectedNodeIds(), m_scene.selectedLinkIds());
        !done)
        emit statusMessage(done.reason(), true);
}

void EditActions::selectAll()
{
    for (QGraphicsItem *item : m_scene.items()) {
        if (item->flags() & QGraphicsItem::ItemIsSelectable)
            item->setSelected(true);
    }
}

void EditActions::putSelectionOnNewServer()
{
    const QString group = m_editor.unusedGroupName();
    if (Outcome done = m_editor.setGroup(m_scene.selectedNodeIds(), group); !done)
        emit statusMessage(done.reason(), true);
    else
        emit statusMessage(tr("Put the selection on %1; rename it in the inspector.").arg(group),
                           false);
}

void EditActions::takeSelectionOffServer()
{
    if (Outcome done = m_editor.setGroup(m_scene.selectedNodeIds(), {}); !done)
        emit statusMessage(done.reason(), true);
}

} // namespace topolab::gui
