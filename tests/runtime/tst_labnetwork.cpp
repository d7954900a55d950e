#include "core/clusterplan.h"
#include "core/templates.h"
#include "core/topologyjson.h"
#include "runtime/net/exposurescan.h"
#include "runtime/net/labnetwork.h"
#include "runtime/net/nftfirewall.h"
#include "runtime/net/usernamespace.h"
#include "firewalleddesign.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTcpServer>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace topolab;
using namespace topolab::runtime;
using Outcome = ExposureScan::Outcome;

namespace {

QString s_why; // why the lab cannot run here, empty when it can

core::Topology foobar()
{
    return std::get<core::Topology>(core::Templates::load(u"foobar"_s));
}

// The template with a firewall between the DNS name and the balancer.
core::Topology foobarBehindAFirewall(const QString &rules = {})
{
    const QJsonObject json = withFirewallInFront(core::TopologyJson::toJson(foobar()), rules);
    core::Topology topology;
    const auto error = core::TopologyJson::fromJson(json, &topology);
    if (error)
        qFatal("%s", qPrintable(error->message()));
    return topology;
}

core::ClusterPlan planOf(const core::Topology &topology)
{
    return std::get<core::ClusterPlan>(core::ClusterPlan::fromTopology(topology));
}

// A listener inside `host`, as a server of the design would have.
std::unique_ptr<QTcpServer> listenIn(const NetworkHost *host, quint16 port)
{
    const NetworkHost::Scope inside(host);
    auto server = std::make_unique<QTcpServer>();
    if (!server->listen(QHostAddress::AnyIPv4, port))
        qFatal("cannot listen on %d in %s", port, qPrintable(host->name()));
    return server;
}

Outcome reach(const NetworkHost &from, const QString &address, quint16 port)
{
    return ExposureScan::run(from, {{{}, address, port, {}}}).first().outcome;
}

} // namespace

class TestLabNetwork : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        if (!s_why.isEmpty())
            QSKIP(qPrintable(u"no lab on this machine: "_s + s_why));
    }

    void everyMachineHasItsAddressAndTheTemplateExposesItsDatabase()
    {
        const core::ClusterPlan plan = planOf(foobar());
        QString error;
        const auto lab = LabNetwork::build(plan, &error);
        QVERIFY2(lab, qPrintable(error));
        QCOMPARE(lab->machines().size(), size_t(5)); // balancer, two servers, two databases
        QCOMPARE(lab->addressOf(u"lb"_s), u"10.20.0.10"_s);
        QCOMPARE(lab->addressOf(u"web-1"_s), u"10.20.0.21"_s);
        QCOMPARE(lab->addressOf(u"app-1"_s), u"10.20.0.21"_s); // one machine with its web server
        QCOMPARE(lab->addressOf(u"db-primary"_s), u"10.20.0.31"_s);
        const auto database = listenIn(lab->hostOf(u"db-primary"_s), 3306);
        const auto web = listenIn(lab->hostOf(u"lb"_s), 80);
        // No firewall: the internet reaches the database as it reaches the site.
        QCOMPARE(reach(lab->internet(), u"10.20.0.31"_s, 3306), Outcome::Open);
        QCOMPARE(reach(lab->internet(), u"10.20.0.10"_s, 80), Outcome::Open);
        QCOMPARE(reach(lab->internet(), u"10.20.0.10"_s, 81), Outcome::Refused);
    }

    void hostsTalkOnlyAsDrawn()
    {
        const core::ClusterPlan plan = planOf(foobar());
        QString error;
        const auto lab = LabNetwork::build(plan, &error);
        QVERIFY2(lab, qPrintable(error));
        const auto server1 = listenIn(lab->hostOf(u"web-1"_s), 8081);
        const auto server2 = listenIn(lab->hostOf(u"web-2"_s), 8082);
        const auto primary = listenIn(lab->hostOf(u"db-primary"_s), 3306);
        const NetworkHost &balancer = *lab->hostOf(u"lb"_s);
        const NetworkHost &first = *lab->hostOf(u"web-1"_s);
        QCOMPARE(reach(balancer, u"10.20.0.21"_s, 8081), Outcome::Open);
        QCOMPARE(reach(first, u"10.20.0.31"_s, 3306), Outcome::Open);
        // Not linked: server 1 cannot reach server 2, nor the balancer the database.
        QCOMPARE(reach(first, u"10.20.0.22"_s, 8082), Outcome::Filtered);
        QCOMPARE(reach(balancer, u"10.20.0.31"_s, 3306), Outcome::Filtered);
        // Nor does anything leave the lab: the user's own network is not reachable from it.
        QVERIFY(reach(first, u"127.0.0.1"_s, 8082) != Outcome::Open);
    }

    void theFirewallDropsTheDatabaseFromTheInternetAndPassesTheWeb()
    {
        if (!NftFirewall::missingTool().isEmpty())
            QSKIP(qPrintable(NftFirewall::missingTool()));
        const core::ClusterPlan plan = planOf(foobarBehindAFirewall());
        QVERIFY(plan.firewall);
        QString error;
        const auto lab = LabNetwork::build(plan, &error);
        QVERIFY2(lab, qPrintable(error));
        QCOMPARE(lab->addressOf(u"fw"_s), u"10.20.0.1"_s);
        const NftFirewall firewall(plan, *lab);
        QVERIFY2(firewall.apply(&error), qPrintable(error + u"\n"_s + firewall.ruleset()));
        QCOMPARE(firewall.droppedPackets(), 0);
        const auto web = listenIn(lab->hostOf(u"lb"_s), 80);
        const auto admin = listenIn(lab->hostOf(u"lb"_s), 8404);
        const auto database = listenIn(lab->hostOf(u"db-primary"_s), 3306);
        QCOMPARE(reach(lab->internet(), u"10.20.0.10"_s, 80), Outcome::Open);
        QCOMPARE(reach(lab->internet(), u"10.20.0.31"_s, 3306), Outcome::Filtered);
        QCOMPARE(reach(lab->internet(), u"10.20.0.10"_s, 8404), Outcome::Filtered);
        QVERIFY2(firewall.droppedPackets() >= 2, qPrintable(firewall.ruleset()));
        // Inside, the application servers still reach the database over their link.
        QCOMPARE(reach(*lab->hostOf(u"web-2"_s), u"10.20.0.31"_s, 3306), Outcome::Open);
    }

    void aRuleAllowsWhatItSays()
    {
        if (!NftFirewall::missingTool().isEmpty())
            QSKIP(qPrintable(NftFirewall::missingTool()));
        const core::ClusterPlan plan =
            planOf(foobarBehindAFirewall(u"allow tcp 3306 from internet to database"_s));
        QString error;
        const auto lab = LabNetwork::build(plan, &error);
        QVERIFY2(lab, qPrintable(error));
        QVERIFY2(NftFirewall(plan, *lab).apply(&error), qPrintable(error));
        const auto database = listenIn(lab->hostOf(u"db-primary"_s), 3306);
        QCOMPARE(reach(lab->internet(), u"10.20.0.31"_s, 3306), Outcome::Open);
    }
};

int main(int argc, char *argv[])
{
    // Before QCoreApplication and QTest start any thread: the kernel gives a new user namespace
    // only to a process with one.
    UserNamespace::enter(&s_why);
    QCoreApplication app(argc, argv);
    TestLabNetwork test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_labnetwork.moc"
