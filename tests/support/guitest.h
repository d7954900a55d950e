#pragma once

#include "gui/canvas/nodeitem.h"
#include "gui/canvas/topologyscene.h"
#include "gui/canvas/topologyview.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QDragEnterEvent>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <functional>

// Shared by the GUI tests: settings and autosaves go to a test folder, never the user's; mouse
// gestures are real events on the view's viewport at the points where the items are drawn.
namespace guitest {

// Each test process gets settings and an autosave folder of its own (named after its pid), so
// that tests running side by side, or a failed run before, never see each other's files; both
// are removed when the process ends.
inline void isolateSettings()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("TopolabTest"));
    QCoreApplication::setApplicationName(
        QStringLiteral("topolab-test-%1").arg(QCoreApplication::applicationPid()));
    qAddPostRoutine([] {
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
            .removeRecursively();
        QFile::remove(QSettings().fileName());
    });
}

// Where a point of the scene is drawn in the view's viewport.
inline QPoint viewportPoint(const topolab::gui::TopologyView *view, QPointF scenePos)
{
    return view->mapFromScene(scenePos);
}

inline QPoint cardCentre(const topolab::gui::TopologyView *view, const QString &nodeId)
{
    const auto *scene = static_cast<const topolab::gui::TopologyScene *>(view->scene());
    const topolab::gui::NodeItem *item = scene->nodeItem(nodeId);
    return viewportPoint(view, item->mapToScene(item->boundingRect().center()) +
                                   QPointF(0, 5)); // below the findings badge
}

inline QPoint portOf(const topolab::gui::TopologyView *view, const QString &nodeId)
{
    const auto *scene = static_cast<const topolab::gui::TopologyScene *>(view->scene());
    const topolab::gui::NodeItem *item = scene->nodeItem(nodeId);
    return viewportPoint(view, item->mapToScene(topolab::gui::NodeItem::portCenter()));
}

// Presses at `from`, moves in steps like a hand would, and releases at `to`.
inline void drag(QWidget *widget, QPoint from, QPoint to, Qt::KeyboardModifiers modifiers = {})
{
    QTest::mouseMove(widget, from);
    QTest::mousePress(widget, Qt::LeftButton, modifiers, from);
    constexpr int kSteps = 8;
    for (int i = 1; i <= kSteps; ++i)
        QTest::mouseMove(widget, from + (to - from) * i / kSteps);
    QTest::mouseRelease(widget, Qt::LeftButton, modifiers, to);
}

// Delivers what a drag and drop delivers to `target`: enter and move over `at`, then the drop.
// Returns the action the target accepted, or Qt::IgnoreAction if it refused.
inline Qt::DropAction dragAndDrop(QWidget *target, const QMimeData *data, QPoint at)
{
    const Qt::DropActions offered = Qt::CopyAction;
    QDragEnterEvent enter(at - QPoint(30, 30), offered, data, Qt::LeftButton, {});
    QApplication::sendEvent(target, &enter);
    if (!enter.isAccepted())
        return Qt::IgnoreAction;
    QDragMoveEvent move(at, offered, data, Qt::LeftButton, {});
    QApplication::sendEvent(target, &move);
    if (!move.isAccepted())
        return Qt::IgnoreAction;
    QDropEvent drop(at, offered, data, Qt::LeftButton, {});
    QApplication::sendEvent(target, &drop);
    return drop.isAccepted() ? drop.dropAction() : Qt::IgnoreAction;
}

// Answers every modal message box that appears while it lives with `button`, and records what
// they said. A timer retries, so a missing box shows up as an empty record, never as a hang.
class MessageBoxAnswerer final : public QObject {
public:
    explicit MessageBoxAnswerer(QMessageBox::StandardButton button)
        : m_button(button)
    {
        connect(&m_timer, &QTimer::timeout, this, [this] {
            for (QWidget *widget : QApplication::topLevelWidgets()) {
                auto *box = qobject_cast<QMessageBox *>(widget);
                if (!box || !box->isVisible())
                    continue;
                texts.append(box->text());
                if (seen)
                    seen();
                if (QAbstractButton *answer = box->button(m_button))
                    answer->click();
                else
                    box->reject();
            }
        });
        m_timer.start(20);
    }

    QStringList texts;
    // Called as each box is seen, before it is answered: to look at what is behind it.
    std::function<void()> seen;

private:
    QMessageBox::StandardButton m_button;
    QTimer m_timer;
};

} // namespace guitest
