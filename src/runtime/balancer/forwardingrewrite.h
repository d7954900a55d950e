#pragma once

#include "runtime/http/httprequest.h"
#include "runtime/http/httpresponse.h"

namespace topolab::runtime::ForwardingRewrite {

// The request as the balancer sends it to a backend: HTTP/1.1 in origin form (an absolute-form
// target becomes its path, its host the Host), without hop-by-hop fields — the standard ones and
// every one the client named in Connection — and with X-Forwarded-For, X-Forwarded-Proto and
// Via. `fallbackHost` is the Host of an HTTP/1.0 request that has none.
HttpRequest request(const HttpRequest &fromClient, QByteArrayView clientAddress,
                    QByteArrayView fallbackHost);

// The backend's response as the client gets it: on a connection that stays open whether or not
// the backend's does, without hop-by-hop fields, with Via and
// X-Served-By naming the backend, and for a HEAD the Content-Length the backend announced.
HttpResponse response(HttpResponse fromBackend, QByteArrayView backendName, bool head);

// Removes the hop-by-hop fields of one connection (RFC 9110 §7.6.1).
void removeHopByHop(HttpHeaders &headers);

} // namespace topolab::runtime::ForwardingRewrite
