#pragma once

#include "httprequest.h"
#include "httpresponse.h"

#include <QHostAddress>

namespace topolab::runtime {

// What an HttpServer asks to turn a request into a response. Implementations answer synchronously;
// they run on the server's thread.
class RequestHandler {
public:
    virtual ~RequestHandler() = default;
    virtual HttpResponse handle(const HttpRequest &request, const QHostAddress &peer) = 0;

protected:
    RequestHandler() = default;
    RequestHandler(const RequestHandler &) = default;
    RequestHandler &operator=(const RequestHandler &) = default;
};

} // namespace topolab::runtime
