#include "core/templates.h"
#include "gui/designeditor.h"
#include "gui/panels/inspectorpanel.h"
#include "gui/panels/propertyeditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QSpinBox>
#include <QTest>
#include <QUndoStack>

using namespace Qt::StringLiterals;
using namespace topolab;

class TestInspector : public QObject {
    Q_OBJECT

private:
    core::TopologyDocument m_document;
    std::unique_ptr<gui::DesignEditor> m_editor;
    std::unique_ptr<gui::InspectorPanel> m_panel;

    QVariant property(const QString &node, const QString &key) const
    {
        return m_document.topology().property(node, key);
    }

    template <typename Widget>
    Widget *input(const QString &key) const
    {
        gui::PropertyEditor *editor = m_panel->propertyEditor(key);
        return editor ? qobject_cast<Widget *>(editor->input()) : nullptr;
    }

    static void typeInto(QLineEdit *field, const QString &text)
    {
        field->setFocus();
        field->selectAll();
        QTest::keyClick(field, Qt::Key_Backspace);
        QTest::keyClicks(field, text);
        QTest::keyClick(field, Qt::Key_Return);
    }

private slots:
    void init()
    {
        m_document.reset(std::get<core::Topology>(core::Templates::load(u"foobar"_s)));
        m_editor = std::make_unique<gui::DesignEditor>(m_document);
        m_panel = std::make_unique<gui::InspectorPanel>(*m_editor);
        m_panel->resize(360, 600);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    }

    void cleanup()
    {
        m_panel.reset();
        m_editor.reset();
    }

    void balancerAlgorithmIsAComboOfTheChoices()
    {
        m_panel->setSelection({u"lb"_s}, {});
        auto *combo = input<QComboBox>(u"algorithm"_s);
        QVERIFY(combo);
        QCOMPARE(combo->currentText(), u"round-robin"_s);
        QVERIFY(combo->count() >= 4);
        const int leastConnections = combo->findText(u"least-connections"_s);
        QVERIFY(leastConnections >= 0);
        // The user picks from the list: keyboard down to the entry, as a real selection does.
        combo->setFocus();
        while (combo->currentIndex() < leastConnections)
            QTest::keyClick(combo, Qt::Key_Down);
        QCOMPARE(property(u"lb"_s, u"algorithm"_s), QVariant(u"least-connections"_s));
        m_editor->undoStack()->undo();
        QCOMPARE(property(u"lb"_s, u"algorithm"_s), QVariant(u"round-robin"_s));
        // The editor follows the model on undo.
        QCOMPARE(combo->currentText(), u"round-robin"_s);
    }

    void portsAreSpinBoxesWithTheirRange()
    {
        m_panel->setSelection({u"web-1"_s}, {});
        auto *spin = input<QSpinBox>(u"port"_s);
        QVERIFY(spin);
        QCOMPARE(spin->minimum(), 1);
        QCOMPARE(spin->maximum(), 65535);
        QCOMPARE(spin->value(), 8081);
        spin->setFocus();
        spin->selectAll();
        QTest::keyClicks(spin, u"8090"_s);
        QTest::keyClick(spin, Qt::Key_Return);
        QCOMPARE(property(u"web-1"_s, u"port"_s), QVariant(8090));
        // A digit that would take the port out of range is not accepted by the field at all.
        spin->selectAll();
        QTest::keyClicks(spin, u"99999"_s);
        QTest::keyClick(spin, Qt::Key_Return);
        QCOMPARE(spin->value(), 9999);
        QCOMPARE(property(u"web-1"_s, u"port"_s), QVariant(9999));
        QTest::keyClick(spin, Qt::Key_Up);
        QCOMPARE(property(u"web-1"_s, u"port"_s).toInt(), spin->value());
        while (m_editor->undoStack()->canUndo())
            m_editor->undoStack()->undo();
        QCOMPARE(property(u"web-1"_s, u"port"_s), QVariant(8081));
        QCOMPARE(spin->value(), 8081);
    }

    void anInvalidNameIsRefusedInlineWithItsReason()
    {
        m_panel->setSelection({u"lb"_s}, {});
        QLineEdit *name = m_panel->nameField();
        QVERIFY(name);
        typeInto(name, QString(100, u'x'));
        QCOMPARE(m_document.topology().node(u"lb"_s)->name, u"Load balancer"_s);
        QCOMPARE(m_editor->undoStack()->count(), 0);
        const QList<QLabel *> labels = m_panel->findChildren<QLabel *>();
        const bool explained = std::any_of(labels.cbegin(), labels.cend(), [](QLabel *label) {
            return label->isVisible() && label->text().contains(u"80"_s);
        });
        QVERIFY2(explained, "the refusal and its reason are shown beside the field");
        // The user's text stays to be fixed, and a valid name then goes through.
        QCOMPARE(name->text(), QString(100, u'x'));
        typeInto(name, u"Edge balancer"_s);
        QCOMPARE(m_document.topology().node(u"lb"_s)->name, u"Edge balancer"_s);
        QCOMPARE(m_editor->undoStack()->count(), 1);
    }

    void aRefusedChoiceSnapsBackAndSaysWhy()
    {
        m_panel->setSelection({u"db-replica"_s}, {});
        auto *role = input<QComboBox>(u"role"_s);
        QVERIFY(role);
        role->setFocus();
        QTest::keyClick(role, Qt::Key_Up); // replica → primary breaks the replication link
        QCOMPARE(property(u"db-replica"_s, u"role"_s), QVariant(u"replica"_s));
        QCOMPARE(role->currentText(), u"replica"_s);
        QVERIFY2(m_panel->propertyEditor(u"role"_s)->refusal().contains(u"link"_s),
                 qPrintable(m_panel->propertyEditor(u"role"_s)->refusal()));
    }

    void textPropertiesAreCheckedAsYouType()
    {
        m_panel->setSelection({u"dns"_s}, {});
        auto *hostname = input<QLineEdit>(u"hostname"_s);
        QVERIFY(hostname);
        hostname->setFocus();
        hostname->selectAll();
        QTest::keyClicks(hostname, u"not a host!"_s);
        QVERIFY(!m_panel->propertyEditor(u"hostname"_s)->refusal().isEmpty());
        QTest::keyClick(hostname, Qt::Key_Return);
        QCOMPARE(property(u"dns"_s, u"hostname"_s), QVariant(u"www.foobar.com"_s));
        typeInto(hostname, u"shop.example.org"_s);
        QVERIFY(m_panel->propertyEditor(u"hostname"_s)->refusal().isEmpty());
        QCOMPARE(property(u"dns"_s, u"hostname"_s), QVariant(u"shop.example.org"_s));
    }

    void serverFieldGroupsSeveralNodes()
    {
        m_panel->setSelection({u"lb"_s, u"dns"_s}, {});
        QComboBox *group = m_panel->groupField();
        QVERIFY(group);
        group->setFocus();
        group->lineEdit()->selectAll();
        QTest::keyClicks(group->lineEdit(), u"Edge"_s);
        QTest::keyClick(group->lineEdit(), Qt::Key_Return);
        QCOMPARE(m_document.topology().node(u"lb"_s)->group, u"Edge"_s);
        QCOMPARE(m_document.topology().node(u"dns"_s)->group, u"Edge"_s);
        m_editor->undoStack()->undo();
        QVERIFY(m_document.topology().node(u"lb"_s)->group.isEmpty());
    }

    void anUnchangedServerFieldChangesNothing()
    {
        // web-1 is on Server 1, lb on no server: the field shows nothing, and pressing Enter in
        // it must not take web-1 off its server.
        m_panel->setSelection({u"web-1"_s, u"lb"_s}, {});
        QComboBox *group = m_panel->groupField();
        QCOMPARE(group->currentText(), QString());
        group->setFocus();
        QTest::keyClick(group->lineEdit(), Qt::Key_Return);
        QCOMPARE(m_document.topology().node(u"web-1"_s)->group, u"Server 1"_s);
        QCOMPARE(m_editor->undoStack()->count(), 0);
    }

    void aLateSignalFromAnOldFormRenamesNothing()
    {
        m_panel->setSelection({u"lb"_s}, {});
        QPointer<QLineEdit> old = m_panel->nameField();
        old->setText(u"Renamed late"_s);
        m_panel->setSelection({u"web-1"_s, u"web-2"_s}, {});
        QVERIFY(old); // deleted later, not now
        emit old->editingFinished();
        // It can only ever rename its own node, never the design or the new selection.
        QCOMPARE(m_document.topology().name(), u"www.foobar.com"_s);
        QCOMPARE(m_document.topology().node(u"web-1"_s)->name, u"Web server 1"_s);
    }

    void nothingSelectedEditsTheDesignName()
    {
        m_panel->setSelection({}, {});
        QLineEdit *name = m_panel->nameField();
        QVERIFY(name);
        QCOMPARE(name->text(), u"www.foobar.com"_s);
        typeInto(name, u"shop.example"_s);
        QCOMPARE(m_document.topology().name(), u"shop.example"_s);
    }

    void followsDeletionOfTheShownNode()
    {
        m_panel->setSelection({u"web-2"_s}, {});
        QVERIFY(m_editor->deleteItems({u"web-2"_s}, {}));
        QCoreApplication::processEvents();
        // Back to the design overview, with no editor left pointing at the vanished node.
        QVERIFY(!m_panel->propertyEditor(u"port"_s));
        m_editor->undoStack()->undo();
        QVERIFY(m_document.topology().node(u"web-2"_s));
    }
};

QTEST_MAIN(TestInspector)
#include "tst_inspector.moc"
