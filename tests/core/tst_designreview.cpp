#include "core/lab/firewallrulelist.h"
#include "core/lab/labaddresses.h"
#include "core/review/designreview.h"
#include "core/templates.h"
#include "topologybuilder.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace topolab::core;
using K = NodeKind;

namespace {

QList<Finding> review(const Topology &topology)
{
    return DesignReview().run(topology);
}

QList<Finding> ofRule(const QList<Finding> &findings, const QString &rule)
{
    QList<Finding> matching;
    std::copy_if(findings.cbegin(), findings.cend(), std::back_inserter(matching),
                 [&](const Finding &f) { return f.rule == rule; });
    return matching;
}

QVariantMap port(int number)
{
    return {{u"port"_s, number}};
}

// DNS → two firewalls → two balancers (HTTPS) → two web → two app → primary → replica, all
// monitored: a design that passes every rule except the single primary for writes, which each test
// can break in one way.
TopologyBuilder sound()
{
    TopologyBuilder builder;
    builder.node(u"dns"_s, K::Dns)
        .node(u"fw-1"_s, K::Firewall)
        .node(u"fw-2"_s, K::Firewall)
        .node(u"lb-1"_s, K::LoadBalancer, {{u"https"_s, true}, {u"port"_s, 443}})
        .node(u"lb-2"_s, K::LoadBalancer, {{u"https"_s, true}, {u"port"_s, 444}})
        .node(u"web-1"_s, K::WebServer, port(8081))
        .node(u"web-2"_s, K::WebServer, port(8082))
        .node(u"app-1"_s, K::AppServer, port(9001))
        .node(u"app-2"_s, K::AppServer, port(9002))
        .node(u"db-1"_s, K::Database, port(3307))
        .node(u"db-2"_s, K::Database, {{u"role"_s, u"replica"_s}, {u"port"_s, 3308}})
        .node(u"mon"_s, K::Monitoring)
        .link(u"dns"_s, u"fw-1"_s)
        .link(u"dns"_s, u"fw-2"_s);
    for (const QString &fw : {u"fw-1"_s, u"fw-2"_s})
        builder.link(fw, u"lb-1"_s).link(fw, u"lb-2"_s);
    for (const QString &lb : {u"lb-1"_s, u"lb-2"_s})
        builder.link(lb, u"web-1"_s).link(lb, u"web-2"_s);
    builder.link(u"web-1"_s, u"app-1"_s)
        .link(u"web-2"_s, u"app-2"_s)
        .link(u"app-1"_s, u"db-1"_s)
        .link(u"app-2"_s, u"db-1"_s)
        .link(u"app-1"_s, u"db-2"_s)
        .link(u"app-2"_s, u"db-2"_s)
        .link(u"db-1"_s, u"db-2"_s);
    for (const QString &target : {u"lb-1"_s, u"lb-2"_s, u"web-1"_s, u"web-2"_s, u"app-1"_s,
                                  u"app-2"_s, u"db-1"_s, u"db-2"_s})
        builder.link(u"mon"_s, target);
    return builder;
}

} // namespace

class TestDesignReview : public QObject {
    Q_OBJECT

private slots:
    void templateHasExactlyTheFiveKnownIssues()
    {
        const Topology foobar = std::get<Topology>(Templates::load(u"foobar"_s));
        const QList<Finding> findings = review(foobar);
        QList<std::pair<QString, QStringList>> got;
        for (const Finding &f : findings) {
            got.append({f.rule, f.nodes});
            QCOMPARE(f.severity, Severity::Warning);
            QVERIFY(!f.title.isEmpty() && !f.explanation.isEmpty() && !f.fix.isEmpty());
        }
        const QList<std::pair<QString, QStringList>> expected = {
            {u"single-point-of-failure"_s, {u"lb"_s}},
            {u"single-point-of-failure"_s, {u"db-primary"_s}},
            {u"no-firewall"_s, {u"lb"_s}},
            {u"no-https"_s, {u"lb"_s}},
            {u"no-monitoring"_s,
             {u"lb"_s, u"web-1"_s, u"app-1"_s, u"web-2"_s, u"app-2"_s, u"db-primary"_s,
              u"db-replica"_s}},
        };
        QCOMPARE(got, expected);
    }

    void soundDesignOnlyKeepsThePrimaryWarning()
    {
        const QList<Finding> findings = review(sound().build());
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.first().rule, u"single-point-of-failure"_s);
        QCOMPARE(findings.first().nodes, QStringList{u"db-1"_s});
    }

    void emptyDesignHasNoFindings() { QVERIFY(review(Topology()).isEmpty()); }

    void portConflict()
    {
        Topology topology = sound().build();
        QVERIFY(ofRule(review(topology), u"port-conflict"_s).isEmpty());
        QVERIFY(topology.setNodeProperty(u"app-2"_s, u"port"_s, 8081));
        const QList<Finding> found = ofRule(review(topology), u"port-conflict"_s);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().severity, Severity::Error);
        QCOMPARE(found.first().nodes, (QStringList{u"web-1"_s, u"app-2"_s}));
        QVERIFY(found.first().title.contains(u"Port 8081"_s));
        // Errors come first.
        QCOMPARE(review(topology).first().rule, u"port-conflict"_s);
    }

    void portsClashOnlyOnOneMachine()
    {
        Topology topology = sound().build();
        QVERIFY(topology.setNodeProperty(u"web-2"_s, u"port"_s, 8081));
        QVERIFY(topology.setNodeGroup(u"web-1"_s, u"Server 1"_s));
        QVERIFY(topology.setNodeGroup(u"web-2"_s, u"Server 2"_s));
        QVERIFY(ofRule(review(topology), u"port-conflict"_s).isEmpty());
        QVERIFY(topology.setNodeGroup(u"web-2"_s, u"Server 1"_s));
        const QList<Finding> found = ofRule(review(topology), u"port-conflict"_s);
        QCOMPARE(found.size(), 1);
        QVERIFY2(found.first().title.contains(u"on \"Server 1\""_s),
                 qPrintable(found.first().title));
    }

    void externalDatabasesDoNotClashWithLocalPorts()
    {
        Topology topology = sound().build();
        QVERIFY(topology.setNodeProperty(u"db-2"_s, u"port"_s, 3307));
        QCOMPARE(ofRule(review(topology), u"port-conflict"_s).size(), 1);
        QVERIFY(topology.setNodeProperty(u"db-2"_s, u"external"_s, true));
        QVERIFY(ofRule(review(topology), u"port-conflict"_s).isEmpty());
    }

    void percentSignsInNamesStayAsWritten()
    {
        Topology topology = sound().build();
        QVERIFY(topology.renameNode(u"app-2"_s, u"App %1 %2"_s));
        QVERIFY(topology.setNodeProperty(u"app-2"_s, u"port"_s, 8081));
        const Finding conflict = ofRule(review(topology), u"port-conflict"_s).first();
        QVERIFY2(conflict.explanation.contains(u"\"App %1 %2\" all listen on port 8081"_s),
                 qPrintable(conflict.explanation));
    }

    void balancerWithFewerThanTwoBackends()
    {
        Topology topology = sound().build();
        QVERIFY(ofRule(review(topology), u"too-few-backends"_s).isEmpty());
        QVERIFY(topology.removeLink(topology.linksFrom(u"lb-1"_s).first().id));
        QList<Finding> found = ofRule(review(topology), u"too-few-backends"_s);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().severity, Severity::Warning);
        QCOMPARE(found.first().nodes, (QStringList{u"lb-1"_s, u"web-2"_s}));
        QVERIFY(topology.removeLink(topology.linksFrom(u"lb-1"_s).first().id));
        found = ofRule(review(topology), u"too-few-backends"_s);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().severity, Severity::Error);
        QVERIFY(found.first().explanation.contains(u"503"_s));
    }

    void replicaWithoutPrimary()
    {
        Topology topology = sound().build();
        QVERIFY(ofRule(review(topology), u"replica-without-primary"_s).isEmpty());
        const QList<Link> incoming = topology.linksTo(u"db-2"_s);
        const auto replication = std::find_if(incoming.cbegin(), incoming.cend(),
                                              [](const Link &l) { return l.from == u"db-1"_s; });
        QVERIFY(replication != incoming.cend());
        QVERIFY(topology.removeLink(replication->id));
        const QList<Finding> found = ofRule(review(topology), u"replica-without-primary"_s);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().severity, Severity::Error);
        QCOMPARE(found.first().nodes, QStringList{u"db-2"_s});
    }

    void singlePointsOfFailurePerTier()
    {
        Topology topology = sound().build();
        QVERIFY(topology.removeNode(u"lb-2"_s));
        QVERIFY(topology.removeNode(u"web-2"_s));
        QVERIFY(topology.removeNode(u"app-2"_s));
        QStringList spofs;
        for (const Finding &f : ofRule(review(topology), u"single-point-of-failure"_s))
            spofs += f.nodes;
        QCOMPARE(spofs, (QStringList{u"lb-1"_s, u"db-1"_s, u"web-1"_s, u"app-1"_s}));
    }

    void anUnlinkedSpareIsNoRedundancy()
    {
        // Dropped on the canvas but not yet wired in, a second balancer or web server carries no
        // request, so the one that does is still a single point of failure.
        Topology topology = sound().build();
        QVERIFY(topology.removeNode(u"lb-2"_s));
        QVERIFY(topology.removeNode(u"web-2"_s));
        QVERIFY(topology.removeNode(u"app-2"_s));
        QVERIFY(topology.addNode({u"lb-spare"_s, K::LoadBalancer, u"spare"_s, {}, {}, {}}));
        QVERIFY(topology.addNode({u"web-spare"_s, K::WebServer, u"spare"_s, {}, {}, {}}));
        QVERIFY(topology.addLink({u"spare-link"_s, u"lb-spare"_s, u"web-spare"_s}));
        QStringList spofs;
        for (const Finding &f : ofRule(review(topology), u"single-point-of-failure"_s))
            spofs += f.nodes;
        QCOMPARE(spofs, (QStringList{u"lb-1"_s, u"db-1"_s, u"web-1"_s, u"app-1"_s}));
    }

    void loneFirewallInThePathIsASinglePointOfFailure()
    {
        Topology topology = sound().build();
        QVERIFY(topology.renameNode(u"fw-1"_s, u"Edge firewall"_s));
        QVERIFY(topology.removeNode(u"fw-2"_s));
        const QList<Finding> found = ofRule(review(topology), u"single-point-of-failure"_s);
        QCOMPARE(found.size(), 2);
        QCOMPARE(found.at(1).nodes, QStringList{u"fw-1"_s});
        QVERIFY(found.at(1).title.contains(u"Firewall \"Edge firewall\""_s));
    }

    void firewallInFront()
    {
        Topology topology = sound().build();
        QVERIFY(ofRule(review(topology), u"no-firewall"_s).isEmpty());
        QVERIFY(topology.addLink({u"bypass"_s, u"dns"_s, u"lb-2"_s}));
        const QList<Finding> found = ofRule(review(topology), u"no-firewall"_s);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().nodes, QStringList{u"lb-2"_s});
    }

    void appServerAtTheFrontCanTerminateHttps()
    {
        Topology topology = TopologyBuilder()
                                .node(u"fw"_s, K::Firewall)
                                .node(u"app"_s, K::AppServer)
                                .link(u"fw"_s, u"app"_s)
                                .build();
        QCOMPARE(ofRule(review(topology), u"no-https"_s).first().nodes, QStringList{u"app"_s});
        QVERIFY(topology.setNodeProperty(u"app"_s, u"https"_s, true));
        QVERIFY(ofRule(review(topology), u"no-https"_s).isEmpty());
    }

    void httpsAtTheFront()
    {
        Topology topology = sound().build();
        QVERIFY(ofRule(review(topology), u"no-https"_s).isEmpty());
        QVERIFY(topology.setNodeProperty(u"lb-2"_s, u"https"_s, false));
        const QList<Finding> found = ofRule(review(topology), u"no-https"_s);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().nodes, QStringList{u"lb-2"_s});
        QVERIFY(found.first().fix.contains(u"Terminates HTTPS"_s));
    }

    void monitoring()
    {
        Topology topology = sound().build();
        QVERIFY(ofRule(review(topology), u"no-monitoring"_s).isEmpty());
        QVERIFY(topology.removeLink(topology.linksFrom(u"mon"_s).last().id));
        QList<Finding> found = ofRule(review(topology), u"no-monitoring"_s);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().nodes, QStringList{u"db-2"_s});
        QVERIFY(found.first().title.contains(u"not monitored"_s));
        QVERIFY(topology.removeNode(u"mon"_s));
        found = ofRule(review(topology), u"no-monitoring"_s);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().title, u"No monitoring"_s);
        QCOMPARE(found.first().nodes.size(), 8);
    }

    void danglingLinks()
    {
        Topology topology = sound().build();
        QVERIFY(ofRule(review(topology), u"dangling-link"_s).isEmpty());
        QVERIFY(topology.addNode({u"web-3"_s, K::WebServer, u"Web 3"_s, {}, {}, port(8083)}));
        QVERIFY(topology.addNode({u"code-3"_s, K::Codebase, u"Code 3"_s, {}, {}, {}}));
        QVERIFY(topology.addNode({u"lonely"_s, K::Codebase, u"Lonely"_s, {}, {}, {}}));
        QVERIFY(topology.addLink({u"orphan"_s, u"web-3"_s, u"code-3"_s}));
        QVERIFY(topology.addLink({u"watch"_s, u"mon"_s, u"web-3"_s}));
        const QList<Finding> found = ofRule(review(topology), u"dangling-link"_s);
        QCOMPARE(found.size(), 3);
        QCOMPARE(found.at(0).nodes, QStringList{u"web-3"_s});
        QVERIFY(found.at(0).title.contains(u"No request reaches"_s));
        QCOMPARE(found.at(1).nodes, QStringList{u"code-3"_s});
        QCOMPARE(found.at(2).nodes, QStringList{u"lonely"_s});
        QVERIFY(found.at(2).title.contains(u"not connected"_s));
    }

    void duplicateLinks()
    {
        Topology topology = sound().build();
        QVERIFY(ofRule(review(topology), u"duplicate-link"_s).isEmpty());
        QVERIFY(topology.addLink({u"again"_s, u"lb-1"_s, u"web-1"_s}));
        const QList<Finding> found = ofRule(review(topology), u"duplicate-link"_s);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().nodes, (QStringList{u"lb-1"_s, u"web-1"_s}));
        QVERIFY(found.first().explanation.contains(u"again"_s));
    }

    void designWithoutDnsStillFindsTheFront()
    {
        const Topology topology = TopologyBuilder()
                                      .node(u"lb"_s, K::LoadBalancer)
                                      .node(u"web-1"_s, K::WebServer, port(8081))
                                      .node(u"web-2"_s, K::WebServer, port(8082))
                                      .link(u"lb"_s, u"web-1"_s)
                                      .link(u"lb"_s, u"web-2"_s)
                                      .build();
        const QList<Finding> findings = review(topology);
        QCOMPARE(ofRule(findings, u"no-firewall"_s).first().nodes, QStringList{u"lb"_s});
        QCOMPARE(ofRule(findings, u"no-https"_s).first().nodes, QStringList{u"lb"_s});
        QVERIFY(ofRule(findings, u"dangling-link"_s).isEmpty());
    }

    void labAddressesThatClashOrLieOutsideTheNetworkAreErrors()
    {
        const Topology topology =
            TopologyBuilder()
                .node(u"lb"_s, NodeKind::LoadBalancer, {{u"address"_s, u"10.20.0.21"_s}})
                .node(u"web-1"_s, NodeKind::WebServer, {{u"address"_s, u"10.20.0.21"_s}})
                .node(u"web-2"_s, NodeKind::WebServer, {{u"address"_s, u"192.168.1.5"_s}})
                .node(u"web-3"_s, NodeKind::WebServer)
                .link(u"lb"_s, u"web-1"_s)
                .link(u"lb"_s, u"web-2"_s)
                .link(u"lb"_s, u"web-3"_s)
                .build();
        const QList<Finding> findings = ofRule(review(topology), u"lab-address"_s);
        QCOMPARE(findings.size(), 2);
        QCOMPARE(findings.at(0).severity, Severity::Error);
        QVERIFY2(findings.at(0).title.contains(u"outside the lab network"_s),
                 qPrintable(findings.at(0).title));
        QCOMPARE(findings.at(0).nodes, QStringList{u"web-2"_s});
        QCOMPARE(findings.at(1).title, u"Address 10.20.0.21 is given to 2 machines"_s);
        // Chosen by Topolab: not one of the taken addresses.
        QCOMPARE(LabAddresses(topology).of(u"web-3"_s), u"10.20.0.22"_s);
    }

    void theFixedTemplateHasNeitherTheBalancerNorTheFirewallFinding()
    {
        const Topology fixed = std::get<Topology>(Templates::load(u"foobar-fixed"_s));
        QList<std::pair<QString, QStringList>> got;
        for (const Finding &f : review(fixed)) {
            got.append({f.rule, f.nodes});
            QCOMPARE(f.severity, Severity::Warning);
        }
        // What is left is for the next issues: the primary, HTTPS, monitoring, and the one
        // firewall in the path.
        const QList<std::pair<QString, QStringList>> expected = {
            {u"single-point-of-failure"_s, {u"db-primary"_s}},
            {u"single-point-of-failure"_s, {u"fw"_s}},
            {u"no-https"_s, {u"lb"_s, u"lb-2"_s}},
            {u"no-monitoring"_s,
             {u"lb"_s, u"lb-2"_s, u"web-1"_s, u"app-1"_s, u"web-2"_s, u"app-2"_s,
              u"db-primary"_s, u"db-replica"_s}},
        };
        QCOMPARE(got, expected);
        const LabAddresses addresses(fixed);
        QVERIFY(addresses.problems().isEmpty());
        QCOMPARE(addresses.floating(), u"10.20.0.100"_s);
    }

    void aStandbyNeedsALowerPriorityAndTheSameServers()
    {
        const auto pair = [](int standbyPriority, bool linkedToBoth) {
            TopologyBuilder builder;
            builder.node(u"lb"_s, K::LoadBalancer)
                .node(u"lb-2"_s, K::LoadBalancer,
                      {{u"standby"_s, true}, {u"priority"_s, standbyPriority}})
                .node(u"web-1"_s, K::WebServer, port(8081))
                .node(u"web-2"_s, K::WebServer, port(8082))
                .link(u"lb"_s, u"web-1"_s)
                .link(u"lb"_s, u"web-2"_s)
                .link(u"lb-2"_s, u"web-1"_s);
            if (linkedToBoth)
                builder.link(u"lb-2"_s, u"web-2"_s);
            return builder.build();
        };
        QVERIFY(ofRule(review(pair(100, true)), u"balancer-pair"_s).isEmpty());
        // A pair removes the balancer's single point of failure.
        for (const Finding &f : ofRule(review(pair(100, true)), u"single-point-of-failure"_s))
            QVERIFY(!f.nodes.contains(u"lb"_s));

        const QList<Finding> equal = ofRule(review(pair(150, true)), u"balancer-pair"_s);
        QCOMPARE(equal.size(), 1);
        QCOMPARE(equal.first().severity, Severity::Error);
        QCOMPARE(equal.first().nodes, (QStringList{u"lb-2"_s, u"lb"_s}));
        QVERIFY2(equal.first().fix.contains(u"below 150, such as 100"_s),
                 qPrintable(equal.first().fix));

        const QList<Finding> missing = ofRule(review(pair(100, false)), u"balancer-pair"_s);
        QCOMPARE(missing.size(), 1);
        QCOMPARE(missing.first().severity, Severity::Warning);
        QVERIFY2(missing.first().explanation.contains(u"\"web-2\""_s),
                 qPrintable(missing.first().explanation));

        // The standby's own floating IP is never used: said, not ignored.
        const Topology apart =
            TopologyBuilder()
                .node(u"lb"_s, K::LoadBalancer, {{u"floatingIp"_s, u"10.20.0.120"_s}})
                .node(u"lb-2"_s, K::LoadBalancer,
                      {{u"standby"_s, true},
                       {u"priority"_s, 100},
                       {u"floatingIp"_s, u"10.20.0.130"_s}})
                .build();
        const QList<Finding> floating = ofRule(review(apart), u"balancer-pair"_s);
        QCOMPARE(floating.size(), 1);
        QVERIFY2(floating.first().explanation.contains(u"(10.20.0.120); the standby's 10.20.0.130 "
                                                       u"is not used"_s),
                 qPrintable(floating.first().explanation));
    }

    void aSecondStandbyIsNotRun()
    {
        const Topology topology = TopologyBuilder()
                                      .node(u"lb"_s, K::LoadBalancer)
                                      .node(u"lb-2"_s, K::LoadBalancer,
                                            {{u"standby"_s, true}, {u"priority"_s, 100}})
                                      .node(u"lb-3"_s, K::LoadBalancer,
                                            {{u"standby"_s, true}, {u"priority"_s, 90}})
                                      .build();
        const QList<Finding> found = ofRule(review(topology), u"balancer-pair"_s);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().nodes, QStringList{u"lb-3"_s});
        QVERIFY(found.first().title.contains(u"second standby"_s));
    }

    void aFloatingIpOutsideTheNetworkOrOnAMachineIsAnError()
    {
        const auto withFloating = [](const QString &address) {
            return TopologyBuilder()
                .node(u"lb"_s, K::LoadBalancer, {{u"floatingIp"_s, address}})
                .node(u"lb-2"_s, K::LoadBalancer, {{u"standby"_s, true}, {u"priority"_s, 100}})
                .node(u"web-1"_s, K::WebServer)
                .link(u"lb"_s, u"web-1"_s)
                .link(u"lb-2"_s, u"web-1"_s)
                .build();
        };
        QCOMPARE(LabAddresses(withFloating(u"10.20.0.150"_s)).floating(), u"10.20.0.150"_s);
        QVERIFY(LabAddresses(withFloating(u"10.20.0.150"_s)).problems().isEmpty());

        const QList<Finding> outside = ofRule(review(withFloating(u"192.168.0.9"_s)), u"lab-address"_s);
        QCOMPARE(outside.size(), 1);
        QCOMPARE(outside.first().severity, Severity::Error);
        QVERIFY2(outside.first().title.contains(u"Floating IP 192.168.0.9"_s) &&
                     outside.first().title.contains(u"outside the lab network"_s),
                 qPrintable(outside.first().title));

        const QList<Finding> taken = ofRule(review(withFloating(u"10.20.0.21"_s)), u"lab-address"_s);
        QCOMPARE(taken.size(), 1);
        QCOMPARE(taken.first().nodes, (QStringList{u"lb"_s, u"web-1"_s}));
        QVERIFY2(taken.first().title.contains(u"is the address of \"web-1\""_s),
                 qPrintable(taken.first().title));
    }

    void aFirewallRuleThatDoesNotParseIsAnErrorNamingIt()
    {
        const Topology topology =
            TopologyBuilder()
                .node(u"fw"_s, NodeKind::Firewall,
                      {{u"rules"_s, u"allow tcp 3306 from app to database; alow tcp 22"_s}})
                .build();
        const QList<Finding> findings = ofRule(review(topology), u"firewall-syntax"_s);
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.first().severity, Severity::Error);
        QVERIFY2(findings.first().explanation.contains(u"rule 2 \"alow tcp 22\""_s),
                 qPrintable(findings.first().explanation));
        QVERIFY(findings.first().explanation.contains(u"write allow or drop"_s));
        QVERIFY(std::holds_alternative<QList<FirewallRuleList::Rule>>(
            FirewallRuleList::parse(u"drop udp 53 from internet to 10.20.0.0/24"_s)));
        QVERIFY(std::holds_alternative<QStringList>(
            FirewallRuleList::parse(u"allow tcp 99999"_s)));
    }

    void aFirewallThatLetsTheInternetPastTheSiteIsAWarning()
    {
        const auto firewall = [](const QString &policy, const QString &rules) {
            return TopologyBuilder()
                .node(u"fw"_s, NodeKind::Firewall,
                      {{u"defaultPolicy"_s, policy}, {u"rules"_s, rules}})
                .build();
        };
        // The template's own: the app hosts to the database, the internet to the site only.
        QVERIFY(ofRule(review(std::get<Topology>(Templates::load(u"foobar-fixed"_s))),
                       u"firewall-opening"_s)
                    .isEmpty());
        QVERIFY(ofRule(review(firewall(u"deny"_s, u"allow tcp 8443 from internet to public"_s)),
                       u"firewall-opening"_s)
                    .isEmpty());

        const QList<Finding> open = ofRule(review(firewall(u"allow"_s, {})), u"firewall-opening"_s);
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().severity, Severity::Warning);
        QVERIFY2(open.first().explanation.contains(u"default policy is allow"_s),
                 qPrintable(open.first().explanation));

        const QList<Finding> hole = ofRule(
            review(firewall(u"deny"_s, u"drop tcp 22; allow tcp 3307 from internet to database"_s)),
            u"firewall-opening"_s);
        QCOMPARE(hole.size(), 1);
        QVERIFY2(hole.first().title.contains(u"lets the internet reach the databases"_s),
                 qPrintable(hole.first().title));
        QVERIFY2(hole.first().explanation.startsWith(
                     u"Rule 2 (\"allow tcp 3307 from internet to database\")"_s),
                 qPrintable(hole.first().explanation));
        QCOMPARE(ofRule(review(firewall(u"deny"_s, u"allow tcp 22"_s)), u"firewall-opening"_s)
                     .first()
                     .title,
                 u"\"fw\" lets the internet reach every machine behind it"_s);
    }

    void everyRuleHasAUniqueId()
    {
        const DesignReview reviewer;
        QStringList ids;
        for (const auto &rule : reviewer.rules())
            ids.append(rule->id());
        QCOMPARE(ids.size(), 13);
        QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), ids.size());
    }
};

QTEST_GUILESS_MAIN(TestDesignReview)
#include "tst_designreview.moc"
