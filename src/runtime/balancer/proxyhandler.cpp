#include "proxyhandler.h"

#include "proxyexchange.h"

#include <QHostAddress>

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

void ProxyHandler::handle(const HttpRequest &request, const QHostAddress &peer, Responder respond)
{
    auto *exchange =
        new ProxyExchange(m_core, request, peer.toString().toLatin1(), std::move(respond));
    m_inFlight.insert(exchange);
    QObject::connect(exchange, &ProxyExchange::finished, exchange, [this, exchange] {
        m_inFlight.erase(exchange);
        exchange->deleteLater();
    });
    exchange->start();
}

} // namespace topolab::runtime
