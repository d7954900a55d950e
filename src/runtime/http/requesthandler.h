#pragma once

#include "httprequest.h"
#include "httpresponse.h"

#include <QHostAddress>
#include <functional>

namespace topolab::runtime {

// Who sent a request: its address as text, made once per connection rather than once per
// request (the balancer puts it in X-Forwarded-For and hashes it).
struct ClientAddress {
    QByteArray text;
};

// What an HttpServer asks to turn a request into a response. The handler is called on the
// server's thread and answers by calling `respond` exactly once, right away or later from the
// server's thread, so slow work (a database query) can run elsewhere without stalling the
// server's other connections.
class RequestHandler {
public:
    using Responder = std::function<void(HttpResponse)>;

    virtual ~RequestHandler() = default;
    virtual void handle(const HttpRequest &request, const ClientAddress &client,
                        Responder respond) = 0;

protected:
    RequestHandler() = default;
    RequestHandler(const RequestHandler &) = default;
    RequestHandler &operator=(const RequestHandler &) = default;
};

} // namespace topolab::runtime
