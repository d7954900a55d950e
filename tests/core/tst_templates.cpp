#include "core/kindcatalog.h"
#include "core/templates.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace topolab::core;

// The www.foobar.com template must be exactly the seed stack of DESIGN.md.
class TestTemplates : public QObject {
    Q_OBJECT

private:
    Topology m_foobar;

    QStringList targets(const QString &from) const
    {
        QStringList ids;
        for (const Link &link : m_foobar.linksFrom(from))
            ids.append(link.to);
        ids.sort();
        return ids;
    }

private slots:
    void initTestCase()
    {
        QCOMPARE(Templates::names(), (QStringList{u"foobar"_s, u"foobar-fixed"_s}));
        const TopologyFile::LoadResult loaded = Templates::load(u"foobar"_s);
        if (const auto *error = std::get_if<FileError>(&loaded))
            QFAIL(qPrintable(error->message()));
        m_foobar = std::get<Topology>(loaded);
    }

    void dnsPointsAtOneRoundRobinBalancer()
    {
        QCOMPARE(m_foobar.name(), u"www.foobar.com"_s);
        const auto dns = m_foobar.nodesOfKind(NodeKind::Dns);
        QCOMPARE(dns.size(), 1);
        QCOMPARE(m_foobar.property(dns.first()->id, u"hostname"_s), QVariant(u"www.foobar.com"_s));
        const auto balancers = m_foobar.nodesOfKind(NodeKind::LoadBalancer);
        QCOMPARE(balancers.size(), 1);
        QCOMPARE(targets(dns.first()->id), QStringList{balancers.first()->id});
        QCOMPARE(m_foobar.property(u"lb"_s, u"algorithm"_s), QVariant(u"round-robin"_s));
        QCOMPARE(targets(u"lb"_s), (QStringList{u"web-1"_s, u"web-2"_s}));
    }

    void twoServersEachWithWebAppAndCodebase()
    {
        for (const QString &n : {u"1"_s, u"2"_s}) {
            const QString group = u"Server "_s + n;
            QStringList members;
            for (const Node &node : m_foobar.nodes()) {
                if (node.group == group)
                    members.append(kindId(node.kind));
            }
            members.sort();
            QCOMPARE(members, (QStringList{u"app-server"_s, u"codebase"_s, u"web-server"_s}));
            QCOMPARE(targets(u"web-"_s + n), (QStringList{u"app-"_s + n, u"code-"_s + n}));
            QCOMPARE(targets(u"app-"_s + n),
                     (QStringList{u"code-"_s + n, u"db-primary"_s, u"db-replica"_s}));
        }
        QCOMPARE(m_foobar.nodesOfKind(NodeKind::WebServer).size(), 2);
        QCOMPARE(m_foobar.nodesOfKind(NodeKind::AppServer).size(), 2);
        QCOMPARE(m_foobar.nodesOfKind(NodeKind::Codebase).size(), 2);
    }

    void mysqlPrimaryReplicatesToOneReplica()
    {
        QCOMPARE(m_foobar.nodesOfKind(NodeKind::Database).size(), 2);
        QCOMPARE(m_foobar.property(u"db-primary"_s, u"role"_s), QVariant(u"primary"_s));
        QCOMPARE(m_foobar.property(u"db-replica"_s, u"role"_s), QVariant(u"replica"_s));
        QCOMPARE(targets(u"db-primary"_s), QStringList{u"db-replica"_s});
    }

    void nothingElseAndNoPortClashes()
    {
        QCOMPARE(m_foobar.nodes().size(), 10);
        QCOMPARE(m_foobar.links().size(), 14);
        QVERIFY(m_foobar.nodesOfKind(NodeKind::Firewall).isEmpty());
        QVERIFY(m_foobar.nodesOfKind(NodeKind::Monitoring).isEmpty());
        QSet<int> ports;
        for (const Node &node : m_foobar.nodes()) {
            if (KindCatalog::listens(node.kind))
                ports.insert(m_foobar.property(node.id, u"port"_s).toInt());
        }
        QCOMPARE(ports.size(), 7);
    }

    void unknownTemplateListsTheKnownOnes()
    {
        const TopologyFile::LoadResult loaded = Templates::load(u"lamp"_s);
        QVERIFY(std::holds_alternative<FileError>(loaded));
        QVERIFY(std::get<FileError>(loaded).reason.contains(u"the templates are: foobar"_s));
        QVERIFY(!Templates::description(u"foobar"_s).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTemplates)
#include "tst_templates.moc"
