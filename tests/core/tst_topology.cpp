#include "core/topology.h"
#include "topologybuilder.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace topolab::core;

class TestTopology : public QObject {
    Q_OBJECT

private slots:
    void addNodeFillsDefaults()
    {
        Topology topology;
        QVERIFY(topology.addNode(
            {u"lb"_s, NodeKind::LoadBalancer, u"Balancer"_s, {10, 20}, {}, {{u"port"_s, 9090}}}));
        const Node *lb = topology.node(u"lb"_s);
        QVERIFY(lb);
        QCOMPARE(lb->properties.value(u"port"_s), QVariant(9090));
        QCOMPARE(lb->properties.value(u"algorithm"_s), QVariant(u"round-robin"_s));
        QCOMPARE(lb->position, QPointF(10, 20));
        QCOMPARE(topology.property(u"lb"_s, u"https"_s), QVariant(false));
        QVERIFY(!topology.property(u"nope"_s, u"port"_s).isValid());
    }

    void invalidNodesAreRefusedWithAReason_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QPointF>("position");
        QTest::addColumn<QVariantMap>("properties");
        QTest::addColumn<QString>("reason");

        QTest::newRow("taken id") << u"web-1"_s << u"x"_s << QPointF() << QVariantMap()
                                  << u"already taken"_s;
        QTest::newRow("empty id") << QString() << u"x"_s << QPointF() << QVariantMap()
                                  << u"not a valid id"_s;
        QTest::newRow("id with space")
            << u"web 2"_s << u"x"_s << QPointF() << QVariantMap() << u"not a valid id"_s;
        QTest::newRow("id too long")
            << QString(65, u'a') << u"x"_s << QPointF() << QVariantMap() << u"not a valid id"_s;
        QTest::newRow("blank name")
            << u"web-2"_s << u"  "_s << QPointF() << QVariantMap() << u"must not be empty"_s;
        QTest::newRow("long name")
            << u"web-2"_s << QString(81, u'n') << QPointF() << QVariantMap() << u"too long"_s;
        QTest::newRow("control char")
            << u"web-2"_s << u"a\u0007b"_s << QPointF() << QVariantMap() << u"control characters"_s;
        QTest::newRow("far away") << u"web-2"_s << u"x"_s << QPointF(1e9, 0) << QVariantMap()
                                  << u"position"_s;
        QTest::newRow("nan position")
            << u"web-2"_s << u"x"_s << QPointF(qQNaN(), 0) << QVariantMap() << u"position"_s;
        QTest::newRow("unknown property")
            << u"web-2"_s << u"x"_s << QPointF() << QVariantMap{{u"colour"_s, 1}}
            << u"no property \"colour\""_s;
        QTest::newRow("bad weight")
            << u"web-2"_s << u"x"_s << QPointF() << QVariantMap{{u"weight"_s, 0}}
            << u"\"weight\" must be a whole number from 1 to 100"_s;
    }

    void invalidNodesAreRefusedWithAReason()
    {
        QFETCH(QString, id);
        QFETCH(QString, name);
        QFETCH(QPointF, position);
        QFETCH(QVariantMap, properties);
        QFETCH(QString, reason);

        Topology topology = TopologyBuilder().node(u"web-1"_s, NodeKind::WebServer).build();
        const Topology before = topology;
        const Outcome added =
            topology.addNode({id, NodeKind::WebServer, name, position, {}, properties});
        QVERIFY(!added);
        QVERIFY2(added.reason().contains(reason), qPrintable(added.reason()));
        QCOMPARE(topology, before);
    }

    void removeNodeTakesItsLinks()
    {
        Topology topology = TopologyBuilder()
                                .node(u"lb"_s, NodeKind::LoadBalancer)
                                .node(u"web-1"_s, NodeKind::WebServer)
                                .node(u"web-2"_s, NodeKind::WebServer, {{u"port"_s, 8082}})
                                .link(u"lb"_s, u"web-1"_s)
                                .link(u"lb"_s, u"web-2"_s)
                                .build();
        QCOMPARE(topology.links().size(), 2);
        QVERIFY(topology.removeNode(u"web-1"_s));
        QCOMPARE(topology.nodes().size(), 2);
        QCOMPARE(topology.links().size(), 1);
        QCOMPARE(topology.links().first().to, u"web-2"_s);
        QVERIFY(!topology.removeNode(u"web-1"_s));
    }

    void linksAreCheckedAgainstTheModel()
    {
        Topology topology = TopologyBuilder()
                                .node(u"lb"_s, NodeKind::LoadBalancer)
                                .node(u"web-1"_s, NodeKind::WebServer)
                                .build();
        const Outcome missing = topology.addLink({u"l1"_s, u"lb"_s, u"web-9"_s});
        QVERIFY(!missing);
        QVERIFY2(missing.reason().contains(u"\"web-9\", but there is no such node"_s),
                 qPrintable(missing.reason()));
        const Outcome backwards = topology.addLink({u"l1"_s, u"web-1"_s, u"lb"_s});
        QVERIFY(!backwards);
        QVERIFY(backwards.reason().contains(u"wrong way"_s));
        QVERIFY(topology.addLink({u"l1"_s, u"lb"_s, u"web-1"_s}));
        const Outcome sameId = topology.addLink({u"l1"_s, u"lb"_s, u"web-1"_s});
        QVERIFY(!sameId);
        QVERIFY(sameId.reason().contains(u"already taken"_s));
        QCOMPARE(topology.linksFrom(u"lb"_s).size(), 1);
        QCOMPARE(topology.linksTo(u"web-1"_s).size(), 1);
        QVERIFY(topology.removeLink(u"l1"_s));
        QVERIFY(!topology.removeLink(u"l1"_s));
        QVERIFY(topology.links().isEmpty());
    }

    void roleChangeThatBreaksReplicationIsRefused()
    {
        Topology topology =
            TopologyBuilder()
                .node(u"p"_s, NodeKind::Database)
                .node(u"r"_s, NodeKind::Database, {{u"role"_s, u"replica"_s}, {u"port"_s, 3307}})
                .link(u"p"_s, u"r"_s)
                .build();
        const Outcome promoted = topology.setNodeProperty(u"r"_s, u"role"_s, u"primary"_s);
        QVERIFY(!promoted);
        QVERIFY2(promoted.reason().contains(u"Remove that link first"_s),
                 qPrintable(promoted.reason()));
        QCOMPARE(topology.property(u"r"_s, u"role"_s), QVariant(u"replica"_s));
        QVERIFY(topology.setNodeProperty(u"r"_s, u"port"_s, 3310));
        QCOMPARE(topology.property(u"r"_s, u"port"_s), QVariant(3310));
    }

    void propertyEditsAreValidated()
    {
        Topology topology = TopologyBuilder().node(u"lb"_s, NodeKind::LoadBalancer).build();
        QVERIFY(topology.setNodeProperty(u"lb"_s, u"algorithm"_s, u"least-connections"_s));
        QVERIFY(!topology.setNodeProperty(u"lb"_s, u"algorithm"_s, u"fastest"_s));
        QVERIFY(!topology.setNodeProperty(u"lb"_s, u"role"_s, u"primary"_s));
        QVERIFY(!topology.setNodeProperty(u"ghost"_s, u"port"_s, 1));
        QCOMPARE(topology.property(u"lb"_s, u"algorithm"_s), QVariant(u"least-connections"_s));
    }

    void renameMoveAndGroup()
    {
        Topology topology = TopologyBuilder().node(u"web-1"_s, NodeKind::WebServer).build();
        QVERIFY(topology.renameNode(u"web-1"_s, u"Front web"_s));
        QVERIFY(!topology.renameNode(u"web-1"_s, QString()));
        QVERIFY(topology.moveNode(u"web-1"_s, {300, -40}));
        QVERIFY(!topology.moveNode(u"web-1"_s, {qInf(), 0}));
        QVERIFY(topology.setNodeGroup(u"web-1"_s, u"Server 1"_s));
        const Node *web = topology.node(u"web-1"_s);
        QCOMPARE(web->name, u"Front web"_s);
        QCOMPARE(web->position, QPointF(300, -40));
        QCOMPARE(web->group, u"Server 1"_s);
        QVERIFY(topology.setNodeGroup(u"web-1"_s, QString()));
        QVERIFY(topology.node(u"web-1"_s)->group.isEmpty());
    }

    void unusedIdsAreReadableAndFree()
    {
        Topology topology = TopologyBuilder()
                                .node(u"web-1"_s, NodeKind::WebServer)
                                .node(u"web-2"_s, NodeKind::WebServer, {{u"port"_s, 8082}})
                                .build();
        QCOMPARE(topology.unusedNodeId(NodeKind::WebServer), u"web-3"_s);
        QCOMPARE(topology.unusedNodeId(NodeKind::LoadBalancer), u"lb-1"_s);
        QCOMPARE(topology.unusedLinkId(), u"link-1"_s);
    }

    void equalityCoversEveryField()
    {
        const Topology a = TopologyBuilder().node(u"web-1"_s, NodeKind::WebServer).build();
        Topology b = a;
        QCOMPARE(a, b);
        QVERIFY(b.setNodeProperty(u"web-1"_s, u"weight"_s, 3));
        QVERIFY(a != b);
        b = a;
        QVERIFY(b.setName(u"other"_s));
        QVERIFY(a != b);
    }
};

QTEST_GUILESS_MAIN(TestTopology)
#include "tst_topology.moc"
