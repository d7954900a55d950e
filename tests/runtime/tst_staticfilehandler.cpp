#include "runtime/worker/staticfilehandler.h"

#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace topolab::runtime;

class TestStaticFileHandler : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_site;

    static HttpRequest get(const QByteArray &target, const QByteArray &method = "GET")
    {
        HttpRequest request;
        request.method = method;
        request.target = target;
        return request;
    }

    void write(const QString &path, const QByteArray &data)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(data);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(QDir(m_dir.path()).mkpath(u"site/css"_s));
        m_site = m_dir.filePath(u"site"_s);
        write(m_site + u"/index.html"_s, "<h1>home</h1>");
        write(m_site + u"/css/site.css"_s, "body{}");
        write(m_dir.filePath(u"secret.txt"_s), "top secret");
        QVERIFY(QFile::link(m_dir.filePath(u"secret.txt"_s), m_site + u"/escape.txt"_s));
    }

    void servesFilesWithTheirType()
    {
        const StaticFileHandler handler(m_site);
        HttpResponse index = handler.handle(get("/"));
        QCOMPARE(index.status, 200);
        QCOMPARE(index.body, QByteArray("<h1>home</h1>"));
        QCOMPARE(index.headers.value("Content-Type"), QByteArray("text/html; charset=utf-8"));
        QCOMPARE(handler.handle(get("/css/site.css")).headers.value("Content-Type"),
                 QByteArray("text/css; charset=utf-8"));
        QCOMPARE(handler.handle(get("/css/site%2Ecss")).status, 200);
        QCOMPARE(handler.handle(get("/nope.html")).status, 404);
        QCOMPARE(StaticFileHandler::contentType(u"x.PNG"_s), QByteArray("image/png"));
        QCOMPARE(StaticFileHandler::contentType(u"x.bin"_s),
                 QByteArray("application/octet-stream"));
    }

    void conditionalRequestsGet304()
    {
        const StaticFileHandler handler(m_site);
        const HttpResponse first = handler.handle(get("/index.html"));
        const QByteArray etag = first.headers.value("ETag");
        QVERIFY(etag.startsWith('"'));
        HttpRequest again = get("/index.html");
        again.headers.set("If-None-Match", "\"other\", " + etag);
        const HttpResponse cached = handler.handle(again);
        QCOMPARE(cached.status, 304);
        QVERIFY(!cached.serialize().contains("home"));

        HttpRequest since = get("/index.html");
        since.headers.set("If-Modified-Since", first.headers.value("Last-Modified"));
        QCOMPARE(handler.handle(since).status, 304);
        since.headers.set("If-Modified-Since", "Mon, 01 Jan 1990 00:00:00 GMT");
        QCOMPARE(handler.handle(since).status, 200);
        since.headers.set("If-Modified-Since", "yesterday");
        QCOMPARE(handler.handle(since).status, 200);
    }

    void headHasTheLengthButNoBody()
    {
        const StaticFileHandler handler(m_site);
        const HttpResponse head = handler.handle(get("/index.html", "HEAD"));
        QCOMPARE(head.status, 200);
        const QByteArray wire = head.serialize(true);
        QVERIFY(wire.contains("Content-Length: 13\r\n"));
        QVERIFY(wire.endsWith("\r\n\r\n"));
        const HttpResponse post = handler.handle(get("/index.html", "POST"));
        QCOMPARE(post.status, 405);
        QCOMPARE(post.headers.value("Allow"), QByteArray("GET, HEAD"));
    }

    void nothingOutsideTheRoot_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<int>("status");
        QTest::newRow("dot dot") << QByteArray("/../secret.txt") << 403;
        QTest::newRow("deep dot dot") << QByteArray("/css/../../secret.txt") << 403;
        QTest::newRow("encoded") << QByteArray("/%2e%2e/secret.txt") << 403;
        QTest::newRow("encoded slash") << QByteArray("/css%2f..%2f..%2fsecret.txt") << 403;
        QTest::newRow("backslash") << QByteArray("/..%5csecret.txt") << 400;
        QTest::newRow("nul") << QByteArray("/index.html%00.png") << 400;
        QTest::newRow("symlink out") << QByteArray("/escape.txt") << 403;
        QTest::newRow("no leading slash") << QByteArray("index.html") << 400;
    }

    void nothingOutsideTheRoot()
    {
        QFETCH(QByteArray, target);
        QFETCH(int, status);
        const HttpResponse response = StaticFileHandler(m_site).handle(get(target));
        QCOMPARE(response.status, status);
        QVERIFY(!response.body.contains("top secret"));
    }
};

QTEST_GUILESS_MAIN(TestStaticFileHandler)
#include "tst_staticfilehandler.moc"
