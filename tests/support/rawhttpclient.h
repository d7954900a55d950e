#pragma once

#include "runtime/http/httpparser.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTest>

// A blocking HTTP/1.1 client over one keep-alive TCP connection, for tests: it sends exactly the
// bytes it is given, so malformed requests can be sent on purpose.
class RawHttpClient {
public:
    explicit RawHttpClient(quint16 port)
        : m_port(port)
    {
    }

    bool connectToServer()
    {
        m_socket.connectToHost(QHostAddress::LocalHost, m_port);
        return m_socket.waitForConnected(5000);
    }

    // Sends `bytes` and waits for one response; nullopt on timeout or a closed connection.
    std::optional<topolab::runtime::HttpResponse> exchange(const QByteArray &bytes,
                                                           bool head = false, int timeoutMs = 5000)
    {
        if (m_socket.state() != QAbstractSocket::ConnectedState && !connectToServer())
            return std::nullopt;
        m_socket.write(bytes);
        return receive(head, timeoutMs);
    }

    std::optional<topolab::runtime::HttpResponse> receive(bool head = false, int timeoutMs = 5000)
    {
        m_parser.expectResponseToHead(head);
        QElapsedTimer clock;
        clock.start();
        while (!m_parser.hasResponse()) {
            if (clock.elapsed() > timeoutMs)
                return std::nullopt;
            if (m_socket.bytesAvailable() == 0 && !m_socket.waitForReadyRead(50)) {
                if (m_socket.state() != QAbstractSocket::ConnectedState) {
                    m_parser.finish();
                    if (!m_parser.hasResponse())
                        return std::nullopt;
                }
                continue;
            }
            if (!m_parser.feed(m_socket.readAll()))
                return std::nullopt;
        }
        return m_parser.takeResponse();
    }

    std::optional<topolab::runtime::HttpResponse> get(const QByteArray &path)
    {
        return exchange("GET " + path + " HTTP/1.1\r\nHost: test\r\n\r\n");
    }

    QTcpSocket &socket() { return m_socket; }

private:
    quint16 m_port;
    QTcpSocket m_socket;
    topolab::runtime::HttpParser m_parser{topolab::runtime::HttpParser::Kind::Response};
};
