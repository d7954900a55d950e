#include "core/linkrules.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace topolab::core;

namespace {

Node make(const QString &id, NodeKind kind, const QString &role = {})
{
    Node node{id, kind, id, {}, {}, {}};
    if (!role.isEmpty())
        node.properties.insert(u"role"_s, role);
    return node;
}

} // namespace

class TestLinkRules : public QObject {
    Q_OBJECT

private slots:
    void seedLinksAreAllowed_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        using K = NodeKind;
        const QList<std::pair<K, K>> allowed = {
            {K::Client, K::Dns},
            {K::Dns, K::LoadBalancer},
            {K::Dns, K::Firewall},
            {K::Firewall, K::LoadBalancer},
            {K::LoadBalancer, K::WebServer},
            {K::WebServer, K::AppServer},
            {K::WebServer, K::Codebase},
            {K::AppServer, K::Codebase},
            {K::AppServer, K::Database},
            {K::Monitoring, K::WebServer},
            {K::Monitoring, K::Database},
        };
        for (const auto &[from, to] : allowed)
            QTest::addRow("%s->%s", qPrintable(kindId(from)), qPrintable(kindId(to)))
                << static_cast<int>(from) << static_cast<int>(to);
    }

    void seedLinksAreAllowed()
    {
        QFETCH(int, from);
        QFETCH(int, to);
        const Outcome checked = LinkRules::check(make(u"a"_s, static_cast<NodeKind>(from)),
                                                 make(u"b"_s, static_cast<NodeKind>(to)));
        QVERIFY2(checked, qPrintable(checked.reason()));
    }

    void backwardsLinkSaysWhichWay()
    {
        const Outcome checked = LinkRules::check(make(u"web-1"_s, NodeKind::WebServer),
                                                 make(u"lb"_s, NodeKind::LoadBalancer));
        QVERIFY(!checked);
        QVERIFY2(checked.reason().contains(u"wrong way"_s), qPrintable(checked.reason()));
        QVERIFY2(checked.reason().contains(u"from \"lb\" to \"web-1\""_s),
                 qPrintable(checked.reason()));
    }

    void unrelatedKindsListTheAllowedTargets()
    {
        const Outcome checked =
            LinkRules::check(make(u"dns"_s, NodeKind::Dns), make(u"db"_s, NodeKind::Database));
        QVERIFY(!checked);
        QVERIFY2(checked.reason().contains(u"cannot link to \"db\""_s),
                 qPrintable(checked.reason()));
        QVERIFY2(checked.reason().contains(u"load balancer"_s), qPrintable(checked.reason()));
    }

    void codebaseLinksToNothing()
    {
        const Outcome checked = LinkRules::check(make(u"code"_s, NodeKind::Codebase),
                                                 make(u"mon"_s, NodeKind::Monitoring));
        QVERIFY(!checked);
        QVERIFY2(checked.reason().contains(u"links to nothing"_s), qPrintable(checked.reason()));
    }

    void selfLinkRefused()
    {
        const Node web = make(u"web"_s, NodeKind::WebServer);
        const Outcome checked = LinkRules::check(web, web);
        QVERIFY(!checked);
        QVERIFY(checked.reason().contains(u"itself"_s));
    }

    void replicationGoesFromPrimaryToReplica()
    {
        const Node primary = make(u"p"_s, NodeKind::Database, u"primary"_s);
        const Node replica = make(u"r"_s, NodeKind::Database, u"replica"_s);
        const Node otherPrimary = make(u"p2"_s, NodeKind::Database, u"primary"_s);
        QVERIFY(LinkRules::check(primary, replica));

        const Outcome fromReplica = LinkRules::check(replica, primary);
        QVERIFY(!fromReplica);
        QVERIFY2(fromReplica.reason().contains(u"is a replica"_s),
                 qPrintable(fromReplica.reason()));

        const Outcome toPrimary = LinkRules::check(primary, otherPrimary);
        QVERIFY(!toPrimary);
        QVERIFY2(toPrimary.reason().contains(u"\"p2\" is a primary"_s),
                 qPrintable(toPrimary.reason()));
    }

    void noKindLinksBackToTheClient()
    {
        for (NodeKind kind : allNodeKinds()) {
            QVERIFY(!LinkRules::allowedTargets(kind).contains(NodeKind::Client));
            QVERIFY(!LinkRules::allowedTargets(kind).contains(NodeKind::Dns) ||
                    kind == NodeKind::Client);
        }
    }
};

QTEST_GUILESS_MAIN(TestLinkRules)
#include "tst_linkrules.moc"
