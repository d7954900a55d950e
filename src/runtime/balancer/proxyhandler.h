#pragma once

#include "runtime/http/requesthandler.h"

#include <vector>

namespace topolab::runtime {

class BalancerCore;
class ProxyExchange;

// The balancer as a RequestHandler behind HttpServer: each request becomes a ProxyExchange. Keeps
// the exchanges in flight so that none outlives the balancer.
class ProxyHandler final : public RequestHandler {
public:
    explicit ProxyHandler(BalancerCore &core);
    ~ProxyHandler() override;
    ProxyHandler(const ProxyHandler &) = delete;
    ProxyHandler &operator=(const ProxyHandler &) = delete;

    void handle(const HttpRequest &request, const ClientAddress &client,
                Responder respond) override;
    // Where the balancer answers for itself (200), not relayed to a server.
    static constexpr QByteArrayView kHealthPath = "/_balancer/health";

    // Deletes a finished exchange.
    void finished(ProxyExchange *exchange);

private:
    BalancerCore &m_core;
    // Each exchange knows its index here, so that removing one costs no search and no
    // allocation.
    std::vector<ProxyExchange *> m_inFlight;
};

} // namespace topolab::runtime
