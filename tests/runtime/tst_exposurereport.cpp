#include "runtime/net/exposurereport.h"

#include <QTest>

using namespace Qt::StringLiterals;
using topolab::runtime::ExposureReport;
using Outcome = ExposureReport::Outcome;

// What a scan's answers mean: the site's own web ports are where the internet belongs; anything
// else that answers is exposed, a database first.
class TestExposureReport : public QObject {
    Q_OBJECT

    static ExposureReport seed()
    {
        ExposureReport report;
        report.from = u"203.0.113.10"_s;
        report.site = u"10.20.0.10"_s;
        report.results = {
            {{u"Load balancer"_s, u"10.20.0.10"_s, 80, u"balancer"_s}, Outcome::Open},
            {{u"Load balancer"_s, u"10.20.0.10"_s, 22, u"balancer"_s}, Outcome::Refused},
            {{u"Server 1"_s, u"10.20.0.21"_s, 8081, u"server"_s}, Outcome::Open},
            {{u"MySQL primary"_s, u"10.20.0.31"_s, 3306, u"database"_s}, Outcome::Open},
            {{u"MySQL primary"_s, u"10.20.0.31"_s, 80, u"database"_s}, Outcome::Filtered}};
        return report;
    }

private slots:
    void theDatabaseComesFirstAmongTheExposed()
    {
        const ExposureReport report = seed();
        QCOMPARE(report.open().size(), 3);
        const QList<ExposureReport::Result> exposed = report.exposed();
        QCOMPARE(exposed.size(), 2);
        QCOMPARE(exposed.at(0).target.machine, u"MySQL primary"_s);
        QCOMPARE(exposed.at(1).target.machine, u"Server 1"_s);
        QCOMPARE(report.count(Outcome::Refused), 1);
        QCOMPARE(report.count(Outcome::Filtered), 1);
        const QString verdict = report.verdict();
        QVERIFY2(verdict.startsWith(u"Besides the site, the internet reaches MySQL primary "
                                    u"10.20.0.31:3306, Server 1 10.20.0.21:8081 — a database"_s),
                 qPrintable(verdict));
        QVERIFY(verdict.endsWith(u"Put a firewall in front of the balancer that lets only the web "
                                 u"ports in."_s));
        QCOMPARE(ExposureReport::serviceOf(exposed.at(0).target), u"MySQL"_s);
        // Behind a firewall that lets them in, adding one is not the advice.
        ExposureReport walled = report;
        walled.firewall = true;
        QVERIFY2(
            walled.verdict().endsWith(u"The firewall lets them through: its default policy "
                                      u"or one of its rules allows more than the web ports."_s),
            qPrintable(walled.verdict()));
    }

    void behindAFirewallOnlyTheSiteAnswers()
    {
        ExposureReport report = seed();
        for (ExposureReport::Result &result : report.results)
            if (!report.isSite(result.target))
                result.outcome = Outcome::Filtered;
        QVERIFY(report.exposed().isEmpty());
        QCOMPARE(report.verdict(),
                 u"The internet reaches only the site: Load balancer 10.20.0.10:80."_s);
        // The site's HTTPS port is the site too; the same port elsewhere is not.
        QVERIFY(report.isSite({u"x"_s, u"10.20.0.10"_s, 443, {}}));
        QVERIFY(!report.isSite({u"x"_s, u"10.20.0.21"_s, 443, {}}));
        QVERIFY(!report.isSite({u"x"_s, u"10.20.0.10"_s, 8080, {}}));
    }

    void manyExposedAreCountedNotAllNamed()
    {
        ExposureReport report = seed();
        for (quint16 port : {8082, 8083, 8084})
            report.results.append(
                {{u"Server"_s, u"10.20.0.22"_s, port, u"server"_s}, Outcome::Open});
        const QString verdict = report.verdict();
        QVERIFY2(verdict.contains(u"and 2 more"_s), qPrintable(verdict));
    }

    void nothingAnsweringSaysSo()
    {
        ExposureReport report = seed();
        for (ExposureReport::Result &result : report.results)
            result.outcome = Outcome::Filtered;
        QVERIFY(report.verdict().contains(u"nothing of the lab"_s));
        const ExposureReport none = ExposureReport::oneHost(u"Unset TOPOLAB_LAB."_s);
        QCOMPARE(none.verdict(), none.error);
        QVERIFY(none.error.endsWith(u"desktop's own. Unset TOPOLAB_LAB."_s));
    }

    void outcomeNamesRoundTrip()
    {
        for (Outcome outcome : {Outcome::Open, Outcome::Refused, Outcome::Filtered})
            QCOMPARE(ExposureReport::outcomeFromName(ExposureReport::outcomeName(outcome)),
                     outcome);
        QCOMPARE(ExposureReport::outcomeFromName(u"Open"_s), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestExposureReport)
#include "tst_exposurereport.moc"
