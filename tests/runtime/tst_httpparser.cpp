#include "runtime/http/httpparser.h"
#include "runtime/http/wirewriter.h"

#include <QTest>

using namespace topolab::runtime;

class TestHttpParser : public QObject {
    Q_OBJECT

private slots:
    void wireWriterGrowsPastASizeGuessedTooSmall()
    {
        WireWriter out(0);
        const QByteArray field(300, 'v');
        out << "X-Long: " << field << '\r' << '\n' << QByteArrayView();
        QCOMPARE(out.take(), "X-Long: " + field + "\r\n");
    }

    void serializedMessagesHaveExactlyTheirBytes()
    {
        // Every field written once, nothing past the blank line but the body, which is the
        // request a backend gets and the response a client gets.
        HttpRequest request = HttpRequest::make("POST", "/api/guestbook?x=1");
        request.headers.add("Host", "www.foobar.com");
        for (int i = 0; i < 40; ++i)
            request.headers.add("X-Field-" + QByteArray::number(i), QByteArray(i, 'a'));
        request.headers.add("Transfer-Encoding", "chunked");
        request.body = "name=ann";
        const QByteArray wire = request.serialize();
        HttpParser parser(HttpParser::Kind::Request);
        QVERIFY(parser.feed(wire));
        QVERIFY(parser.hasRequest());
        const HttpRequest parsed = parser.takeRequest();
        QCOMPARE(parsed.target, request.target);
        QCOMPARE(parsed.body, request.body);
        QCOMPARE(parsed.headers.size(), 42); // Host, the 40 fields and the Content-Length
        QCOMPARE(parsed.headers.find("Content-Length"), "8");
        QVERIFY(!parsed.headers.contains("Transfer-Encoding"));

        HttpResponse response = HttpResponse::text(200, "hello");
        response.headers.add("X-Backend", "b1");
        QCOMPARE(response.serializeHead(false).size() + response.sentBody(false).size(),
                 response.wireSize(false));
        QVERIFY(response.serialize().endsWith("\r\n\r\nhello\n"));
    }

    void requestInPieces()
    {
        HttpParser parser(HttpParser::Kind::Request);
        const QByteArray bytes = "POST /api/posts?x=1 HTTP/1.1\r\nHost: a\r\nContent-Type: "
                                 "application/json\r\nContent-Length: 11\r\n\r\n{\"a\": true}";
        for (qsizetype i = 0; i < bytes.size(); ++i) {
            QVERIFY(parser.feed(bytes.sliced(i, 1)));
            if (i == 10)
                QVERIFY(parser.inHeaders());
        }
        QVERIFY(parser.hasRequest());
        const HttpRequest request = parser.takeRequest();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.path(), QByteArray("/api/posts"));
        QCOMPARE(request.query(), QByteArray("x=1"));
        QCOMPARE(request.headers.value("content-type"), QByteArray("application/json"));
        QCOMPARE(request.body, QByteArray("{\"a\": true}"));
        QVERIFY(request.keepAlive);
        QVERIFY(!request.isIdempotent());
        QVERIFY(parser.idle());
    }

    void pipelinedAndChunked()
    {
        HttpParser parser(HttpParser::Kind::Request);
        QVERIFY(parser.feed("GET /a HTTP/1.1\r\nHost: a\r\n\r\n"
                            "POST /b HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                            "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
                            "GET /c HTTP/1.0\r\n\r\n"));
        QCOMPARE(parser.takeRequest().target, QByteArray("/a"));
        const HttpRequest chunked = parser.takeRequest();
        QCOMPARE(chunked.body, QByteArray("hello world"));
        const QByteArray wire = chunked.serialize();
        QVERIFY(wire.contains("Content-Length: 11\r\n"));
        QVERIFY(!wire.contains("Transfer-Encoding"));
        const HttpRequest old = parser.takeRequest();
        QCOMPARE(old.versionMinor, 0);
        QVERIFY(!old.keepAlive);
        QVERIFY(!parser.hasRequest());
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("status");
        QTest::newRow("no colon") << QByteArray("GET / HTTP/1.1\r\nHost a\r\n\r\n") << 400;
        QTest::newRow("bad version") << QByteArray("GET / HTTP/9.9x\r\n\r\n") << 400;
        QTest::newRow("length and chunked")
            << QByteArray(
                   "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n")
            << 400;
        QTest::newRow("two lengths")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n")
            << 400;
        QTest::newRow("same length twice")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc")
            << 400;
        QTest::newRow("negative length")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << 400;
        QTest::newRow("header too large")
            << QByteArray("GET / HTTP/1.1\r\nX: " + QByteArray(16 * 1024, 'x') + "\r\n\r\n") << 431;
        QTest::newRow("body too large")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999\r\n\r\n")
            << 413;
        QTest::newRow("upgrade") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nConnection: "
                                               "upgrade\r\nUpgrade: websocket\r\n\r\n")
                                 << 501;
        QTest::newRow("no Host") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("name with a space before the colon")
            << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nContent-Length : 0\r\n\r\n") << 400;
        QTest::newRow("unknown major version")
            << QByteArray("GET / HTTP/3.0\r\nHost: a\r\n\r\n") << 505;
        QTest::newRow("HTTP/0.9") << QByteArray("GET /\r\n") << 400;
    }

    void refusals()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        HttpParser parser(HttpParser::Kind::Request);
        QVERIFY(!parser.feed(bytes));
        QVERIFY(parser.error());
        QCOMPARE(parser.error()->status, status);
        QVERIFY(!parser.error()->reason.isEmpty());
        QVERIFY(!parser.hasRequest());
        QVERIFY(!parser.feed("GET / HTTP/1.1\r\n\r\n")); // broken for good
    }

    void responseStatusMustHaveThreeDigits()
    {
        // Found by fuzz_response: http-parser takes "HTTP/1.1 2" for a status of 2.
        HttpParser parser(HttpParser::Kind::Response);
        QVERIFY(!parser.feed("HTTP/1.1 2\nContent-Length: 5\r\n\r\nhello"));
        QVERIFY(parser.error()->reason.contains("three-digit"));
    }

    void responses()
    {
        HttpParser parser(HttpParser::Kind::Response);
        parser.expectResponseToHead(true);
        QVERIFY(parser.feed("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n"));
        QCOMPARE(parser.takeResponse().body, QByteArray());
        QVERIFY(parser.feed("HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\nno"));
        const HttpResponse missing = parser.takeResponse();
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.body, QByteArray("no"));
        QVERIFY(parser.feed("HTTP/1.0 200 OK\r\n\r\nuntil close"));
        QVERIFY(!parser.hasResponse());
        parser.finish();
        QCOMPARE(parser.takeResponse().body, QByteArray("until close"));
    }

    void interimAndBodilessResponses()
    {
        HttpParser parser(HttpParser::Kind::Response);
        // 100 Continue is interim; a 304 may carry the full body's Content-Length (RFC 9110) but
        // never a body; the 200 after them must come out intact.
        QVERIFY(parser.feed("HTTP/1.1 100 Continue\r\n\r\n"
                            "HTTP/1.1 304 Not Modified\r\nContent-Length: 5000\r\n\r\n"
                            "HTTP/1.1 204 No Content\r\nContent-Length: 7\r\n\r\n"
                            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        QCOMPARE(parser.takeResponse().status, 304);
        QCOMPARE(parser.takeResponse().status, 204);
        const HttpResponse ok = parser.takeResponse();
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.body, QByteArray("ok"));
        QVERIFY(!parser.hasResponse());
        QVERIFY(parser.idle());
    }

    void trailersAreDropped()
    {
        HttpParser parser(HttpParser::Kind::Request);
        QVERIFY(parser.feed("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                            "2\r\nhi\r\n0\r\nX-Checksum: 42\r\n\r\n"));
        const HttpRequest request = parser.takeRequest();
        QCOMPARE(request.body, QByteArray("hi"));
        QCOMPARE(request.headers.size(), 2);
        QVERIFY(!request.headers.contains("X-Checksum"));
        QVERIFY(!request.serialize().contains("\r\n: \r\n"));
    }

    void responseSerialization()
    {
        HttpResponse response = HttpResponse::text(200, "hello");
        response.keepAlive = false;
        const QByteArray wire = response.serialize();
        QVERIFY(wire.startsWith("HTTP/1.1 200 OK\r\n"));
        QVERIFY(wire.contains("Content-Length: 6\r\n"));
        QVERIFY(wire.contains("Connection: close\r\n"));
        QVERIFY(wire.endsWith("\r\n\r\nhello\n"));
        QVERIFY(response.serialize(true).endsWith("\r\n\r\n"));
        HttpResponse notModified;
        notModified.status = 304;
        notModified.body = "ignored";
        QVERIFY(!notModified.serialize().contains("Content-Length"));
        QVERIFY(!notModified.serialize().contains("ignored"));
    }
};

QTEST_GUILESS_MAIN(TestHttpParser)
#include "tst_httpparser.moc"
