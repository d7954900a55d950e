#include "core/templates.h"
#include "core/topologyfile.h"
#include "core/topologyfragment.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace topolab::core;

class TestTopologyFragment : public QObject {
    Q_OBJECT

private slots:
    void extractKeepsOnlyInnerLinks()
    {
        const Topology design = std::get<Topology>(Templates::load(u"foobar"_s));
        const Topology piece =
            TopologyFragment::extract(design, {u"web-1"_s, u"app-1"_s, u"code-1"_s});
        QCOMPARE(piece.nodes().size(), 3);
        // web→app, web→code, app→code; not lb→web or app→db, whose other end stays behind.
        QCOMPARE(piece.links().size(), 3);
        // The clipboard carries it in the file format, and it reads back unchanged.
        const auto reread = TopologyFile::parse(TopologyFile::serialize(piece), u"clipboard"_s);
        QCOMPARE(std::get<Topology>(reread), piece);
    }

    void insertionGetsFreshIdsAndItsOwnServer()
    {
        const Topology design = std::get<Topology>(Templates::load(u"foobar"_s));
        const Topology piece =
            TopologyFragment::extract(design, {u"web-2"_s, u"app-2"_s, u"code-2"_s});
        const auto insertion = TopologyFragment::prepareInsertion(piece, design, {40, 40});
        QCOMPARE(insertion.nodes.size(), 3);
        QCOMPARE(insertion.links.size(), 3);
        Topology result = design;
        for (qsizetype i = 0; i < insertion.nodes.size(); ++i) {
            const Node &node = insertion.nodes.at(i);
            QVERIFY(!design.node(node.id));
            // "Server 2" exists: the copy becomes "Server 3", not a stretched Server 2.
            QCOMPARE(node.group, u"Server 3"_s);
            QCOMPARE(node.position, piece.nodes().at(i).position + QPointF(40, 40));
            QCOMPARE(node.name, piece.nodes().at(i).name);
            QVERIFY(result.addNode(node));
        }
        for (const Link &link : insertion.links)
            QVERIFY2(result.addLink(link), qPrintable(link.id));
        QCOMPARE(result.nodes().size(), design.nodes().size() + 3);
    }

    void aServerNameAtTheLengthLimitStillGetsAFreshName()
    {
        Topology design;
        const QString longest(Topology::kMaxNameLength, u'S');
        QVERIFY(design.addNode({u"web"_s, NodeKind::WebServer, u"web"_s, {}, longest, {}}));
        const Topology piece = TopologyFragment::extract(design, {u"web"_s});
        const auto insertion = TopologyFragment::prepareInsertion(piece, design, {20, 20});
        QCOMPARE(insertion.nodes.size(), 1);
        const QString group = insertion.nodes.first().group;
        QVERIFY(group != longest);
        QVERIFY(Topology::checkGroupName(group));
        QVERIFY(group.endsWith(u" 2"_s));
    }

    void twoInsertionsNeverShareIds()
    {
        const Topology design = std::get<Topology>(Templates::load(u"foobar"_s));
        const Topology piece = TopologyFragment::extract(design, {u"lb"_s});
        Topology result = design;
        for (int i = 0; i < 2; ++i) {
            const auto insertion = TopologyFragment::prepareInsertion(piece, result, {20, 20});
            QCOMPARE(insertion.nodes.size(), 1);
            QVERIFY(result.addNode(insertion.nodes.first()));
        }
        QCOMPARE(result.nodesOfKind(NodeKind::LoadBalancer).size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestTopologyFragment)
#include "tst_topologyfragment.moc"
