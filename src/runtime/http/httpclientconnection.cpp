#include "httpclientconnection.h"

using namespace Qt::StringLiterals;

namespace topolab::runtime {

HttpClientConnection::HttpClientConnection(int tag, QString host, quint16 port, QObject *parent)
    : QObject(parent)
    , m_tag(tag)
    , m_host(std::move(host))
    , m_port(port)
    , m_stream(*this)
    , m_timer([this] { onTimeout(); })
{
    resetParser();
    // Member QObjects get this as parent so that they follow it to another thread.
    m_stream.setParent(this);
    m_timer.setParent(this);
}

void HttpClientConnection::streamConnected()
{
    m_connecting = false;
    startResponseTimer();
    m_stream.write(std::exchange(m_pending, {}));
}

void HttpClientConnection::onTimeout()
{
    if (m_connecting) {
        fail(Failure::Connect, u"no answer to the connection within the connect timeout"_s);
        return;
    }
    if (!m_receivedAnything && !m_waitingOn &&
        m_timeouts.firstByte > std::chrono::milliseconds(0) && m_receiver &&
        m_receiver->keepWaiting(*this)) {
        m_waitingOn = true;
        m_timer.start(
            std::max(m_timeouts.response - m_timeouts.firstByte, std::chrono::milliseconds(0)));
        return;
    }
    fail(Failure::Timeout, u"no response within the response timeout"_s);
}

bool HttpClientConnection::isReusable() const
{
    return isConnected() && !m_busy && m_parser->idle() && !m_parser->hasResponse() &&
           !m_parser->error();
}

void HttpClientConnection::startResponseTimer()
{
    m_timer.start(m_timeouts.firstByte > std::chrono::milliseconds(0) ? m_timeouts.firstByte
                                                                      : m_timeouts.response);
}

void HttpClientConnection::resetParser()
{
    m_parser = std::make_unique<HttpParser>(HttpParser::Kind::Response,
                                            HttpLimits{64 * 1024, 256 * 1024 * 1024});
}

void HttpClientConnection::complete()
{
    m_busy = false;
    m_timer.stop();
    m_idleSince.start();
    HttpResponse response = m_parser->takeResponse();
    // A server that said it will close, or sent more than one response, cannot be trusted with
    // another request on this connection.
    if (!response.keepAlive || m_parser->hasResponse() || !m_parser->idle()) {
        m_stream.abort();
        resetParser();
    }
    if (Receiver *receiver = std::exchange(m_receiver, nullptr))
        receiver->responded(*this, std::move(response));
}

void HttpClientConnection::send(const QByteArray &request, bool isHead, Timeouts timeouts,
                                Receiver &receiver)
{
    // Asked before the exchange counts as busy, which no reusable connection is.
    if (isConnected() && !isReusable()) {
        m_stream.abort();
        resetParser();
    }
    m_busy = true;
    m_receiver = &receiver;
    m_receivedAnything = false;
    m_waitingOn = false;
    ++m_exchanges;
    m_timeouts = timeouts;
    m_parser->expectResponseToHead(isHead);
    if (isConnected()) {
        startResponseTimer();
        m_stream.write(request);
        return;
    }
    m_pending = request;
    m_connecting = true;
    m_timer.start(timeouts.connect);
    m_stream.connectTo(m_host, m_port);
}

void HttpClientConnection::abandon()
{
    m_receiver = nullptr;
    m_busy = false;
    m_connecting = false;
    m_timer.stop();
    m_stream.abort();
    resetParser();
}

void HttpClientConnection::streamReadable()
{
    for (;;) {
        const QByteArrayView data = m_stream.read();
        if (data.isEmpty())
            return;
        if (!m_busy) {
            // Bytes nobody asked for: the exchange on this connection is out of step; drop it.
            m_stream.abort();
            resetParser();
            return;
        }
        if (!m_receivedAnything && m_timeouts.firstByte > std::chrono::milliseconds(0) &&
            !m_waitingOn)
            m_timer.start(m_timeouts.response);
        m_receivedAnything = true;
        if (!m_parser->feed(data)) {
            fail(Failure::BadResponse, u"the server sent a malformed response: %1"_s.arg(
                                           QString::fromLatin1(m_parser->error()->reason)));
            return;
        }
        // Bytes after the response: complete() drops the connection for those in this chunk,
        // the check above for any read later.
        if (m_parser->hasResponse()) {
            complete();
            return;
        }
    }
}

void HttpClientConnection::streamEnded()
{
    if (!m_busy || m_stream.error() == TcpStream::Error::None)
        return;
    // A response delimited by the connection closing is complete now.
    if (m_stream.error() == TcpStream::Error::RemoteClosed && m_receivedAnything) {
        m_parser->finish();
        if (m_parser->hasResponse()) {
            complete();
            return;
        }
    }
    if (m_stream.error() == TcpStream::Error::LocalResources)
        fail(Failure::LocalResources, m_stream.errorString());
    else
        fail(m_connecting ? Failure::Connect : Failure::Closed, m_stream.errorString());
}

void HttpClientConnection::fail(Failure failure, const QString &reason)
{
    m_busy = false;
    m_connecting = false;
    m_timer.stop();
    m_stream.abort();
    resetParser();
    if (Receiver *receiver = std::exchange(m_receiver, nullptr))
        receiver->failed(*this, failure, reason);
}

} // namespace topolab::runtime
