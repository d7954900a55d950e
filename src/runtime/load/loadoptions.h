#pragma once

#include <QString>
#include <chrono>

namespace topolab::runtime {

// What traffic to send: how much (a request count, a duration, or both — whichever ends first),
// how (open loop at a rate, or closed loop at a concurrency), and the mix of requests.
struct LoadOptions {
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 0;
    int requests = 0;                      // 0: no limit
    std::chrono::milliseconds duration{0}; // 0: no limit
    double rate = 0;                       // requests per second; 0: closed loop
    int concurrency = 8;                   // connections (closed loop) or the most (open loop)
    int staticShare = 70;                  // percent of requests for pages and assets
    int readShare = 20;                    // GET /api/posts
    int writeShare = 10;                   // POST /api/posts
    quint32 seed = 1;
};

} // namespace topolab::runtime
