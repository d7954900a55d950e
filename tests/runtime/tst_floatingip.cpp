#include "core/clusterplan.h"
#include "core/templates.h"
#include "runtime/cluster/clustercontroller.h"
#include "runtime/cluster/labentry.h"
#include "runtime/net/healthprobe.h"
#include "runtime/net/vrrpinstance.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <mutex>

using namespace Qt::StringLiterals;
using namespace topolab;
using namespace topolab::runtime;

namespace {

// The fixed template without its databases: the pair and the floating IP are what is tested,
// and MariaDB would only make each run slower.
core::ClusterPlan pairPlan()
{
    core::ClusterPlan plan = std::get<core::ClusterPlan>(core::ClusterPlan::fromTopology(
        std::get<core::Topology>(core::Templates::load(u"foobar-fixed"_s))));
    plan.primary.reset();
    plan.replica.reset();
    for (core::ClusterPlan::Worker &worker : plan.workers)
        worker.hasApp = false;
    plan.balancer.port = 0; // the desktop's way in, unused here: any free port
    plan.balancer.healthIntervalMs = 200;
    if (plan.standby)
        plan.standby->healthIntervalMs = 200;
    return plan;
}

core::ClusterPlan s_plan;
LabEntry *s_lab = nullptr; // main's, alive while the tests run
QString s_skip;            // why the pair cannot run here, empty when it can

// Every answer a visitor on the internet host got through the floating IP, with when.
class SiteVisitor {
public:
    explicit SiteVisitor(const LabNetwork &lab)
    {
        m_clock.start();
        m_probe = std::make_unique<HealthProbe>(
            HealthProbe::Options{&lab.internet(), s_plan.floatingAddress, LabNetwork::kWebPort, "/",
                                 std::chrono::milliseconds(10), std::chrono::milliseconds(300)},
            [this](bool passed) {
                const std::lock_guard lock(m_mutex);
                m_answers.append({m_clock.elapsed(), passed});
            });
    }

    qint64 now() const { return m_clock.elapsed(); }

    int served(qint64 sinceMs) const
    {
        const std::lock_guard lock(m_mutex);
        return static_cast<int>(std::count_if(m_answers.begin(), m_answers.end(), [&](auto a) {
            return a.first >= sinceMs && a.second;
        }));
    }

    // Failures after the first request served again since `sinceMs`: there must be none.
    int failedAfterRecovery(qint64 sinceMs) const
    {
        const std::lock_guard lock(m_mutex);
        bool failed = false;
        bool recovered = false;
        int after = 0;
        for (const auto &[atMs, passed] : m_answers) {
            if (atMs < sinceMs)
                continue;
            if (!passed && recovered)
                ++after;
            failed = failed || !passed;
            recovered = recovered || (failed && passed);
        }
        return after;
    }

private:
    QElapsedTimer m_clock;
    mutable std::mutex m_mutex;
    QList<std::pair<qint64, bool>> m_answers;
    std::unique_ptr<HealthProbe> m_probe;
};

} // namespace

class TestFloatingIp : public QObject {
    Q_OBJECT

    QTemporaryDir m_cache;

    // Asks the hosts who holds the address until it is `expected`; counts the moments when two
    // did, which VRRP must never allow.
    static bool waitForHolder(const ClusterController &cluster, const QStringList &expected,
                              int *bothHeld)
    {
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 15000) {
            const QStringList holders = cluster.floatingHolders();
            if (holders.size() > 1)
                ++*bothHeld;
            if (holders == expected)
                return true;
            QTest::qWait(20);
        }
        return false;
    }

private slots:
    void init()
    {
        if (!s_skip.isEmpty())
            QSKIP(qPrintable(s_skip));
    }

    void theAddressMovesWhenTheActiveBalancerIsKilledOrFrozen()
    {
        ClusterController cluster(s_plan, {QStringLiteral(TOPOLAB_BINARY),
                                           m_cache.path(),
                                           {},
                                           s_lab->network(),
                                           s_lab->takeForwardListener()});
        QStringList problems;
        QVERIFY2(cluster.start(&problems), qPrintable(problems.join(u'\n')));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        const QString active = s_plan.balancer.nodeId;
        const QString standby = s_plan.standby->nodeId;
        int bothHeld = 0;
        QVERIFY(waitForHolder(cluster, {active}, &bothHeld));

        const SiteVisitor visitor(*s_lab->network());
        QTRY_VERIFY(visitor.served(0) >= 20);

        // Killed: keepalived on its host sees the balancer's health fail and lets go.
        const qint64 killedAt = visitor.now();
        QVERIFY(cluster.kill(active));
        QVERIFY2(waitForHolder(cluster, {standby}, &bothHeld), "the address did not move");
        QTRY_COMPARE_WITH_TIMEOUT(cluster.failovers().size(), 1, 10000);
        QCOMPARE(cluster.failovers().first().from, active);
        QCOMPARE(cluster.failovers().first().to, standby);
        QVERIFY2(cluster.failovers().first().ms > 0 && cluster.failovers().first().ms < 5000,
                 qPrintable(QString::number(cluster.failovers().first().ms)));
        QVERIFY(cluster.reason(standby).contains(s_plan.floatingAddress));
        QCOMPARE(cluster.servingBalancer(), cluster.standbyBalancer());
        const qint64 recovered = visitor.now();
        QTRY_VERIFY(visitor.served(recovered) >= 50);
        QCOMPARE(visitor.failedAfterRecovery(killedAt), 0);
        // The report's totals are the pair's: those served before the kill still count.
        const int answered = visitor.served(0);
        qint64 served = 0;
        for (const MetricsSnapshot::Backend &backend : cluster.siteSnapshot(0).backends)
            served += backend.total.requests;
        QVERIFY2(served >= answered, qPrintable(u"%1 < %2"_s.arg(served).arg(answered)));

        // A drain and a new algorithm while the active is down reach only the standby; the
        // active, back, has them.
        const QString server = s_plan.workers.first().name;
        for (Balancer *running : cluster.balancers()) {
            QVERIFY(running->setServerState(server, ServerAdminState::Drain));
            QVERIFY(running->setAlgorithm(core::BalancingAlgorithm::LeastConnections));
        }
        QCOMPARE(cluster.balancer()->algorithm(), s_plan.balancer.algorithm);

        // Back, with preempt on: the active takes its address back, again never both.
        QString error;
        QVERIFY2(cluster.restart(active, &error), qPrintable(error));
        const auto adminOf = [&](const Balancer *balancer) {
            for (const MetricsSnapshot::Backend &backend : balancer->snapshot(0).backends)
                if (backend.name == server)
                    return backend.admin;
            return ServerAdminState::Ready;
        };
        QCOMPARE(adminOf(cluster.balancer()), ServerAdminState::Drain);
        QCOMPARE(cluster.balancer()->algorithm(), core::BalancingAlgorithm::LeastConnections);
        for (Balancer *running : cluster.balancers())
            QVERIFY(running->setServerState(server, ServerAdminState::Ready));
        QVERIFY(waitForHolder(cluster, {active}, &bothHeld));
        const qint64 movedBack = visitor.now();
        QTRY_VERIFY(visitor.served(movedBack + 200) >= 20);

        // Frozen: the process lives but answers nothing, and keepalived's check sees that too.
        const qint64 frozenAt = visitor.now();
        QVERIFY(cluster.pause(active));
        QVERIFY2(waitForHolder(cluster, {standby}, &bothHeld), "the address did not move");
        QTRY_COMPARE_WITH_TIMEOUT(cluster.failovers().size(), 2, 10000);
        QCOMPARE(cluster.failovers().last().from, active);
        QTRY_VERIFY(visitor.served(visitor.now() - 500) >= 20);
        QCOMPARE(visitor.failedAfterRecovery(frozenAt), 0);
        QVERIFY(cluster.resume(active));

        QCOMPARE(bothHeld, 0);
        cluster.stop();
        QCOMPARE(cluster.floatingHolders(), QStringList());
    }
};

int main(int argc, char *argv[])
{
    // The namespaces before QCoreApplication starts any thread (see UserNamespace).
    s_plan = pairPlan();
    QString error;
    std::optional<LabEntry> lab = LabEntry::open(s_plan, &error);
    if (!lab)
        qFatal("%s", qPrintable(error));
    s_lab = &*lab;
    if (!s_lab->isLab())
        s_skip = u"no lab on this machine: "_s + s_lab->oneHostReason();
    else if (const QString missing = VrrpInstance::missingTool(); !missing.isEmpty())
        s_skip = missing;
    QCoreApplication app(argc, argv);
    TestFloatingIp test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_floatingip.moc"
