#include "core/templates.h"
#include "gui/designeditor.h"

#include <QTest>
#include <QUndoStack>

using namespace Qt::StringLiterals;
using namespace topolab;
using core::NodeKind;
using core::Outcome;
using core::Topology;

// Every edit of the designer is an undo command: done, undone and redone, the design must be
// exactly what it was at each step, down to the order of nodes and links in the file.
class TestDesignEditor : public QObject {
    Q_OBJECT

private:
    core::TopologyDocument m_document;
    std::unique_ptr<gui::DesignEditor> m_editor;

    const Topology &topology() const { return m_document.topology(); }

    // Runs `edit`, then checks undo and redo against the designs before and after it.
    void checkRoundTrip(const std::function<Outcome()> &edit, int expectedCommands = 1)
    {
        QUndoStack *stack = m_editor->undoStack();
        const Topology before = topology();
        const int commands = stack->count();
        const Outcome done = edit();
        QVERIFY2(done, qPrintable(done.reason()));
        const Topology after = topology();
        QVERIFY(after != before);
        QCOMPARE(stack->count(), commands + expectedCommands);
        for (int i = 0; i < expectedCommands; ++i)
            stack->undo();
        QCOMPARE(topology(), before);
        for (int i = 0; i < expectedCommands; ++i)
            stack->redo();
        QCOMPARE(topology(), after);
    }

private slots:
    void init()
    {
        m_document.reset(std::get<Topology>(core::Templates::load(u"foobar"_s)));
        m_editor = std::make_unique<gui::DesignEditor>(m_document);
    }

    void addNode()
    {
        QString id;
        checkRoundTrip([&] { return m_editor->addNode(NodeKind::Firewall, {13, 27}, &id); });
        QCOMPARE(topology().node(id)->position, QPointF(20, 20));
        QCOMPARE(topology().node(id)->name, u"Firewall"_s);
        // A second one gets a name of its own.
        QVERIFY(m_editor->addNode(NodeKind::Firewall, {0, 0}, &id));
        QCOMPARE(topology().node(id)->name, u"Firewall 2"_s);
    }

    void connectNodes()
    {
        QVERIFY(m_editor->addNode(NodeKind::Monitoring, {0, 0}));
        QVERIFY(m_editor->addNode(NodeKind::Firewall, {0, 0}));
        checkRoundTrip([&] { return m_editor->connectNodes(u"fw-1"_s, u"lb"_s); });
        QCOMPARE(m_editor->undoStack()->undoText(), u"Link Firewall to Load balancer"_s);
    }

    void refusedEditsNeverReachTheHistory()
    {
        QUndoStack *stack = m_editor->undoStack();
        const Topology before = topology();
        QVERIFY(!m_editor->connectNodes(u"db-replica"_s, u"dns"_s));
        QVERIFY(!m_editor->connectNodes(u"lb"_s, u"web-1"_s)); // already linked
        QVERIFY(!m_editor->connectNodes(u"lb"_s, u"lb"_s));
        QVERIFY(!m_editor->renameNode(u"lb"_s, {}));
        QVERIFY(!m_editor->setProperty(u"lb"_s, u"algorithm"_s, u"fastest"_s));
        QVERIFY(!m_editor->setProperty(u"web-1"_s, u"port"_s, 70000));
        // The replica's incoming replication link would break: refused with the reason.
        const Outcome role = m_editor->setProperty(u"db-replica"_s, u"role"_s, u"primary"_s);
        QVERIFY(!role);
        QVERIFY2(role.reason().contains(u"link"_s), qPrintable(role.reason()));
        QVERIFY(!m_editor->setGroup({u"lb"_s}, QString(200, u'x')));
        QVERIFY(!m_editor->deleteItems({}, {}));
        QVERIFY(!m_editor->moveNodes({{u"lb"_s, {1e9, 0}}}, 0));
        QCOMPARE(stack->count(), 0);
        QCOMPARE(topology(), before);
    }

    void deleteNodeRestoresItAndItsLinksInPlace()
    {
        checkRoundTrip([&] { return m_editor->deleteItems({u"web-1"_s}, {}); });
        QVERIFY(!topology().node(u"web-1"_s));
        QCOMPARE(m_editor->undoStack()->undoText(), u"Delete Web server 1"_s);
    }

    void deleteSeveralNodesAndLinks()
    {
        checkRoundTrip([&] {
            return m_editor->deleteItems({u"app-2"_s, u"dns"_s, u"code-1"_s},
                                         {u"link-2"_s, u"link-1"_s});
        });
    }

    void dragStepsMergeIntoOneMove()
    {
        const Topology before = topology();
        const int drag = m_editor->beginDrag();
        for (int step = 1; step <= 5; ++step) {
            QVERIFY(m_editor->moveNodes(
                {{u"lb"_s, {440.0 + 20 * step, 140}}, {u"dns"_s, {440.0 + 20 * step, 0}}}, drag));
        }
        QCOMPARE(m_editor->undoStack()->count(), 1);
        QCOMPARE(topology().node(u"lb"_s)->position, QPointF(540, 140));
        m_editor->undoStack()->undo();
        QCOMPARE(topology(), before);
        // A new drag is a new step in the history.
        QVERIFY(m_editor->moveNodes({{u"lb"_s, {0, 0}}}, m_editor->beginDrag()));
        QVERIFY(m_editor->moveNodes({{u"lb"_s, {20, 0}}}, m_editor->beginDrag()));
        QCOMPARE(m_editor->undoStack()->count(), 2);
    }

    void setPropertyAndMergeSteps()
    {
        checkRoundTrip(
            [&] { return m_editor->setProperty(u"lb"_s, u"algorithm"_s, u"least-connections"_s); });
        QCOMPARE(topology().property(u"lb"_s, u"algorithm"_s), QVariant(u"least-connections"_s));
        // Spin box steps on one property undo together.
        const QVariant port = topology().property(u"web-1"_s, u"port"_s);
        const int commands = m_editor->undoStack()->count();
        for (int p = 9000; p < 9005; ++p)
            QVERIFY(m_editor->setProperty(u"web-1"_s, u"port"_s, p));
        QCOMPARE(m_editor->undoStack()->count(), commands + 1);
        m_editor->undoStack()->undo();
        QCOMPARE(topology().property(u"web-1"_s, u"port"_s), port);
    }

    void renameNodeAndDesign()
    {
        checkRoundTrip([&] { return m_editor->renameNode(u"lb"_s, u"HAProxy 1"_s); });
        checkRoundTrip([&] { return m_editor->renameDesign(u"shop.example"_s); });
        QCOMPARE(topology().name(), u"shop.example"_s);
    }

    void groupAndUngroup()
    {
        checkRoundTrip([&] { return m_editor->setGroup({u"lb"_s, u"dns"_s}, u"Edge"_s); });
        checkRoundTrip([&] { return m_editor->setGroup({u"web-1"_s}, {}); });
        QCOMPARE(m_editor->unusedGroupName(), u"Server 3"_s);
    }

    void pasteAddsNodesAndTheirLinks()
    {
        Topology piece;
        QVERIFY(piece.addNode(*topology().node(u"web-1"_s)));
        QVERIFY(piece.addNode(*topology().node(u"app-1"_s)));
        QVERIFY(piece.addLink({u"l"_s, u"web-1"_s, u"app-1"_s}));
        QStringList ids;
        checkRoundTrip([&] { return m_editor->insertFragment(piece, {40, 40}, &ids); });
        QCOMPARE(ids.size(), 2);
        QCOMPARE(topology().links().last().from, ids.first());
        QVERIFY(!m_editor->insertFragment(Topology(), {0, 0}));
    }

    void aDropOnAServerMergesIntoTheMove()
    {
        const Topology before = topology();
        const int drag = m_editor->beginDrag();
        QVERIFY(m_editor->moveNodes({{u"lb"_s, {100, 400}}}, drag));
        QVERIFY(m_editor->moveNodes({{u"lb"_s, {120, 420}}}, drag, u"Server 1"_s));
        QCOMPARE(m_editor->undoStack()->count(), 1);
        QCOMPARE(topology().node(u"lb"_s)->group, u"Server 1"_s);
        m_editor->undoStack()->undo();
        QCOMPARE(topology(), before);
        m_editor->undoStack()->redo();
        QCOMPARE(topology().node(u"lb"_s)->group, u"Server 1"_s);
        QCOMPARE(topology().node(u"lb"_s)->position, QPointF(120, 420));
    }

    void arrangeIsOneUndoableStep()
    {
        checkRoundTrip([&] { return m_editor->arrange(); });
        // Arranging an arranged design changes nothing and adds nothing to undo.
        const int commands = m_editor->undoStack()->count();
        QVERIFY(!m_editor->arrange());
        QCOMPARE(m_editor->undoStack()->count(), commands);
    }

    void openingADesignStartsAFreshHistory()
    {
        QVERIFY(m_editor->addNode(NodeKind::Firewall, {0, 0}));
        m_document.reset(Topology());
        QCOMPARE(m_editor->undoStack()->count(), 0);
    }
};

QTEST_MAIN(TestDesignEditor)
#include "tst_designeditor.moc"
