#pragma once

#include "httpheaders.h"

namespace topolab::runtime {

// One parsed HTTP/1.x request, body included (de-chunked).
struct HttpRequest {
    QByteArray method;
    QByteArray target;
    int versionMinor = 1;
    HttpHeaders headers;
    QByteArray body;
    bool keepAlive = true;

    // An HTTP/1.1 request with no header fields yet and no body.
    static HttpRequest make(QByteArray method, QByteArray target);

    // The target without its query string, still percent-encoded.
    QByteArray path() const;
    QByteArray query() const;
    bool isIdempotent() const;
    // An HTTP/1.0 client that asked to keep the connection: its response must say so.
    bool wantsKeepAliveAnnounced() const { return versionMinor == 0 && keepAlive; }
    // The request as bytes on the wire, with a Content-Length and no Transfer-Encoding.
    QByteArray serialize() const;
};

} // namespace topolab::runtime
