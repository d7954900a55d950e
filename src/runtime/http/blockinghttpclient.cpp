#include "blockinghttpclient.h"

#include <QElapsedTimer>

namespace topolab::runtime {

BlockingHttpClient::BlockingHttpClient(quint16 port, QString host)
    : m_host(std::move(host))
    , m_port(port)
{
}

bool BlockingHttpClient::connectToServer(int timeoutMs)
{
    m_socket.connectToHost(m_host, m_port);
    return m_socket.waitForConnected(timeoutMs);
}

std::optional<HttpResponse> BlockingHttpClient::exchange(const QByteArray &bytes, bool head,
                                                         int timeoutMs)
{
    if (m_socket.state() != QAbstractSocket::ConnectedState) {
        m_socket.abort();
        if (!connectToServer(timeoutMs))
            return std::nullopt;
    }
    m_socket.write(bytes);
    return receive(head, timeoutMs);
}

std::optional<HttpResponse> BlockingHttpClient::receive(bool head, int timeoutMs)
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

std::optional<HttpResponse> BlockingHttpClient::get(const QByteArray &path, int timeoutMs)
{
    HttpRequest request = HttpRequest::make("GET", path);
    request.headers.add("Host", m_host.toLatin1());
    return exchange(request.serialize(), false, timeoutMs);
}

} // namespace topolab::runtime
