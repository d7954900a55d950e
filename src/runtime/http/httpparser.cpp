#include "httpparser.h"

#include "httpmessagerules.h"

#include <algorithm>
#include <cstring>
#include <http_parser.h>
#include <mutex>

namespace topolab::runtime {

namespace {

// http-parser's static name of the method, shared rather than copied for every request.
QByteArray methodName(unsigned method)
{
    const char *name = http_method_str(static_cast<http_method>(method));
    return QByteArray::fromRawData(name, static_cast<qsizetype>(std::strlen(name)));
}

// Whether every protocol the Upgrade fields offer is h2c (HTTP/2 over clear text).
bool offersOnlyH2c(const HttpHeaders &headers)
{
    bool any = false;
    bool other = false;
    for (const auto &[name, value] : headers) {
        if (name.size() != 7 || name.compare("Upgrade", Qt::CaseInsensitive) != 0)
            continue;
        HttpHeaders::forEachListItem(value, [&](QByteArrayView protocol) {
            (protocol.compare("h2c", Qt::CaseInsensitive) == 0 ? any : other) = true;
        });
    }
    return any && !other;
}

} // namespace

// http-parser calls plain C functions; each finds its HttpParser through parser->data.
struct HttpParser::Callbacks {
    static HttpParser &self(http_parser *parser)
    {
        return *static_cast<HttpParser *>(parser->data);
    }

    static int messageBegin(http_parser *parser)
    {
        HttpParser &p = self(parser);
        p.m_state = State::Headers;
        p.m_headerBytes = 0;
        p.m_lastWasValue = false;
        p.m_url.clear();
        p.m_headers = {};
        // Room for a typical message's fields, so that neither grows one by one.
        p.m_headers.reserve(16, 512);
        p.m_body.clear();
        return 0;
    }

    static bool countHeaderBytes(HttpParser &p, size_t length)
    {
        p.m_headerBytes += static_cast<qsizetype>(length);
        if (p.m_headerBytes <= p.m_limits.maxHeaderBytes)
            return true;
        p.fail(431, "request header fields are larger than " +
                        QByteArray::number(p.m_limits.maxHeaderBytes / 1024) + " KiB");
        return false;
    }

    static int url(http_parser *parser, const char *at, size_t length)
    {
        HttpParser &p = self(parser);
        if (!countHeaderBytes(p, length))
            return 1;
        // http-parser takes a request line without a version for HTTP/0.9 and then waits for
        // header fields that such a client never sends: refuse it at once instead.
        if (parser->http_major == 0 && parser->http_minor == 9) {
            p.fail(400, "HTTP/0.9 requests are not supported; send an HTTP/1.1 request");
            return 1;
        }
        p.m_url.append(at, static_cast<qsizetype>(length));
        return 0;
    }

    static int headerField(http_parser *parser, const char *at, size_t length)
    {
        HttpParser &p = self(parser);
        if (p.m_state == State::Body)
            return 0; // a chunked trailer: not forwarded
        if (!countHeaderBytes(p, length))
            return 1;
        if (p.m_lastWasValue || p.m_headers.isEmpty()) {
            if (p.m_lastWasValue)
                p.m_headers.trimLastValue();
            p.m_headers.startField();
            p.m_lastWasValue = false;
        }
        p.m_headers.appendToName(QByteArrayView(at, static_cast<qsizetype>(length)));
        return 0;
    }

    static int headerValue(http_parser *parser, const char *at, size_t length)
    {
        HttpParser &p = self(parser);
        if (p.m_state == State::Body)
            return 0;
        if (!countHeaderBytes(p, length))
            return 1;
        // http-parser reports a value in one piece unless the input ended inside it; a second
        // piece after one that ended mid-input is a folded line (obs-fold), which would reach a
        // backend as something else than what the balancer saw.
        if (p.m_lastWasValue && !p.m_valueReachedInputEnd) {
            p.fail(400, "the header field " +
                            p.m_headers.at(p.m_headers.size() - 1).name.toByteArray() +
                            " is folded over several lines (obsolete line folding)");
            return 1;
        }
        p.m_valueReachedInputEnd = at + length == p.m_inputEnd;
        p.m_headers.appendToValue(QByteArrayView(at, static_cast<qsizetype>(length)));
        p.m_lastWasValue = true;
        return 0;
    }

    static int headersComplete(http_parser *parser)
    {
        HttpParser &p = self(parser);
        if (p.m_lastWasValue)
            p.m_headers.trimLastValue();
        p.m_lastWasValue = false;
        p.m_state = State::Body;
        // A server may ignore an Upgrade (RFC 9110 §7.8): an h2c client then goes on in
        // HTTP/1.1, as with HAProxy, and the forwarding drops the field. Other protocols
        // (WebSocket) cannot be relayed. Cleared here, http-parser parses on as HTTP/1.1.
        if (p.m_kind == Kind::Request && parser->upgrade && parser->method != HTTP_CONNECT) {
            if (!offersOnlyH2c(p.m_headers)) {
                p.fail(501, "protocol upgrades (WebSocket) are not supported: the balancer "
                            "relays HTTP/1.1 only");
                return -1;
            }
            parser->upgrade = 0;
        }
        std::optional<Error> refusal = HttpMessageRules::checkFields(p.m_headers);
        if (!refusal && p.m_kind == Kind::Response)
            refusal = HttpMessageRules::checkResponse(static_cast<int>(parser->status_code));
        if (!refusal && p.m_kind == Kind::Request)
            refusal = HttpMessageRules::checkRequest(
                {methodName(parser->method), p.m_url, parser->http_major, parser->http_minor},
                p.m_headers);
        if (refusal) {
            p.fail(refusal->status, std::move(refusal->reason));
            return -1;
        }
        if (p.m_kind == Kind::Request && parser->content_length != ULLONG_MAX &&
            (parser->flags & F_CONTENTLENGTH) &&
            parser->content_length > static_cast<uint64_t>(p.m_limits.maxBodyBytes)) {
            p.fail(413, "the request body is larger than " +
                            QByteArray::number(p.m_limits.maxBodyBytes / (1024 * 1024)) + " MiB");
            return -1;
        }
        p.m_awaitingContinue = p.m_kind == Kind::Request && p.m_headers.contains("Expect");
        // Room for the announced body up front (up to 1 MiB: an announcement is not a body).
        if (parser->content_length != ULLONG_MAX && (parser->flags & F_CONTENTLENGTH))
            p.m_body.reserve(
                static_cast<qsizetype>(std::min<uint64_t>(parser->content_length, 1024 * 1024)));
        // Returning 1 tells http-parser that this response has no body: a reply to HEAD, and 204
        // and 304, which never have one whatever their Content-Length says.
        const unsigned status = parser->status_code;
        const bool bodiless = p.m_nextIsHeadResponse || status == 204 || status == 304 ||
                              (status >= 100 && status < 200);
        return p.m_kind == Kind::Response && bodiless ? 1 : 0;
    }

    static int body(http_parser *parser, const char *at, size_t length)
    {
        HttpParser &p = self(parser);
        if (p.m_body.size() + static_cast<qsizetype>(length) > p.m_limits.maxBodyBytes) {
            p.fail(413, "the body is larger than " +
                            QByteArray::number(p.m_limits.maxBodyBytes / (1024 * 1024)) + " MiB");
            return 1;
        }
        p.m_body.append(at, static_cast<qsizetype>(length));
        return 0;
    }

    static int messageComplete(http_parser *parser)
    {
        HttpParser &p = self(parser);
        if (parser->upgrade) {
            p.fail(501, "protocol upgrades (WebSocket, h2c) are not supported");
            return 1;
        }
        p.m_awaitingContinue = false;
        const bool keepAlive = http_should_keep_alive(parser) != 0;
        if (p.m_kind == Kind::Request) {
            p.m_requests.append(HttpRequest{methodName(parser->method), std::move(p.m_url),
                                            parser->http_minor, std::move(p.m_headers),
                                            std::move(p.m_body), keepAlive});
        } else if (parser->status_code >= 100 && parser->status_code < 200) {
            // An interim response (100 Continue, 103 Early Hints): the final one follows.
            p.m_body.clear();
        } else {
            p.m_responses.append(HttpResponse{static_cast<int>(parser->status_code),
                                              std::move(p.m_headers), std::move(p.m_body),
                                              keepAlive});
            p.m_nextIsHeadResponse = false;
        }
        p.m_headers = {};
        p.m_state = State::Idle;
        return 0;
    }

    static const http_parser_settings &settings()
    {
        static const http_parser_settings s = [] {
            http_parser_settings value{};
            value.on_message_begin = &messageBegin;
            value.on_url = &url;
            value.on_header_field = &headerField;
            value.on_header_value = &headerValue;
            value.on_headers_complete = &headersComplete;
            value.on_body = &body;
            value.on_message_complete = &messageComplete;
            return value;
        }();
        return s;
    }
};

HttpParser::HttpParser(Kind kind, HttpLimits limits)
    : m_kind(kind)
    , m_limits(limits)
    , m_parser(std::make_unique<http_parser>())
{
    // http-parser's own limit is process-wide; ours is per parser and tighter, so open its own
    // wide enough never to trip first.
    static std::once_flag widened;
    std::call_once(widened, [] { http_parser_set_max_header_size(1024 * 1024); });
    http_parser_init(m_parser.get(), kind == Kind::Request ? HTTP_REQUEST : HTTP_RESPONSE);
    m_parser->data = this;
}

HttpParser::~HttpParser() = default;

void HttpParser::fail(int status, QByteArray reason)
{
    if (!m_error)
        m_error = Error{status, std::move(reason)};
}

bool HttpParser::feed(QByteArrayView data)
{
    if (m_error)
        return false;
    m_inputEnd = data.data() + data.size();
    const size_t parsed = http_parser_execute(m_parser.get(), &Callbacks::settings(), data.data(),
                                              static_cast<size_t>(data.size()));
    m_inputEnd = nullptr;
    if (m_error)
        return false;
    if (m_parser->upgrade) {
        fail(501, "protocol upgrades (WebSocket, h2c) are not supported");
        return false;
    }
    const auto code = static_cast<http_errno>(m_parser->http_errno);
    if (code != HPE_OK || parsed != static_cast<size_t>(data.size())) {
        fail(400, QByteArray("malformed HTTP: ") + http_errno_description(code));
        return false;
    }
    return true;
}

void HttpParser::finish()
{
    if (!m_error)
        http_parser_execute(m_parser.get(), &Callbacks::settings(), nullptr, 0);
}

} // namespace topolab::runtime
