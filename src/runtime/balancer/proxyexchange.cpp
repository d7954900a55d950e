#include "proxyexchange.h"

#include "balancercore.h"
#include "forwardingrewrite.h"
#include "proxyhandler.h"

using namespace Qt::StringLiterals;

namespace topolab::runtime {

ProxyExchange::ProxyExchange(BalancerCore &core, ProxyHandler &owner, HttpRequest request,
                             QByteArray clientAddress, RequestHandler::Responder respond)
    : m_core(core)
    , m_owner(owner)
    , m_request(std::move(request))
    , m_clientAddress(std::move(clientAddress))
    , m_respond(std::move(respond))
{
    m_context.clientAddress = m_clientAddress;
}

ProxyExchange::~ProxyExchange()
{
    releaseBackend(false);
}

void ProxyExchange::start()
{
    m_started.start();
    dispatch();
}

void ProxyExchange::dispatch(std::optional<int> freshTo)
{
    const std::optional<int> picked = freshTo ? freshTo : m_core.pick(m_context);
    if (!picked) {
        finish(HttpResponse::text(503, noBackendExplanation()), -1);
        return;
    }
    m_backend = *picked;
    const BalancerOptions &options = m_core.options();
    HttpClientConnection::Timeouts timeouts{options.connectTimeout, options.responseTimeout};
    // A first try of an idempotent request may give up on a silent server early, when there is
    // another server to resend it to.
    if (m_request.isIdempotent() && m_resends == 0 &&
        m_core.eligibleCount(m_context.excluded, m_backend) > 0)
        timeouts.firstByte = m_core.tryTimeout(m_backend);
    m_earlyTimeout = timeouts.firstByte > std::chrono::milliseconds(0);
    m_core.requestStarted(m_backend);
    m_tryStartedNs = m_core.nowNs();
    m_connection = freshTo ? m_core.openConnection(m_backend) : m_core.acquire(m_backend);
    const HttpRequest forwarded =
        ForwardingRewrite::request(m_request, m_clientAddress, m_core.wireHost(m_backend));
    QByteArray wire = forwarded.serialize();
    m_forwardedBytes = wire.size();
    m_connection->send(std::move(wire), m_request.method == "HEAD", timeouts, *this);
}

void ProxyExchange::responded(HttpClientConnection &, HttpResponse response)
{
    const int backend = m_backend;
    m_core.recordResponse(backend, m_tryStartedNs);
    releaseBackend(response.keepAlive);
    finish(ForwardingRewrite::response(std::move(response), m_core.wireName(backend),
                                       m_request.method == "HEAD"),
           backend);
}

bool ProxyExchange::keepWaiting(HttpClientConnection &)
{
    if (!m_core.answeredLaterRequest(m_backend, m_tryStartedNs))
        return false;
    // From now on this try runs to the response timeout, and timing out then is a 504.
    m_earlyTimeout = false;
    return true;
}

bool ProxyExchange::resendElsewhere(int backend)
{
    if (m_core.eligibleCount(m_context.excluded, backend) == 0)
        return false;
    m_context.excluded.insert(backend);
    dispatch();
    return true;
}

void ProxyExchange::failed(HttpClientConnection &, HttpClientConnection::Failure failure,
                           const QString &reason)
{
    const int backend = m_backend;
    const bool reused = m_connection && m_connection->wasReused();
    const bool answered = m_connection && m_connection->receivedAnything();
    releaseBackend(false);
    const QString name = m_core.config(backend).name;
    const bool idempotent = m_request.isIdempotent();
    using F = HttpClientConnection::Failure;

    switch (failure) {
    case F::LocalResources:
        // The balancer's own shortage: the server is fine, and another try would fail alike.
        finish(HttpResponse::text(503, "the load balancer cannot open a connection to " +
                                           name.toUtf8() + ": " + reason.toUtf8() +
                                           ". It is out of file descriptors; raise 'ulimit -n'."),
               -1);
        return;
    case F::Closed:
        if (reused && !answered && idempotent && !m_retriedStale) {
            // A pooled keep-alive connection the backend had already closed: not a sign of
            // trouble by itself. Try the same server again on a new connection (not another
            // pooled one, which may be just as stale): if the server is gone, that connect fails
            // and the request moves on.
            m_retriedStale = true;
            // Unless the operator has just taken the server out: then wherever the policy says.
            if (m_core.status(backend).accepting)
                dispatch(backend);
            else
                dispatch();
            return;
        }
        // A pooled connection that closed before any answer says nothing about the server: only
        // a fresh one that fails marks it down.
        if (!(reused && !answered))
            m_core.setHealthy(backend, false, reason);
        // The client has received nothing yet (responses are relayed whole), so an idempotent
        // request may be resent after a reset, even mid-response — once.
        if (idempotent && m_resends == 0) {
            ++m_resends;
            if (resendElsewhere(backend))
                return;
        }
        break;
    case F::Connect:
        m_core.setHealthy(backend, false, reason);
        // Nothing reached the backend, so any request may go elsewhere; with nowhere else to go
        // it is the balancer that has no server for it.
        if (!resendElsewhere(backend))
            finish(HttpResponse::text(503, noBackendExplanation()), -1);
        return;
    case F::Timeout:
        if (!answered && m_earlyTimeout) {
            ++m_resends;
            if (resendElsewhere(backend))
                return;
        }
        finish(HttpResponse::text(504, "the server " + name.toUtf8() + " did not answer in time"),
               backend);
        return;
    case F::BadResponse:
        break;
    }
    finish(HttpResponse::text(502, "the server " + name.toUtf8() + " failed: " + reason.toUtf8()),
           backend);
}

void ProxyExchange::releaseBackend(bool reusable)
{
    if (!m_connection)
        return;
    m_core.requestFinished(m_connection->tag());
    if (!reusable)
        m_connection->abandon();
    m_core.release(std::exchange(m_connection, nullptr), reusable);
}

void ProxyExchange::finish(HttpResponse response, int backend)
{
    if (m_done)
        return;
    m_done = true;
    // As the client's connection will send it, so that the bytes counted are the bytes sent.
    response.keepAlive = response.keepAlive && m_request.keepAlive;
    response.announceKeepAlive = m_request.wantsKeepAliveAnnounced();
    m_core.metrics().record(backend, response.status, response.wireSize(m_request.method == "HEAD"),
                            m_started.nsecsElapsed() / 1000, m_forwardedBytes);
    // Deleted before the answer goes out: answering may start the client's next request, whose
    // exchange should not find this one still in flight. Only locals are used from here on.
    RequestHandler::Responder respond = std::move(m_respond);
    m_owner.finished(this);
    respond(std::move(response));
}

QByteArray ProxyExchange::noBackendExplanation() const
{
    QByteArrayList down;
    bool allDown = true;
    for (int i = 0; i < m_core.backendCount(); ++i) {
        const BackendStatus &status = m_core.status(i);
        const ServerAdminState admin = m_core.adminState(i);
        allDown = allDown && !status.healthy;
        const char *why = !status.healthy                          ? " (down)"
                          : admin == ServerAdminState::Drain       ? " (draining)"
                          : admin == ServerAdminState::Maintenance ? " (in maintenance)"
                          : status.weight == 0                     ? " (weight 0)"
                          : m_core.awaitingCheck(i)                ? " (being checked)"
                                                                   : " (failed this request)";
        down.append(m_core.config(i).name.toUtf8() + why);
    }
    if (down.isEmpty())
        return "no healthy backend: the balancer has no servers";
    // Servers taken out on purpose are not unhealthy: say which it is.
    return (allDown ? "no healthy backend: " : "no server takes requests now: ") + down.join(", ");
}

} // namespace topolab::runtime
