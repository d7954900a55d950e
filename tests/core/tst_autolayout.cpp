#include "core/autolayout.h"
#include "core/templates.h"
#include "topologybuilder.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace topolab::core;

class TestAutoLayout : public QObject {
    Q_OBJECT

private:
    static QRectF cardAt(const QHash<QString, QPointF> &positions, const QString &id)
    {
        return {positions.value(id), AutoLayout::Metrics().card};
    }

    static QHash<QString, QRectF> groupFrames(const Topology &topology,
                                              const QHash<QString, QPointF> &positions)
    {
        QHash<QString, QRectF> frames;
        for (const Node &node : topology.nodes()) {
            if (!node.group.isEmpty())
                frames[node.group] |= cardAt(positions, node.id);
        }
        return frames;
    }

private slots:
    void templateLaysOutWithoutOverlaps()
    {
        const Topology topology = std::get<Topology>(Templates::load(u"foobar"_s));
        const QHash<QString, QPointF> positions = AutoLayout::arrange(topology);
        QCOMPARE(positions.size(), topology.nodes().size());
        const QStringList ids = positions.keys();
        for (qsizetype i = 0; i < ids.size(); ++i) {
            for (qsizetype j = i + 1; j < ids.size(); ++j)
                QVERIFY2(!cardAt(positions, ids[i]).intersects(cardAt(positions, ids[j])),
                         qPrintable(ids[i] + u" overlaps "_s + ids[j]));
        }
        // Server frames never overlap, so each machine stays readable as one box.
        const QHash<QString, QRectF> frames = groupFrames(topology, positions);
        QCOMPARE(frames.size(), 3);
        const QStringList groups = frames.keys();
        for (qsizetype i = 0; i < groups.size(); ++i) {
            for (qsizetype j = i + 1; j < groups.size(); ++j)
                QVERIFY(!frames[groups[i]]
                             .adjusted(-18, -42, 18, 18)
                             .intersects(frames[groups[j]].adjusted(-18, -42, 18, 18)));
        }
    }

    void requestsFlowDownwards()
    {
        const Topology topology = std::get<Topology>(Templates::load(u"foobar"_s));
        const QHash<QString, QPointF> p = AutoLayout::arrange(topology);
        QVERIFY(p[u"dns"_s].y() < p[u"lb"_s].y());
        QVERIFY(p[u"lb"_s].y() < p[u"web-1"_s].y());
        QVERIFY(p[u"web-1"_s].y() < p[u"app-1"_s].y());
        QVERIFY(p[u"app-1"_s].y() < p[u"db-primary"_s].y());
        // Replicas sit beside their primary, and the two servers side by side.
        QCOMPARE(p[u"db-primary"_s].y(), p[u"db-replica"_s].y());
        QCOMPARE(p[u"web-1"_s].y(), p[u"web-2"_s].y());
        // The balancer is centred over what it balances.
        const qreal serversMid = (p[u"web-1"_s].x() + p[u"app-2"_s].x()) / 2;
        QVERIFY(qAbs(p[u"lb"_s].x() - serversMid) < 300);
    }

    void positionsAreOnTheGrid()
    {
        const Topology topology = std::get<Topology>(Templates::load(u"foobar"_s));
        for (const QPointF &position : AutoLayout::arrange(topology)) {
            QCOMPARE(std::fmod(position.x(), 20.0), 0.0);
            QCOMPARE(std::fmod(position.y(), 20.0), 0.0);
        }
    }

    void unlinkedAndEmptyDesigns()
    {
        QVERIFY(AutoLayout::arrange(Topology()).isEmpty());
        const Topology loose = TopologyBuilder()
                                   .node(u"a"_s, NodeKind::Monitoring)
                                   .node(u"b"_s, NodeKind::Firewall)
                                   .build();
        const QHash<QString, QPointF> p = AutoLayout::arrange(loose);
        QCOMPARE(p.size(), 2);
        QVERIFY(!cardAt(p, u"a"_s).intersects(cardAt(p, u"b"_s)));
    }

    void groupsThatFeedEachOtherDoNotLoop()
    {
        // web-1 and the database share a machine that the app server's machine sits between:
        // contracted into blocks, the graph has a cycle, which must not hang or overlap.
        TopologyBuilder builder;
        builder.node(u"web"_s, NodeKind::WebServer)
            .node(u"app"_s, NodeKind::AppServer)
            .node(u"db"_s, NodeKind::Database)
            .link(u"web"_s, u"app"_s)
            .link(u"app"_s, u"db"_s);
        Topology topology = builder.build();
        QVERIFY(topology.setNodeGroup(u"web"_s, u"A"_s));
        QVERIFY(topology.setNodeGroup(u"db"_s, u"A"_s));
        QVERIFY(topology.setNodeGroup(u"app"_s, u"B"_s));
        const QHash<QString, QPointF> p = AutoLayout::arrange(topology);
        QCOMPARE(p.size(), 3);
        QVERIFY(!cardAt(p, u"app"_s).intersects(cardAt(p, u"web"_s)));
        QVERIFY(!cardAt(p, u"app"_s).intersects(cardAt(p, u"db"_s)));
    }
};

QTEST_GUILESS_MAIN(TestAutoLayout)
#include "tst_autolayout.moc"
