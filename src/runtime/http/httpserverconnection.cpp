#include "httpserverconnection.h"

#include <QPointer>

namespace topolab::runtime {

namespace {

// Small enough that one read cannot queue a great many pipelined requests at once.
constexpr qint64 kReadChunk = 16 * 1024;
// How long a refused client may go on sending before the connection is cut regardless.
constexpr std::chrono::milliseconds kLingerLimit{5000};

} // namespace

HttpServerConnection::HttpServerConnection(int descriptor, QByteArray peer, RequestHandler &handler,
                                           const HttpServerOptions &options, Owner &owner,
                                           QObject *parent)
    : QObject(parent)
    , m_owner(owner)
    , m_stream(*this)
    , m_handler(handler)
    , m_options(options)
    , m_parser(HttpParser::Kind::Request, options.limits)
    , m_timer([this] { onTimeout(); })
{
    m_stream.setParent(this);
    m_stream.adopt(descriptor);
    m_client.text = std::move(peer);
    m_timer.setParent(this);
    m_timer.start(m_options.headerTimeout);
    // Read now: a client's request has usually arrived by the time it is accepted, and one served
    // before the stream is first watched costs no epoll registration at all.
    serveRequests();
}

void HttpServerConnection::streamWritten()
{
    // Everything before and including a refusal has gone out: the client now has a short while
    // to stop sending.
    if (m_lingering && m_stream.bytesToWrite() == 0) {
        m_timer.start(std::min(m_options.idleTimeout, kLingerLimit));
        return;
    }
    if (m_writeBlocked)
        m_timer.start(m_options.idleTimeout); // the client reads: give it more time
    if (m_stream.bytesToWrite() < m_options.maxPendingOutput)
        serveRequests();
}

void HttpServerConnection::streamEnded()
{
    m_closing = true;
    m_owner.connectionClosed(this);
}

HttpServerConnection::~HttpServerConnection() = default;

void HttpServerConnection::readRequests()
{
    while (!m_lastRequest && m_parser.pendingRequests() < m_options.maxQueuedRequests) {
        const QByteArrayView chunk = m_stream.read(kReadChunk);
        if (chunk.isEmpty())
            return;
        const bool wasIdle = m_parser.idle();
        if (!m_parser.feed(chunk)) {
            m_broken = true;
            m_lastRequest = true;
            return;
        }
        // Nothing after a request that closes the connection is read: such a connection is
        // served without ever waiting for more input.
        if (m_parser.closingRequestQueued())
            return;
        // The header deadline starts when a request starts and is never pushed back by further
        // bytes, so a client trickling one byte at a time still gets its 408.
        if (wasIdle && m_parser.inHeaders() && m_served && !m_busy)
            m_timer.start(m_options.headerTimeout);
        if (!m_parser.idle() && !m_parser.inHeaders())
            m_bodyProgress = true;
    }
}

void HttpServerConnection::serveRequests()
{
    // A response given synchronously re-enters here through finish(): the loop below goes on
    // with the next request instead of recursing once per pipelined request.
    if (m_serving || m_closing)
        return;
    m_serving = true;
    // A stream that ended while reading (the client is gone) has nobody left to answer.
    while (!m_busy && !m_closing && m_stream.isConnected() &&
           m_stream.bytesToWrite() < m_options.maxPendingOutput) {
        if (!m_parser.hasRequest())
            readRequests();
        if (!m_parser.hasRequest())
            break;
        HttpRequest request = m_parser.takeRequest();
        m_busy = true;
        m_timer.stop();
        if (!request.keepAlive)
            m_lastRequest = true;
        m_current = {request.method == "HEAD", request.keepAlive,
                     request.wantsKeepAliveAnnounced()};
        m_handler.handle(request, m_client, [self = QPointer(this)](HttpResponse response) {
            if (self) // else the client left while its request was handled
                self->finish(std::move(response));
        });
    }
    m_serving = false;
    settle();
    // Requests wait in the kernel, not here, while this side cannot take more: TCP then holds
    // the client back.
    m_stream.setReading(!m_busy && !m_closing && !m_lastRequest && !m_writeBlocked &&
                        m_parser.pendingRequests() < m_options.maxQueuedRequests);
}

void HttpServerConnection::settle()
{
    if (m_busy || m_closing)
        return;
    // Answers wait for the client to read them, and nothing more is read meanwhile: only a
    // client that stops reading altogether is given up on.
    m_writeBlocked = m_stream.bytesToWrite() >= m_options.maxPendingOutput;
    if (m_writeBlocked) {
        m_timer.start(m_options.idleTimeout);
        return;
    }
    if (m_parser.hasRequest())
        return;
    if (m_broken) {
        refuse(m_parser.error()->status, m_parser.error()->reason);
        return;
    }
    if (m_lastRequest) {
        closeAfterWriting();
        return;
    }
    if (m_parser.awaitingContinue()) {
        m_stream.write("HTTP/1.1 100 Continue\r\n\r\n");
        m_parser.continueSent();
    }
    // A timer already running is not pushed back by bytes that start nothing (blank lines
    // between requests): only a response, or progress in a body, earns more time.
    if (m_parser.inHeaders() || m_parser.idle()) {
        if (!m_timer.isActive())
            m_timer.start(m_parser.inHeaders() || !m_served ? m_options.headerTimeout
                                                            : m_options.idleTimeout);
    } else if (m_bodyProgress || !m_timer.isActive()) {
        m_timer.start(m_options.idleTimeout);
    }
    m_bodyProgress = false;
}

void HttpServerConnection::finish(HttpResponse response)
{
    m_busy = false;
    m_served = true;
    if (m_closing)
        return;
    const bool head = m_current.head;
    if (response.keepAlive && m_current.keepAlive) {
        response.announceKeepAlive = m_current.announceKeepAlive;
        m_stream.write(response.serializeHead(head), response.sentBody(head));
        serveRequests();
        return;
    }
    response.keepAlive = false;
    m_stream.write(response.serializeHead(head), response.sentBody(head));
    closeAfterWriting();
}

void HttpServerConnection::onTimeout()
{
    if (m_closing) {
        m_stream.abort(); // the last answer was not taken within the idle timeout
        return;
    }
    if (m_busy)
        return; // a request being handled is not timed out here
    if (m_writeBlocked) {
        // The client has not read its answers for the whole idle timeout.
        m_closing = true;
        m_stream.abort();
        return;
    }
    if (m_parser.inHeaders() || (!m_served && m_parser.idle())) {
        refuse(408, "the request headers took too long to arrive");
        return;
    }
    if (!m_parser.idle()) {
        refuse(408, "the request body stopped arriving");
        return;
    }
    closeAfterWriting();
}

void HttpServerConnection::refuse(int status, const QByteArray &reason)
{
    HttpResponse response = HttpResponse::text(status, reason);
    response.keepAlive = false;
    const QByteArray bytes = response.serialize();
    m_stream.write(bytes);
    m_owner.connectionRefused(status, bytes.size());
    // The client may still be sending what was refused (a body over the limit): the close waits
    // until it stops, so that it reads the refusal instead of a reset.
    m_closing = true;
    m_lingering = true;
    // The answers still queued (the requests before the refused one) get the usual time to be
    // read; the short limit starts once they are out (streamWritten()).
    const bool written = m_stream.bytesToWrite() == 0;
    m_stream.lingerAfterWriting();
    m_timer.start(written ? std::min(m_options.idleTimeout, kLingerLimit) : m_options.idleTimeout);
}

void HttpServerConnection::closeAfterWriting()
{
    m_closing = true;
    m_stream.closeAfterWriting();
    // A client that never reads its last answer is not kept for ever.
    m_timer.start(m_options.idleTimeout);
}

} // namespace topolab::runtime
