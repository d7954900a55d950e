#include "capturebackend.h"
#include "runtime/balancer/balancer.h"
#include "runtime/http/blockinghttpclient.h"

#include <QElapsedTimer>
#include <QScopeGuard>
#include <QTest>
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace topolab::runtime;
using namespace std::chrono_literals;

// Raw bytes from a client through the real balancer to a backend that records what it receives:
// whatever HAProxy refuses is refused here with the same status, and nothing of it reaches the
// backend; what is forwarded is forwarded clean.
class TestStrictFraming : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<CaptureBackend> m_backend;
    std::unique_ptr<Balancer> m_balancer;

    // Sends `bytes` on a new connection and waits for one response.
    std::optional<HttpResponse> send(const QByteArray &bytes, int timeoutMs = 3000)
    {
        BlockingHttpClient client(m_balancer->port());
        return client.exchange(bytes, false, timeoutMs);
    }

private slots:
    void init()
    {
        m_backend = std::make_unique<CaptureBackend>();
        BalancerOptions options;
        options.backends = {{u"capture"_s, u"127.0.0.1"_s, m_backend->port(), 1}};
        options.healthInterval = 60000ms;
        m_balancer = std::make_unique<Balancer>(options);
        QString error;
        QVERIFY2(m_balancer->start(&error), qPrintable(error));
    }

    void cleanup()
    {
        m_balancer.reset();
        m_backend.reset();
    }

    void refusedAndNeverForwarded_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("reason");
        const QByteArray get = "GET / HTTP/1.1\r\nHost: a\r\n";
        QTest::newRow("space before colon in Transfer-Encoding")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\n\r\n"
                          "5\r\nhello\r\n0\r\n\r\n")
            << 400 << QByteArray("not a token");
        QTest::newRow("space before colon in Content-Length")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length : 5\r\n\r\nhello") << 400
            << QByteArray("not a token");
        QTest::newRow("space before colon in Connection") << get + "Connection : close\r\n\r\n"
                                                          << 400 << QByteArray("not a token");
        QTest::newRow("space before colon in Upgrade") << get + "Upgrade : websocket\r\n\r\n"
                                                       << 400 << QByteArray("not a token");
        QTest::newRow("a name that begins like Transfer-Encoding")
            << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encodingx: chunked\r\n\r\n") << 400
            << QByteArray("begins like Transfer-Encoding");
        QTest::newRow("space inside a name") << get + "Foo Bar: x\r\n\r\n"
                                             << 400 << QByteArray("not a token");
        QTest::newRow("control character in a value") << get + "X-A: a\x01z\r\n\r\n"
                                                      << 400 << QByteArray();
        QTest::newRow("obsolete line folding") << get + "X-A: a\r\n b\r\n\r\n"
                                               << 400 << QByteArray();
        QTest::newRow("two Host fields")
            << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") << 400
            << QByteArray("2 Host header fields");
        QTest::newRow("HTTP/1.1 without Host")
            << QByteArray("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n") << 400
            << QByteArray("needs a Host");
        QTest::newRow("Host with a space")
            << QByteArray("GET / HTTP/1.1\r\nHost: a b\r\n\r\n") << 400 << QByteArray();
        QTest::newRow("absolute form, other Host")
            << QByteArray("GET http://evil.example/ HTTP/1.1\r\nHost: a\r\n\r\n") << 400
            << QByteArray("does not match");
        QTest::newRow("absolute form, other port than Host's")
            << QByteArray("GET http://a:8080/ HTTP/1.1\r\nHost: a\r\n\r\n") << 400
            << QByteArray("does not match");
        QTest::newRow("WebSocket upgrade")
            << get + "Connection: Upgrade\r\nUpgrade: websocket\r\n\r\n"
            << 501 << QByteArray("HTTP/1.1 only");
        QTest::newRow("h2c offered with WebSocket")
            << get + "Connection: Upgrade\r\nUpgrade: h2c, websocket\r\n\r\n"
            << 501 << QByteArray("not supported");
        QTest::newRow("absolute form with user info, no Host (HTTP/1.0)")
            << QByteArray("GET http://@/w HTTP/1.0\r\n\r\n") << 400
            << QByteArray("is not a host name");
        QTest::newRow("target that is no path")
            << QByteArray("GET index.html HTTP/1.1\r\nHost: a\r\n\r\n") << 400
            << QByteArray("invalid URL");
        QTest::newRow("asterisk for GET")
            << QByteArray("GET * HTTP/1.1\r\nHost: a\r\n\r\n") << 400 << QByteArray();
        QTest::newRow("unknown major version")
            << QByteArray("GET / HTTP/9.9\r\nHost: a\r\n\r\n") << 505 << QByteArray("HTTP/9.9");
        QTest::newRow("HTTP/2 in HTTP/1 framing")
            << QByteArray("GET / HTTP/2.0\r\nHost: a\r\n\r\n") << 505 << QByteArray();
        QTest::newRow("chunked then gzip")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n")
            << 400 << QByteArray("end with chunked");
        QTest::newRow("chunked in HTTP/1.0")
            << QByteArray("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") << 400
            << QByteArray("HTTP/1.0");
        QTest::newRow("unknown expectation")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nExpect: 200-ok\r\nContent-Length: "
                          "2\r\n\r\nhi")
            << 417 << QByteArray("200-ok");
        QTest::newRow("CONNECT") << QByteArray("CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n")
                                 << 501 << QByteArray("CONNECT");
        QTest::newRow("length and chunked")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: "
                          "chunked\r\n\r\n0\r\n\r\n")
            << 400 << QByteArray();
        QTest::newRow("two lengths")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: "
                          "6\r\n\r\nhello!")
            << 400 << QByteArray();
    }

    void refusedAndNeverForwarded()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QFETCH(QByteArray, reason);
        const auto response = send(request);
        QVERIFY(response);
        QCOMPARE(response->status, status);
        QVERIFY2(response->body.contains(reason), response->body.constData());
        QVERIFY(!response->keepAlive);
        // Give a forwarded request time to arrive, had there been one.
        QTest::qWait(50);
        QCOMPARE(m_backend->received(), QByteArray());
    }

    void http09RequestLineIsRefusedAtOnce()
    {
        QElapsedTimer clock;
        clock.start();
        const auto response = send("GET /\r\n");
        QVERIFY(response);
        QCOMPARE(response->status, 400);
        QVERIFY2(response->body.contains("HTTP/0.9"), response->body.constData());
        QVERIFY(clock.elapsed() < 1000);
        QCOMPARE(m_backend->received(), QByteArray());
    }

    void connectionNamedFieldsAreNotForwarded()
    {
        const auto response =
            send("GET /a HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, X-Secret\r\n"
                 "X-Secret: 42\r\nKeep-Alive: timeout=5\r\nX-Kept: yes\r\n\r\n");
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        const QByteArray seen = m_backend->received().toLower();
        QVERIFY2(seen.startsWith("get /a http/1.1\r\n"), seen.constData());
        QVERIFY(seen.contains("\r\nx-kept: yes\r\n"));
        QVERIFY(!seen.contains("x-secret"));
        QVERIFY(!seen.contains("keep-alive"));
        QVERIFY(!seen.contains("connection"));
    }

    void whiteSpaceAroundValuesIsNotPartOfThem()
    {
        const auto response =
            send("GET / HTTP/1.1\r\nHost:  www.foobar.com \t\r\nX-A:\tb  \r\n\r\n");
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        const QByteArray seen = m_backend->received();
        QVERIFY2(seen.contains("\r\nHost: www.foobar.com\r\n"), seen.constData());
        QVERIFY2(seen.contains("\r\nX-A: b\r\n"), seen.constData());
    }

    void absoluteFormIsForwardedInOriginForm()
    {
        const auto response =
            send("GET http://www.foobar.com/x?y=1 HTTP/1.1\r\nHost: www.foobar.com\r\n\r\n");
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        const QByteArray seen = m_backend->received();
        QVERIFY2(seen.startsWith("GET /x?y=1 HTTP/1.1\r\n"), seen.constData());
        QCOMPARE(seen.count("Host:"), 1);
        QVERIFY(seen.contains("\r\nHost: www.foobar.com\r\n"));
    }

    // "http://host:80/" and "Host: host" name the same server (HAProxy agrees).
    void absoluteFormMatchesAHostWithoutTheDefaultPort()
    {
        auto response =
            send("GET http://www.foobar.com:80/x HTTP/1.1\r\nHost: www.foobar.com\r\n\r\n");
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        response = send("GET http://www.foobar.com/y HTTP/1.1\r\nHost: www.foobar.com:80\r\n\r\n");
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        const QByteArray seen = m_backend->received();
        QVERIFY2(seen.startsWith("GET /x HTTP/1.1\r\n"), seen.constData());
        QVERIFY(seen.contains("GET /y HTTP/1.1\r\n"));
        QCOMPARE(seen.count("Host:"), 2);
    }

    // An h2c upgrade may be ignored (RFC 9110 §7.8): the client gets its answer in HTTP/1.1, and
    // the connection goes on in HTTP/1.1.
    void h2cUpgradeIsIgnoredAndServedInHttp11()
    {
        BlockingHttpClient client(m_balancer->port());
        const auto response =
            client.exchange("GET /a HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                            "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n");
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QVERIFY(response->keepAlive);
        const auto next = client.get("/b");
        QVERIFY(next);
        QCOMPARE(next->status, 200);
        const QByteArray seen = m_backend->received().toLower();
        QVERIFY2(seen.startsWith("get /a http/1.1\r\n"), seen.constData());
        QVERIFY(seen.contains("get /b http/1.1\r\n"));
        QVERIFY(!seen.contains("upgrade"));
        QVERIFY(!seen.contains("http2-settings"));
    }

    // An HTTP/1.0 client closes unless the response says the connection stays.
    void http10KeepAliveIsAnnounced()
    {
        BlockingHttpClient client(m_balancer->port());
        for (int i = 0; i < 2; ++i) {
            const auto response =
                client.exchange("GET / HTTP/1.0\r\nHost: a\r\nConnection: keep-alive\r\n\r\n");
            QVERIFY(response);
            QCOMPARE(response->status, 200);
            QCOMPARE(response->headers.value("Connection"), QByteArray("keep-alive"));
        }
        QCOMPARE(m_backend->requests(), 2);
        const auto closing = client.exchange("GET / HTTP/1.0\r\nHost: a\r\n\r\n");
        QVERIFY(closing);
        QCOMPARE(closing->headers.value("Connection"), QByteArray("close"));
    }

    // The capture backend answers HEAD chunked: nobody knows the length, so the client is told
    // none rather than "0".
    void headOfAChunkedPageAnnouncesNoLength()
    {
        BlockingHttpClient client(m_balancer->port());
        const auto head = client.exchange("HEAD / HTTP/1.1\r\nHost: a\r\n\r\n", true);
        QVERIFY(head);
        QCOMPARE(head->status, 200);
        QVERIFY(!head->headers.contains("Content-Length"));
        QVERIFY(!head->headers.contains("Transfer-Encoding"));
        const auto next = client.get("/");
        QVERIFY(next);
        QCOMPARE(next->body, QByteArray("ok"));
    }

    // A client that goes on sending a body the balancer refused (over its 8 MiB limit) gets to
    // read the 413, not a reset that destroys it; HAProxy drains such a client too.
    void aRefusedUploadStillGetsItsAnswer()
    {
        const int client = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        QVERIFY(client >= 0);
        const auto closeClient = qScopeGuard([client] { ::close(client); });
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(m_balancer->port());
        to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::connect(client, reinterpret_cast<const sockaddr *>(&to), sizeof to), 0);
        const timeval limit{5, 0};
        ::setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
        ::setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
        constexpr qint64 bodySize = 32 * 1024 * 1024;
        const QByteArray head =
            "POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: " + QByteArray::number(bodySize) +
            "\r\n\r\n";
        QCOMPARE(::send(client, head.constData(), static_cast<size_t>(head.size()), MSG_NOSIGNAL),
                 head.size());
        const QByteArray chunk(64 * 1024, 'x');
        for (qint64 sent = 0; sent < bodySize;) {
            const ssize_t n =
                ::send(client, chunk.constData(), static_cast<size_t>(chunk.size()), MSG_NOSIGNAL);
            QVERIFY2(n > 0, qPrintable(u"the body broke off after %1 bytes: %2"_s.arg(sent).arg(
                                QString::fromLocal8Bit(std::strerror(errno)))));
            sent += n;
        }
        ::shutdown(client, SHUT_WR);
        QByteArray answer;
        char buffer[4096];
        for (;;) {
            const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
            QVERIFY2(n >= 0, std::strerror(errno));
            if (n == 0)
                break;
            answer.append(buffer, n);
        }
        QVERIFY2(answer.startsWith("HTTP/1.1 413 "), answer.left(200).constData());
        QVERIFY(answer.contains("larger than"));
        QCOMPARE(m_backend->received(), QByteArray());
    }

    void chunkedBodyIsForwardedWithOneLength()
    {
        const auto response = send("POST /p HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
                                   "\r\n5\r\nhello\r\n0\r\n\r\n");
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        const QByteArray seen = m_backend->received();
        QVERIFY(!seen.toLower().contains("transfer-encoding"));
        QCOMPARE(seen.count("Content-Length:"), 1);
        QVERIFY2(seen.endsWith("Content-Length: 5\r\n\r\nhello"), seen.constData());
    }

    void expectContinueGetsContinueThenTheResponse()
    {
        BlockingHttpClient client(m_balancer->port());
        QVERIFY(client.connectToServer());
        client.socket().write("POST /p HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n"
                              "Content-Length: 5\r\n\r\n");
        QVERIFY(client.socket().waitForReadyRead(2000));
        QTest::qWait(20);
        QCOMPARE(client.socket().readAll(), QByteArray("HTTP/1.1 100 Continue\r\n\r\n"));
        const auto response = client.exchange("hello");
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        const QByteArray seen = m_backend->received();
        QVERIFY(!seen.contains("Expect"));
        QVERIFY(seen.endsWith("\r\n\r\nhello"));
    }

    void manyPipelinedRequestsAreAllAnsweredInOrder()
    {
        BlockingHttpClient client(m_balancer->port());
        QByteArray burst;
        const int count = 500;
        for (int i = 0; i < count; ++i)
            burst += "GET /r" + QByteArray::number(i) + " HTTP/1.1\r\nHost: a\r\n\r\n";
        QVERIFY(client.connectToServer());
        client.socket().write(burst);
        for (int i = 0; i < count; ++i) {
            const auto response = client.receive(false, 5000);
            QVERIFY2(response, qPrintable(u"response %1 of %2 is missing"_s.arg(i).arg(count)));
            QCOMPARE(response->status, 200);
        }
        QCOMPARE(m_backend->requests(), count);
        const QByteArray seen = m_backend->received();
        qsizetype at = 0;
        for (int i = 0; i < count; ++i) {
            at = seen.indexOf("GET /r" + QByteArray::number(i) + " ", at);
            QVERIFY2(at >= 0, qPrintable(u"request %1 is out of order"_s.arg(i)));
        }
    }

    void goodRequestsBeforeABadOneAreAnsweredFirst()
    {
        BlockingHttpClient client(m_balancer->port());
        QVERIFY(client.connectToServer());
        client.socket().write("GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n"
                              "GET /3 HTTP/1.1\r\nHost: a\r\nBad Name: x\r\n\r\n");
        for (int status : {200, 200, 400}) {
            const auto response = client.receive(false, 3000);
            QVERIFY(response);
            QCOMPARE(response->status, status);
        }
        QCOMPARE(m_backend->requests(), 2);
    }
};

QTEST_GUILESS_MAIN(TestStrictFraming)
#include "tst_strictframing.moc"
