#include "fuzzcheck.h"
#include "runtime/balancer/forwardingrewrite.h"
#include "runtime/http/httpparser.h"

#include <cstdint>

using namespace topolab::runtime;

namespace {

HttpHeaders withoutFraming(HttpHeaders headers)
{
    headers.remove("Content-Length");
    headers.remove("Transfer-Encoding");
    return headers;
}

} // namespace

// Bytes from a client, through the parser and the balancer's forwarding rewrite: whatever the
// balancer accepts, it must forward as a request that parses back to exactly what it meant to
// send — one request, the same method, target, fields and body — so that no backend can read
// something else than the balancer did.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    // The first byte says where the rest is cut in two reads: messages split across reads are
    // covered too.
    const QByteArrayView input(reinterpret_cast<const char *>(data) + 1,
                               static_cast<qsizetype>(size - 1));
    const qsizetype cut = input.isEmpty() ? 0 : data[0] % (input.size() + 1);
    HttpParser parser(HttpParser::Kind::Request);
    if (parser.feed(input.first(cut)))
        parser.feed(input.sliced(cut));
    while (parser.hasRequest()) {
        const HttpRequest request = parser.takeRequest();
        const HttpRequest forwarded = ForwardingRewrite::request(request, "192.0.2.1", "backend");
        const QByteArray wire = forwarded.serialize();
        HttpParser again(HttpParser::Kind::Request);
        FUZZ_CHECK(again.feed(wire));
        FUZZ_CHECK(again.pendingRequests() == 1);
        FUZZ_CHECK(again.idle());
        const HttpRequest back = again.takeRequest();
        FUZZ_CHECK(back.method == forwarded.method);
        FUZZ_CHECK(back.target == forwarded.target);
        FUZZ_CHECK(back.target.startsWith('/') || back.target == "*");
        FUZZ_CHECK(back.body == request.body);
        FUZZ_CHECK(back.versionMinor == 1);
        FUZZ_CHECK(withoutFraming(back.headers) == withoutFraming(forwarded.headers));
        FUZZ_CHECK(!back.headers.contains("Transfer-Encoding"));
        FUZZ_CHECK(!back.headers.contains("Connection"));
    }
    return 0;
}
