#include "core/topologydocument.h"
#include "topologybuilder.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace topolab::core;
using Type = TopologyChange::Type;

class TestTopologyDocument : public QObject {
    Q_OBJECT

private:
    static QList<TopologyChange> changes(const QSignalSpy &spy)
    {
        QList<TopologyChange> result;
        for (const QList<QVariant> &arguments : spy)
            result.append(arguments.first().value<TopologyChange>());
        return result;
    }

private slots:
    void initTestCase() { qRegisterMetaType<TopologyChange>(); }

    void mutationsEmitTypedEvents()
    {
        TopologyDocument document;
        QSignalSpy spy(&document, &TopologyDocument::changed);
        QVERIFY(document.addNode({u"lb"_s, NodeKind::LoadBalancer, u"lb"_s, {}, {}, {}}));
        QVERIFY(document.addNode({u"web"_s, NodeKind::WebServer, u"web"_s, {}, {}, {}}));
        QVERIFY(document.addLink({u"l"_s, u"lb"_s, u"web"_s}));
        QVERIFY(document.setNodeProperty(u"lb"_s, u"algorithm"_s, u"ip-hash"_s));
        QVERIFY(document.moveNode(u"web"_s, {5, 5}));
        QVERIFY(document.setName(u"demo"_s));
        QCOMPARE(changes(spy), (QList<TopologyChange>{
                                   {Type::NodeAdded, u"lb"_s},
                                   {Type::NodeAdded, u"web"_s},
                                   {Type::LinkAdded, u"l"_s},
                                   {Type::NodeChanged, u"lb"_s, TopologyChange::Aspect::Properties,
                                    u"algorithm"_s},
                                   {Type::NodeChanged, u"web"_s, TopologyChange::Aspect::Position},
                                   {Type::NameChanged, {}}}));
    }

    void aNodeChangeSaysWhatChanged()
    {
        TopologyDocument document;
        document.reset(TopologyBuilder().node(u"web"_s, NodeKind::WebServer).build());
        QSignalSpy spy(&document, &TopologyDocument::changed);
        QVERIFY(document.renameNode(u"web"_s, u"Front"_s));
        QVERIFY(document.setNodeGroup(u"web"_s, u"Server 1"_s));
        QVERIFY(document.moveNode(u"web"_s, {10, 10}));
        using Aspect = TopologyChange::Aspect;
        const QList<TopologyChange> seen = changes(spy);
        QCOMPARE(seen.size(), 3);
        QCOMPARE(seen.at(0).aspects, TopologyChange::Aspects(Aspect::Name));
        QCOMPARE(seen.at(1).aspects, TopologyChange::Aspects(Aspect::Group));
        QCOMPARE(seen.at(2).aspects, TopologyChange::Aspects(Aspect::Position));
        QVERIFY(seen.at(0).changesMeaning());
        QVERIFY(!seen.at(2).changesMeaning());
    }

    void refusedChangesEmitNothing()
    {
        TopologyDocument document;
        document.reset(TopologyBuilder().node(u"lb"_s, NodeKind::LoadBalancer).build());
        QSignalSpy spy(&document, &TopologyDocument::changed);
        QVERIFY(!document.addNode({u"lb"_s, NodeKind::WebServer, u"dup"_s, {}, {}, {}}));
        QVERIFY(!document.setNodeProperty(u"lb"_s, u"port"_s, -1));
        QVERIFY(!document.removeNode(u"ghost"_s));
        QVERIFY(!document.removeLink(u"ghost"_s));
        QVERIFY(!document.addLink({u"l"_s, u"lb"_s, u"lb"_s}));
        QCOMPARE(spy.count(), 0);
    }

    void removingANodeRemovesItsLinksFirst()
    {
        TopologyDocument document;
        document.reset(TopologyBuilder()
                           .node(u"lb"_s, NodeKind::LoadBalancer)
                           .node(u"web"_s, NodeKind::WebServer)
                           .link(u"lb"_s, u"web"_s)
                           .build());
        QSignalSpy spy(&document, &TopologyDocument::changed);
        // Views look the link up while handling "about to be removed"; it must still be there.
        bool linkVisibleWhenAnnounced = false;
        connect(&document, &TopologyDocument::changed, this, [&](const TopologyChange &change) {
            if (change.type == Type::LinkAboutToBeRemoved)
                linkVisibleWhenAnnounced = document.topology().link(change.id) != nullptr;
        });
        QVERIFY(document.removeNode(u"web"_s));
        QCOMPARE(changes(spy), (QList<TopologyChange>{{Type::LinkAboutToBeRemoved, u"link-1"_s},
                                                      {Type::LinkRemoved, u"link-1"_s},
                                                      {Type::NodeAboutToBeRemoved, u"web"_s},
                                                      {Type::NodeRemoved, u"web"_s}}));
        QVERIFY(linkVisibleWhenAnnounced);
        QVERIFY(document.topology().links().isEmpty());
    }

    void resetReplacesTheDesign()
    {
        TopologyDocument document;
        QSignalSpy spy(&document, &TopologyDocument::changed);
        const Topology design = TopologyBuilder().node(u"dns"_s, NodeKind::Dns).build();
        document.reset(design);
        QCOMPARE(document.topology(), design);
        QCOMPARE(changes(spy), (QList<TopologyChange>{{Type::Reset, {}}}));
    }
};

QTEST_GUILESS_MAIN(TestTopologyDocument)
#include "tst_topologydocument.moc"
