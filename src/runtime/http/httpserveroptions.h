#pragma once

#include "httpparser.h"

#include <chrono>

namespace topolab::runtime {

// The limits of one HttpServer, shared by all its connections.
struct HttpServerOptions {
    // From the first byte of a request to the end of its headers; a client slower than that
    // gets 408.
    std::chrono::milliseconds headerTimeout{10000};
    // An idle keep-alive connection closes after this.
    std::chrono::milliseconds idleTimeout{60000};
    // Clients past this get 503 and are closed.
    int maxConnections = 1000;
    // Pipelined requests parsed ahead of the one being answered. While that many wait, the
    // connection reads no further, so a client cannot make the server buffer without bound.
    int maxQueuedRequests = 64;
    // Response bytes not yet taken by a client; past this the connection answers nothing more
    // until the client reads.
    qint64 maxPendingOutput = 1024 * 1024;
    HttpLimits limits;
};

} // namespace topolab::runtime
