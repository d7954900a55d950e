#include "core/clusterplan.h"
#include "core/templates.h"
#include "topologybuilder.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace topolab::core;

class TestClusterPlan : public QObject {
    Q_OBJECT

private slots:
    void templatePlan()
    {
        const auto planned =
            ClusterPlan::fromTopology(std::get<Topology>(Templates::load(u"foobar"_s)));
        QVERIFY(std::holds_alternative<ClusterPlan>(planned));
        const ClusterPlan &plan = std::get<ClusterPlan>(planned);
        QCOMPARE(plan.balancer.nodeId, u"lb"_s);
        QCOMPARE(plan.balancer.algorithm, BalancingAlgorithm::RoundRobin);
        QCOMPARE(plan.balancer.port, 8080);
        QCOMPARE(plan.workers.size(), 2);
        QCOMPARE(plan.workers.at(0).name, u"server-1"_s);
        QCOMPARE(plan.workers.at(1).name, u"server-2"_s);
        QCOMPARE(plan.workers.at(0).port, 8081);
        QCOMPARE(plan.workers.at(0).appNodeId, u"app-1"_s);
        QCOMPARE(plan.workers.at(0).site, u"foobar"_s);
        QVERIFY(plan.workers.at(0).hasApp);
        QCOMPARE(plan.primary->nodeId, u"db-primary"_s);
        QCOMPARE(plan.primary->port, 3307);
        QCOMPARE(plan.replica->nodeId, u"db-replica"_s);
        QVERIFY(plan.notRun.isEmpty());
    }

    void whatCannotRunIsSaid()
    {
        const Topology noBalancer = TopologyBuilder().node(u"web"_s, NodeKind::WebServer).build();
        const auto refused = ClusterPlan::fromTopology(noBalancer);
        QVERIFY(std::get<QString>(refused).contains(u"no load balancer"_s));

        const Topology empty = TopologyBuilder().node(u"lb"_s, NodeKind::LoadBalancer).build();
        QVERIFY(std::get<QString>(ClusterPlan::fromTopology(empty))
                    .contains(u"no web server behind it"_s));

        const Topology extra = TopologyBuilder()
                                   .node(u"fw"_s, NodeKind::Firewall)
                                   .node(u"lb"_s, NodeKind::LoadBalancer)
                                   .node(u"lb-2"_s, NodeKind::LoadBalancer, {{u"port"_s, 8090}})
                                   .node(u"web"_s, NodeKind::WebServer)
                                   .link(u"fw"_s, u"lb"_s)
                                   .link(u"lb"_s, u"web"_s)
                                   .build();
        const ClusterPlan plan = std::get<ClusterPlan>(ClusterPlan::fromTopology(extra));
        QCOMPARE(plan.workers.size(), 1);
        QCOMPARE(plan.workers.first().name, u"web"_s);
        QVERIFY(!plan.workers.first().hasApp);
        QVERIFY(!plan.primary);
        // The firewall in front of the balancer is enforced in the lab; the second balancer
        // does not run.
        QCOMPARE(plan.notRun.size(), 1);
        QVERIFY(plan.firewall);
        QCOMPARE(plan.firewall->address, u"10.20.0.1"_s);
        QCOMPARE(plan.firewall->publicPorts, (QList<int>{80, 443}));
        QCOMPARE(plan.firewall->rules.size(), 1);
        QCOMPARE(plan.balancer.address, u"10.20.0.10"_s);
    }

    void theFixedTemplateRunsABalancerPairWithAFloatingIp()
    {
        const ClusterPlan plan = std::get<ClusterPlan>(
            ClusterPlan::fromTopology(std::get<Topology>(Templates::load(u"foobar-fixed"_s))));
        QCOMPARE(plan.balancer.nodeId, u"lb"_s);
        QCOMPARE(plan.balancer.priority, 150);
        QVERIFY(plan.standby);
        QCOMPARE(plan.standby->nodeId, u"lb-2"_s);
        QCOMPARE(plan.standby->priority, 100);
        QCOMPARE(plan.standby->address, u"10.20.0.11"_s);
        QCOMPARE(plan.floatingAddress, u"10.20.0.100"_s);
        QCOMPARE(plan.balancerOf(u"lb-2"_s), &*plan.standby);
        QCOMPARE(plan.balancerOf(u"web-1"_s), nullptr);
        QVERIFY(plan.firewall);
        QVERIFY(plan.notRun.isEmpty());
        QCOMPARE(plan.workers.size(), 2);
    }

    void aStandbyWithoutAPairPartnerIsNoPair()
    {
        // Only the standby marked: it is the one balancer, so it runs as the active one.
        const Topology alone = TopologyBuilder()
                                   .node(u"lb"_s, NodeKind::LoadBalancer, {{u"standby"_s, true}})
                                   .node(u"web"_s, NodeKind::WebServer)
                                   .link(u"lb"_s, u"web"_s)
                                   .build();
        const ClusterPlan plan = std::get<ClusterPlan>(ClusterPlan::fromTopology(alone));
        QCOMPARE(plan.balancer.nodeId, u"lb"_s);
        QVERIFY(!plan.standby);
        QVERIFY(plan.floatingAddress.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestClusterPlan)
#include "tst_clusterplan.moc"
