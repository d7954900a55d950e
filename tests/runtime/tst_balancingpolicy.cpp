#include "runtime/balancer/balancingpolicy.h"

#include <QTest>
#include <vector>

using namespace Qt::StringLiterals;
using namespace topolab::runtime;
namespace core = topolab::core;

namespace {

std::vector<BackendStatus> backends(std::initializer_list<int> weights)
{
    std::vector<BackendStatus> result;
    int n = 0;
    for (int weight : weights)
        result.push_back({u"s%1"_s.arg(++n), weight, true, 0});
    return result;
}

QString sequence(BalancingPolicy &policy, const std::vector<BackendStatus> &status, int count,
                 const PickContext &context = {})
{
    QString picks;
    for (int i = 0; i < count; ++i) {
        const std::optional<int> pick = policy.pick(status, context);
        picks += pick ? QChar(u'a' + *pick) : u'-';
    }
    return picks;
}

} // namespace

class TestBalancingPolicy : public QObject {
    Q_OBJECT

private slots:
    void factoryKnowsTheFourAlgorithms()
    {
        QCOMPARE(
            core::balancingAlgorithmNames(),
            (QStringList{u"round-robin"_s, u"weighted"_s, u"least-connections"_s, u"ip-hash"_s}));
        for (core::BalancingAlgorithm algorithm : core::kBalancingAlgorithms) {
            QCOMPARE(makeBalancingPolicy(algorithm)->algorithm(), algorithm);
            QCOMPARE(core::balancingAlgorithmFromName(core::balancingAlgorithmName(algorithm)),
                     algorithm);
        }
        QVERIFY(!core::balancingAlgorithmFromName(u"random"_s));
    }

    void roundRobinAlternatesOverHealthyBackends()
    {
        auto policy = makeBalancingPolicy(core::BalancingAlgorithm::RoundRobin);
        auto status = backends({1, 1, 1});
        QCOMPARE(sequence(*policy, status, 6), u"abcabc"_s);
        status[1].healthy = false;
        QCOMPARE(sequence(*policy, status, 4), u"acac"_s);
        PickContext retry;
        retry.excluded = {0};
        QCOMPARE(sequence(*policy, status, 2, retry), u"cc"_s);
        status[0].healthy = status[2].healthy = false;
        QCOMPARE(sequence(*policy, status, 1), u"-"_s);
    }

    void weightedIsSmoothLikeNginx()
    {
        auto policy = makeBalancingPolicy(core::BalancingAlgorithm::Weighted);
        const auto status = backends({5, 1, 1});
        QCOMPARE(sequence(*policy, status, 14), u"aabacaaaabacaa"_s);
    }

    void leastConnectionsPrefersTheIdle()
    {
        auto policy = makeBalancingPolicy(core::BalancingAlgorithm::LeastConnections);
        auto status = backends({1, 1});
        QCOMPARE(sequence(*policy, status, 4), u"abab"_s);
        status[0].activeRequests = 3;
        QCOMPARE(sequence(*policy, status, 3), u"bbb"_s);
        status[1].activeRequests = 3;
        status[1].weight = 3; // three times the capacity: 3/3 < 3/1
        QCOMPARE(sequence(*policy, status, 1), u"b"_s);
    }

    void ipHashIsStickyAndMovesOnlyTheFailedClients()
    {
        auto policy = makeBalancingPolicy(core::BalancingAlgorithm::IpHash);
        auto status = backends({1, 1, 1});
        QHash<QString, int> home;
        QSet<int> used;
        for (int i = 0; i < 60; ++i) {
            PickContext context;
            context.clientAddress = "10.0.0." + QByteArray::number(i);
            const int first = *policy->pick(status, context);
            QCOMPARE(*policy->pick(status, context), first);
            home.insert(QString::fromLatin1(context.clientAddress), first);
            used.insert(first);
        }
        QCOMPARE(used.size(), 3);
        status[1].healthy = false;
        for (auto it = home.cbegin(); it != home.cend(); ++it) {
            PickContext context;
            context.clientAddress = it.key().toLatin1();
            const int now = *policy->pick(status, context);
            if (it.value() != 1)
                QCOMPARE(now, it.value());
            else
                QVERIFY(now != 1);
        }
    }
};

QTEST_GUILESS_MAIN(TestBalancingPolicy)
#include "tst_balancingpolicy.moc"
