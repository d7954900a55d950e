#include "fuzzcheck.h"
#include "runtime/balancer/forwardingrewrite.h"
#include "runtime/http/httpparser.h"

#include <cstdint>

using namespace topolab::runtime;

namespace {

HttpHeaders withoutFraming(HttpHeaders headers)
{
    for (const char *name : {"Content-Length", "Transfer-Encoding", "Connection"})
        headers.remove(name);
    return headers;
}

} // namespace

// Bytes from a backend, through the response parser and the balancer's relay rewrite: what the
// client gets must parse back to the same status, fields and body, with a length that frames it
// exactly (nothing left over that a client would read as a second response).
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    // The first byte: the low bit says whether the request was a HEAD, the rest where the input is
    // cut in two reads.
    const bool head = (data[0] & 1) != 0;
    const QByteArrayView input(reinterpret_cast<const char *>(data) + 1,
                               static_cast<qsizetype>(size - 1));
    const qsizetype cut = input.isEmpty() ? 0 : (data[0] >> 1) % (input.size() + 1);
    HttpParser parser(HttpParser::Kind::Response);
    parser.expectResponseToHead(head);
    if (parser.feed(input.first(cut)))
        parser.feed(input.sliced(cut));
    if (!parser.hasResponse())
        parser.finish();
    if (!parser.hasResponse())
        return 0;
    const HttpResponse response = parser.takeResponse();
    const HttpResponse relayed = ForwardingRewrite::response(response, "backend", head);
    const QByteArray wire = relayed.serialize(head);
    FUZZ_CHECK(wire.size() == relayed.wireSize(head));
    HttpParser again(HttpParser::Kind::Response);
    again.expectResponseToHead(head);
    FUZZ_CHECK(again.feed(wire));
    FUZZ_CHECK(again.hasResponse());
    FUZZ_CHECK(again.idle());
    const HttpResponse back = again.takeResponse();
    FUZZ_CHECK(!again.hasResponse());
    FUZZ_CHECK(back.status == response.status);
    if (!head)
        FUZZ_CHECK(back.body == response.body);
    FUZZ_CHECK(withoutFraming(back.headers) == withoutFraming(relayed.headers));
    return 0;
}
