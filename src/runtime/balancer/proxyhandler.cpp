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
    auto *exchange = new ProxyExchange(m_core, request, client.text, std::move(respond));
    m_inFlight.insert(exchange);
    QObject::connect(exchange, &ProxyExchange::finished, exchange, [this, exchange] {
        m_inFlight.erase(exchange);
        exchange->deleteLater();
    });
    exchange->start();
}

} // namespace topolab::runtime
