#pragma once

#include "httpparser.h"

#include <QTcpSocket>

namespace topolab::runtime {

// A blocking HTTP/1.1 client over one keep-alive TCP connection, for command-line tools and tests
// that have no event loop of their own to spare. It sends exactly the bytes it is given, so tests
// can send malformed requests on purpose.
class BlockingHttpClient final {
public:
    explicit BlockingHttpClient(quint16 port, QString host = QStringLiteral("127.0.0.1"));

    bool connectToServer(int timeoutMs = 5000);
    // Sends `bytes` and waits for one response; nullopt on timeout or a closed connection.
    std::optional<HttpResponse> exchange(const QByteArray &bytes, bool head = false,
                                         int timeoutMs = 5000);
    std::optional<HttpResponse> receive(bool head = false, int timeoutMs = 5000);
    std::optional<HttpResponse> get(const QByteArray &path, int timeoutMs = 5000);

    QTcpSocket &socket() { return m_socket; }

private:
    QString m_host;
    quint16 m_port;
    QTcpSocket m_socket;
    HttpParser m_parser{HttpParser::Kind::Response};
};

} // namespace topolab::runtime
