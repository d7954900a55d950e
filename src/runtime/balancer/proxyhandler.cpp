#include "proxyhandler.h"

#include "proxyexchange.h"

namespace topolab::runtime {

ProxyHandler::ProxyHandler(BalancerCore &core)
    : m_core(core)
{
}

ProxyHandler::~ProxyHandler()
{
    for (ProxyExchange *exchange : m_inFlight)
        delete exchange;
}

void ProxyHandler::handle(const HttpRequest &request, const ClientAddress &client,
                          Responder respond)
{
    // Answered here, whatever the servers behind do: that the balancer itself serves is what its
    // VRRP instance tracks (as HAProxy's monitor-uri).
    if (request.path() == kHealthPath) {
        respond(HttpResponse::text(200, "ok\n"));
        return;
    }
    auto *exchange = new ProxyExchange(m_core, *this, request, client.text, std::move(respond));
    exchange->slot = static_cast<qsizetype>(m_inFlight.size());
    m_inFlight.push_back(exchange);
    exchange->start();
}

void ProxyHandler::finished(ProxyExchange *exchange)
{
    ProxyExchange *last = m_inFlight.back();
    last->slot = exchange->slot;
    m_inFlight[static_cast<size_t>(exchange->slot)] = last;
    m_inFlight.pop_back();
    delete exchange;
}

} // namespace topolab::runtime
