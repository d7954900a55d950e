#include "clientconnection.h"

#include "balancercore.h"

#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

namespace {

constexpr int kMaxQueuedRequests = 64;

void removeHopByHop(HttpHeaders &headers)
{
    // Expect goes too: the balancer has the whole body before it forwards anything.
    for (const char *name : {"Connection", "Keep-Alive", "Proxy-Connection", "TE", "Trailer",
                             "Upgrade", "Transfer-Encoding", "Expect"})
        headers.remove(name);
}

QByteArray appended(const QByteArray &existing, const QByteArray &value)
{
    return existing.isEmpty() ? value : existing + ", " + value;
}

} // namespace

ClientConnection::ClientConnection(QTcpSocket *socket, BalancerCore &core, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_core(core)
    , m_parser(HttpParser::Kind::Request)
    , m_clientAddress(socket->peerAddress().toString().toLatin1())
{
    m_socket->setParent(this);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_context.clientAddress = m_clientAddress;
    m_timer.setParent(this);
    m_timer.setSingleShot(true);
    m_timer.start(core.options().headerTimeout);
    connect(&m_timer, &QTimer::timeout, this, &ClientConnection::onTimeout);
    connect(m_socket, &QTcpSocket::readyRead, this, &ClientConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        m_closing = true;
        releaseBackend(false);
        emit closed();
    });
}

ClientConnection::~ClientConnection()
{
    releaseBackend(false);
}

void ClientConnection::onReadyRead()
{
    if (m_closing)
        return;
    const bool wasIdle = m_parser.idle();
    if (!m_parser.feed(m_socket->readAll())) {
        // The stream is broken past this point: drop what is queued, answer the error.
        m_queue.clear();
        if (!m_current)
            refuse(m_parser.error()->status, m_parser.error()->reason);
        m_closing = true;
        return;
    }
    // The header deadline starts when a request starts and is never pushed back by further
    // bytes, so a client trickling one byte at a time still gets its 408.
    if (wasIdle && m_parser.inHeaders() && !m_current && m_served)
        m_timer.start(m_core.options().headerTimeout);
    while (m_parser.hasRequest()) {
        if (m_queue.size() >= kMaxQueuedRequests) {
            // Answer what is queued, in order, then close: never a reply out of turn.
            m_closing = true;
            break;
        }
        m_queue.enqueue(m_parser.takeRequest());
    }
    if (!m_current)
        processNext();
}

void ClientConnection::onTimeout()
{
    if (m_current)
        return; // the backend exchange has its own timeout
    if (m_parser.inHeaders() || !m_served)
        refuse(408, "the request took too long to arrive");
    else
        m_socket->disconnectFromHost();
}

void ClientConnection::processNext()
{
    if (m_queue.isEmpty()) {
        if (m_closing)
            m_socket->disconnectFromHost();
        else if (!m_parser.inHeaders() || !m_timer.isActive())
            m_timer.start(m_parser.inHeaders() || !m_served ? m_core.options().headerTimeout
                                                            : m_core.options().idleTimeout);
        return;
    }
    m_timer.stop();
    m_current = m_queue.dequeue();
    m_context.excluded.clear();
    m_retries = 0;
    m_started.start();
    dispatch();
}

void ClientConnection::dispatch()
{
    const std::optional<int> picked = m_core.pick(m_context);
    if (!picked) {
        reply(HttpResponse::text(503, noBackendExplanation()), -1);
        return;
    }
    m_backend = *picked;
    m_core.requestStarted(m_backend);
    m_connection = m_core.acquire(m_backend);
    connect(m_connection, &HttpClientConnection::responded, this, &ClientConnection::onResponse);
    connect(m_connection, &HttpClientConnection::failed, this, &ClientConnection::onFailure);
    m_connection->send(forwardedRequest().serialize(), m_current->method == "HEAD",
                       m_core.options().connectTimeout, m_core.options().responseTimeout);
}

HttpRequest ClientConnection::forwardedRequest() const
{
    HttpRequest forwarded = *m_current;
    forwarded.versionMinor = 1;
    removeHopByHop(forwarded.headers);
    forwarded.headers.set("X-Forwarded-For",
                          appended(m_current->headers.value("X-Forwarded-For"), m_clientAddress));
    forwarded.headers.set("X-Forwarded-Proto", "http");
    forwarded.headers.set("Via", appended(m_current->headers.value("Via"), "1.1 topolab"));
    if (!forwarded.headers.contains("Host"))
        forwarded.headers.set("Host", m_core.config(m_backend).host.toLatin1());
    return forwarded;
}

void ClientConnection::onResponse(const HttpResponse &response)
{
    const int backend = m_backend;
    releaseBackend(response.keepAlive);
    HttpResponse toClient = response;
    if (m_current->method == "HEAD" && response.headers.contains("Content-Length"))
        toClient.headContentLength = response.headers.value("Content-Length").toLongLong();
    removeHopByHop(toClient.headers);
    toClient.headers.set("Via", appended(response.headers.value("Via"), "1.1 topolab"));
    toClient.headers.set("X-Served-By", m_core.config(backend).name.toUtf8());
    reply(std::move(toClient), backend);
}

void ClientConnection::onFailure(HttpClientConnection::Failure failure, const QString &reason)
{
    const int backend = m_backend;
    const bool reused = m_connection && m_connection->wasReused();
    const bool answered = m_connection && m_connection->receivedAnything();
    releaseBackend(false);
    const QString name = m_core.config(backend).name;
    using F = HttpClientConnection::Failure;

    if (failure == F::Closed && reused && !answered && m_retries == 0 &&
        m_current->isIdempotent()) {
        // A pooled keep-alive connection the backend had already closed: not a sign of trouble,
        // try again on a fresh connection.
        ++m_retries;
        dispatch();
        return;
    }
    if (failure == F::Connect || failure == F::Closed) {
        m_core.setHealthy(backend, false, u"%1: %2"_s.arg(name, reason));
        // Nothing reached the backend after a failed connect, so any request may go elsewhere.
        // After a reset, even mid-response, the client has received nothing yet (responses are
        // relayed whole), so an idempotent request may be resent — once.
        const bool safe = failure == F::Connect || (m_current->isIdempotent() && m_retries == 0);
        if (safe && m_context.excluded.size() < m_core.backendCount()) {
            m_context.excluded.insert(backend);
            if (failure == F::Closed)
                ++m_retries;
            dispatch();
            return;
        }
    }
    if (failure == F::Timeout) {
        reply(HttpResponse::text(504, "the server " + name.toUtf8() + " did not answer in time"),
              backend);
        return;
    }
    reply(HttpResponse::text(502, "the server " + name.toUtf8() + " failed: " + reason.toUtf8()),
          backend);
}

void ClientConnection::releaseBackend(bool reusable)
{
    if (!m_connection)
        return;
    m_core.requestFinished(m_connection->tag());
    if (!reusable)
        m_connection->abandon();
    m_core.release(std::exchange(m_connection, nullptr), reusable);
}

void ClientConnection::reply(HttpResponse response, int backend)
{
    const bool head = m_current && m_current->method == "HEAD";
    // The client's connection lives on whatever the backend's did.
    response.keepAlive = m_current && m_current->keepAlive && !m_closing;
    const QByteArray bytes = response.serialize(head);
    m_core.metrics().record(backend, response.status, bytes.size(),
                            m_started.nsecsElapsed() / 1000);
    m_socket->write(bytes);
    m_served = true;
    m_current.reset();
    if (!response.keepAlive) {
        m_closing = true;
        m_socket->disconnectFromHost();
        return;
    }
    processNext();
}

void ClientConnection::refuse(int status, const QByteArray &reason)
{
    m_started.start();
    HttpResponse response = HttpResponse::text(status, reason);
    response.keepAlive = false;
    const QByteArray bytes = response.serialize();
    m_core.metrics().record(-1, status, bytes.size(), 0);
    m_socket->write(bytes);
    m_closing = true;
    m_socket->disconnectFromHost();
}

QByteArray ClientConnection::noBackendExplanation() const
{
    QByteArrayList down;
    for (int i = 0; i < m_core.backendCount(); ++i)
        down.append(m_core.config(i).name.toUtf8() +
                    (m_core.status(i).healthy ? " (failed this request)" : " (down)"));
    if (down.isEmpty())
        return "no healthy backend: the balancer has no servers";
    return "no healthy backend: " + down.join(", ");
}

} // namespace topolab::runtime
