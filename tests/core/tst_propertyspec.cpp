#include "core/kindcatalog.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace topolab::core;

class TestPropertySpec : public QObject {
    Q_OBJECT

private slots:
    void everyKindHasValidDefaults()
    {
        for (NodeKind kind : allNodeKinds()) {
            for (const PropertySpec &spec : KindCatalog::properties(kind)) {
                QVariant canonical;
                const Outcome checked = spec.check(spec.defaultValue(), &canonical);
                QVERIFY2(checked,
                         qPrintable(kindId(kind) + u'.' + spec.key() + u": "_s + checked.reason()));
                QCOMPARE(canonical, spec.defaultValue());
            }
        }
    }

    void balancerDefaultsAreTheSeedOnes()
    {
        const QVariantMap defaults = KindCatalog::defaultProperties(NodeKind::LoadBalancer);
        QCOMPARE(defaults.value(u"algorithm"_s).toString(), u"round-robin"_s);
        QCOMPARE(
            KindCatalog::property(NodeKind::LoadBalancer, u"algorithm"_s)->choices(),
            QStringList({u"round-robin"_s, u"weighted"_s, u"least-connections"_s, u"ip-hash"_s}));
        QVERIFY(defaults.contains(u"port"_s));
        QVERIFY(defaults.contains(u"healthIntervalMs"_s));
        QCOMPARE(KindCatalog::property(NodeKind::WebServer, u"weight"_s)->defaultValue().toInt(),
                 1);
        QCOMPARE(KindCatalog::property(NodeKind::Database, u"role"_s)->choices(),
                 QStringList({u"primary"_s, u"replica"_s}));
    }

    void values_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QVariant>("canonical");
        QTest::addColumn<QString>("refusal");

        const auto lb = static_cast<int>(NodeKind::LoadBalancer);
        const auto dns = static_cast<int>(NodeKind::Dns);
        const auto fw = static_cast<int>(NodeKind::Firewall);
        QTest::newRow("port") << lb << u"port"_s << QVariant(443) << QVariant(443) << QString();
        QTest::newRow("port from JSON double")
            << lb << u"port"_s << QVariant(8080.0) << QVariant(8080) << QString();
        QTest::newRow("port zero")
            << lb << u"port"_s << QVariant(0) << QVariant() << u"from 1 to 65535"_s;
        QTest::newRow("port too big")
            << lb << u"port"_s << QVariant(65536) << QVariant() << u"not the number 65536"_s;
        QTest::newRow("port huge")
            << lb << u"port"_s << QVariant(1e300) << QVariant() << u"from 1 to 65535"_s;
        QTest::newRow("port fraction")
            << lb << u"port"_s << QVariant(80.5) << QVariant() << u"whole number"_s;
        QTest::newRow("port as text")
            << lb << u"port"_s << QVariant(u"80"_s) << QVariant() << u"not the text \"80\""_s;
        QTest::newRow("interval unit") << lb << u"healthIntervalMs"_s << QVariant(50) << QVariant()
                                       << u"milliseconds from 100 to 60000"_s;
        QTest::newRow("algorithm") << lb << u"algorithm"_s << QVariant(u"ip-hash"_s)
                                   << QVariant(u"ip-hash"_s) << QString();
        QTest::newRow("algorithm unknown")
            << lb << u"algorithm"_s << QVariant(u"random"_s) << QVariant()
            << u"one of round-robin, weighted, least-connections, ip-hash"_s;
        QTest::newRow("https") << lb << u"https"_s << QVariant(true) << QVariant(true) << QString();
        QTest::newRow("https as text")
            << lb << u"https"_s << QVariant(u"yes"_s) << QVariant() << u"true or false"_s;
        QTest::newRow("hostname") << dns << u"hostname"_s << QVariant(u"shop.example.org"_s)
                                  << QVariant(u"shop.example.org"_s) << QString();
        QTest::newRow("hostname with space")
            << dns << u"hostname"_s << QVariant(u"foo bar.com"_s) << QVariant() << u"host name"_s;
        QTest::newRow("hostname label dash")
            << dns << u"hostname"_s << QVariant(u"-foo.com"_s) << QVariant() << u"host name"_s;
        QTest::newRow("hostname empty label")
            << dns << u"hostname"_s << QVariant(u"foo..com"_s) << QVariant() << u"host name"_s;
        QTest::newRow("port list") << fw << u"allowPorts"_s << QVariant(u"22, 80,443"_s)
                                   << QVariant(u"22, 80,443"_s) << QString();
        QTest::newRow("port list bad")
            << fw << u"allowPorts"_s << QVariant(u"80,http"_s) << QVariant() << u"list of ports"_s;
        QTest::newRow("port list out of range")
            << fw << u"allowPorts"_s << QVariant(u"70000"_s) << QVariant() << u"list of ports"_s;
    }

    void values()
    {
        QFETCH(int, kind);
        QFETCH(QString, key);
        QFETCH(QVariant, value);
        QFETCH(QVariant, canonical);
        QFETCH(QString, refusal);

        const PropertySpec *spec = KindCatalog::property(static_cast<NodeKind>(kind), key);
        QVERIFY(spec);
        QVariant result;
        const Outcome checked = spec->check(value, &result);
        if (refusal.isEmpty()) {
            QVERIFY2(checked, qPrintable(checked.reason()));
            QCOMPARE(result, canonical);
            QCOMPARE(result.typeId(), canonical.typeId());
        } else {
            QVERIFY(!checked);
            QVERIFY2(checked.reason().contains(refusal), qPrintable(checked.reason()));
            QVERIFY2(checked.reason().contains(key), qPrintable(checked.reason()));
        }
    }

    void kindIdsRoundTrip()
    {
        for (NodeKind kind : allNodeKinds())
            QCOMPARE(kindFromId(kindId(kind)), std::optional<NodeKind>(kind));
        QCOMPARE(kindFromId(u"router"_s), std::nullopt);
        QCOMPARE(allNodeKinds().size(), 9);
    }

    void headlineAndListeners()
    {
        QCOMPARE(KindCatalog::headlineProperty(NodeKind::LoadBalancer), u"algorithm"_s);
        QCOMPARE(KindCatalog::headlineProperty(NodeKind::Database), u"role"_s);
        QVERIFY(KindCatalog::listens(NodeKind::WebServer));
        QVERIFY(KindCatalog::listens(NodeKind::Database));
        QVERIFY(!KindCatalog::listens(NodeKind::Codebase));
        QVERIFY(!KindCatalog::listens(NodeKind::Dns));
    }
};

QTEST_GUILESS_MAIN(TestPropertySpec)
#include "tst_propertyspec.moc"
