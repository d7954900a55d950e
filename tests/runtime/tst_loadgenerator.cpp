#include "runtime/load/loadgenerator.h"
#include "threadedhttpserver.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace topolab::runtime;
using namespace std::chrono_literals;

class TestLoadGenerator : public QObject {
    Q_OBJECT

private slots:
    void closedLoopSendsExactlyTheCountWithTheMix()
    {
        ThreadedHttpServer server([](const HttpRequest &request) {
            HttpResponse response = HttpResponse::text(request.method == "POST" ? 201 : 200, "ok");
            response.headers.set("X-Served-By", "stub");
            return response;
        });
        LoadOptions options;
        options.port = server.port();
        options.requests = 500;
        options.concurrency = 4;
        options.staticShare = 50;
        options.readShare = 30;
        options.writeShare = 20;
        LoadGenerator generator(options);
        QSignalSpy finished(&generator, &LoadGenerator::finished);
        generator.start();
        QVERIFY(finished.wait(20000));
        const LoadReport &report = generator.report();
        QCOMPARE(report.completed, 500);
        QCOMPARE(report.failed, 0);
        QCOMPARE(report.servedBy.value(u"stub"_s), 500);
        QCOMPARE(server.requests().size(), 500);
        QVERIFY(report.writes > 60 && report.writes < 140);
        QVERIFY(report.reads > 110 && report.reads < 190);
        QCOMPARE(report.statusClasses[1], 500);
        QCOMPARE(report.latency.count(), 500);
    }

    void openLoopKeepsTheRateAndCountsFailures()
    {
        LoadOptions options;
        QTcpServer placeholder;
        QVERIFY(placeholder.listen(QHostAddress::LocalHost));
        options.port = placeholder.serverPort();
        placeholder.close(); // nothing listens: every request fails to connect
        options.rate = 200;
        options.duration = 500ms;
        LoadGenerator generator(options);
        QSignalSpy finished(&generator, &LoadGenerator::finished);
        generator.start();
        QVERIFY(finished.wait(20000));
        const LoadReport &report = generator.report();
        QCOMPARE(report.completed, 0);
        QVERIFY2(report.failed >= 80 && report.failed <= 120,
                 qPrintable(QString::number(report.failed)));
    }
};

QTEST_GUILESS_MAIN(TestLoadGenerator)
#include "tst_loadgenerator.moc"
