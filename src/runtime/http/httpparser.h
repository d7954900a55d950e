#pragma once

#include "httperror.h"
#include "httprequest.h"
#include "httpresponse.h"

#include <QQueue>
#include <memory>
#include <optional>

struct http_parser;

namespace topolab::runtime {

// How much of a message a parser accepts before it answers 431 or 413.
struct HttpLimits {
    qsizetype maxHeaderBytes = 16 * 1024;
    qsizetype maxBodyBytes = 8 * 1024 * 1024;
};

// Incremental HTTP/1.x parser over Debian's http-parser (nodejs). Feed it bytes as they arrive;
// complete messages queue up. Whatever http-parser refuses — malformed syntax, both
// Content-Length and Transfer-Encoding, repeated Content-Length, oversized headers — and whatever
// HttpMessageRules refuses (names that are not tokens, a missing or second Host, unknown
// versions, HTTP/0.9) becomes an Error with the status a server should answer, so request
// smuggling never gets past it.
class HttpParser final {
public:
    enum class Kind { Request, Response };

    using Error = HttpError;

    explicit HttpParser(Kind kind, HttpLimits limits = {});
    ~HttpParser();
    HttpParser(const HttpParser &) = delete;
    HttpParser &operator=(const HttpParser &) = delete;

    // Parses `data`; false once the stream is broken (see error()).
    bool feed(QByteArrayView data);
    // Tells a response parser that the reply to the next request is to a HEAD: it has no body
    // whatever its Content-Length says.
    void expectResponseToHead(bool head) { m_nextIsHeadResponse = head; }
    // For a response without a length that ends when the connection closes.
    void finish();

    const std::optional<Error> &error() const { return m_error; }
    // True while a message has started but its headers are not complete yet.
    bool inHeaders() const { return m_state == State::Headers; }
    // True between messages: nothing of the next one has arrived.
    bool idle() const { return m_state == State::Idle; }

    // A request's headers asked for "100 Continue" and its body has not fully arrived: the server
    // should send the interim response (once, and only when it is this request's turn).
    bool awaitingContinue() const { return m_awaitingContinue; }
    void continueSent() { m_awaitingContinue = false; }

    bool hasRequest() const { return !m_requests.isEmpty(); }
    qsizetype pendingRequests() const { return m_requests.size(); }
    // The newest complete request asks to close the connection: nothing after it counts.
    bool closingRequestQueued() const
    {
        return !m_requests.isEmpty() && !m_requests.last().keepAlive;
    }
    HttpRequest takeRequest() { return m_requests.dequeue(); }
    bool hasResponse() const { return !m_responses.isEmpty(); }
    HttpResponse takeResponse() { return m_responses.dequeue(); }

private:
    enum class State { Idle, Headers, Body };
    struct Callbacks;

    void fail(int status, QByteArray reason);

    Kind m_kind;
    HttpLimits m_limits;
    std::unique_ptr<http_parser> m_parser;
    State m_state = State::Idle;
    qsizetype m_headerBytes = 0;
    bool m_lastWasValue = false;
    bool m_valueReachedInputEnd = false;
    const char *m_inputEnd = nullptr;
    bool m_nextIsHeadResponse = false;
    bool m_awaitingContinue = false;
    QByteArray m_url;
    HttpHeaders m_headers;
    QByteArray m_body;
    std::optional<Error> m_error;
    QQueue<HttpRequest> m_requests;
    QQueue<HttpResponse> m_responses;
};

} // namespace topolab::runtime
