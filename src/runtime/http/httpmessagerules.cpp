#include "httpmessagerules.h"

#include <QVarLengthArray>

namespace topolab::runtime::HttpMessageRules {

namespace {

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

// reg-name, IP literal and port characters (RFC 3986): enough to refuse white space, slashes,
// user info and anything else a backend could split differently.
bool isHostChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("-._~!$&'()*+,;=:[]%").contains(c);
}

// A name or value as it can be shown in a message: control and non-ASCII bytes escaped.
QByteArray printable(QByteArrayView text)
{
    QByteArray out;
    for (const char c : text.first(std::min<qsizetype>(text.size(), 64))) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte >= 0x7f)
            out += "\\x" + QByteArray::number(byte, 16).rightJustified(2, '0');
        else
            out += c;
    }
    return out;
}

HttpError badRequest(QByteArray reason)
{
    return {400, std::move(reason)};
}

// Views into `headers`; a request rarely has more than one of a field.
QVarLengthArray<QByteArrayView, 2> valuesOf(const HttpHeaders &headers, QByteArrayView name)
{
    QVarLengthArray<QByteArrayView, 2> values;
    for (const auto &[field, value] : headers) {
        if (field.size() == name.size() && field.compare(name, Qt::CaseInsensitive) == 0)
            values.append(value);
    }
    return values;
}

std::optional<HttpError> checkTarget(const RequestLine &line)
{
    if (line.target.startsWith('/'))
        return std::nullopt;
    if (line.target == "*" && line.method == "OPTIONS")
        return std::nullopt;
    if (!absoluteFormAuthority(line.target).isEmpty())
        return std::nullopt;
    return badRequest("the request target \"" + printable(line.target) +
                      "\" is neither a path nor an absolute http URL");
}

// "host:80" of an http:// target names the same server as "host" (":443" for https://).
QByteArrayView withoutDefaultPort(QByteArrayView hostPort, QByteArrayView target)
{
    const bool https =
        target.size() > 5 && target.first(5).compare("https", Qt::CaseInsensitive) == 0;
    const QByteArrayView defaultPort = https ? QByteArrayView(":443") : QByteArrayView(":80");
    return hostPort.endsWith(defaultPort) ? hostPort.chopped(defaultPort.size()) : hostPort;
}

std::optional<HttpError> checkHost(const RequestLine &line, const HttpHeaders &headers)
{
    // Checked even without a Host field (HTTP/1.0): the balancer forwards this authority as
    // Host. Found by the fuzzer with "GET http://@/w HTTP/1.0".
    const QByteArrayView authority = absoluteFormAuthority(line.target);
    if (!std::all_of(authority.cbegin(), authority.cend(), isHostChar))
        return badRequest("the request target's host \"" + printable(authority) +
                          "\" is not a host name");
    const auto hosts = valuesOf(headers, "Host");
    if (hosts.size() > 1)
        return badRequest("the request has " + QByteArray::number(hosts.size()) +
                          " Host header fields; exactly one is allowed");
    if (hosts.isEmpty()) {
        if (line.versionMinor >= 1)
            return badRequest("an HTTP/1.1 request needs a Host header field");
        return std::nullopt;
    }
    const QByteArrayView host = hosts.first();
    if (!std::all_of(host.cbegin(), host.cend(), isHostChar))
        return badRequest("the Host header \"" + printable(host) + "\" is not a host name");
    if (!authority.isEmpty() &&
        withoutDefaultPort(authority, line.target)
                .compare(withoutDefaultPort(host, line.target), Qt::CaseInsensitive) != 0)
        return badRequest("the Host header \"" + printable(host) +
                          "\" does not match the request target's host \"" + printable(authority) +
                          '"');
    return std::nullopt;
}

std::optional<HttpError> checkTransferEncoding(const RequestLine &line, const HttpHeaders &headers)
{
    const auto values = valuesOf(headers, "Transfer-Encoding");
    if (values.isEmpty())
        return std::nullopt;
    if (line.versionMinor == 0)
        return badRequest("Transfer-Encoding is not allowed in an HTTP/1.0 request");
    QList<QByteArray> codings;
    for (const QByteArrayView value : values) {
        for (const QByteArray &coding : value.toByteArray().split(','))
            codings.append(coding.trimmed().toLower());
    }
    if (codings.last() != "chunked" || codings.count("chunked") != 1)
        return badRequest("the request's Transfer-Encoding must end with chunked, once");
    for (const QByteArray &coding : std::as_const(codings)) {
        if (coding != "chunked")
            return HttpError{501, "the transfer coding \"" + printable(coding) +
                                      "\" is not supported; send the body chunked only"};
    }
    return std::nullopt;
}

} // namespace

bool isToken(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isTokenChar);
}

QByteArrayView absoluteFormAuthority(QByteArrayView target)
{
    qsizetype start = -1;
    if (target.size() > 7 && target.first(7).compare("http://", Qt::CaseInsensitive) == 0)
        start = 7;
    else if (target.size() > 8 && target.first(8).compare("https://", Qt::CaseInsensitive) == 0)
        start = 8;
    if (start < 0)
        return {};
    qsizetype end = start;
    while (end < target.size() && target[end] != '/' && target[end] != '?' && target[end] != '#')
        ++end;
    return target.sliced(start, end - start);
}

std::optional<HttpError> checkFields(const HttpHeaders &headers)
{
    for (const auto &[name, value] : headers) {
        if (!isToken(name))
            return badRequest("the header field name \"" + printable(name) +
                              "\" is not a token (no white space or separators are allowed)");
        // http-parser counts any name that begins with Transfer-Encoding as that field being
        // present, and then frames the message differently from a parser that reads the name
        // whole (found by fuzz_response): refuse the ambiguity.
        if (name.size() > 17 &&
            name.first(17).compare("Transfer-Encoding", Qt::CaseInsensitive) == 0)
            return badRequest("the header field name \"" + printable(name) +
                              "\" begins like Transfer-Encoding, which parsers read differently");
        const bool control = std::any_of(value.cbegin(), value.cend(), [](char c) {
            const auto byte = static_cast<unsigned char>(c);
            return (byte < 0x20 && byte != '\t') || byte == 0x7f;
        });
        if (control)
            return badRequest("the header field " + name.toByteArray() +
                              " has a control character in its value");
    }
    return std::nullopt;
}

std::optional<HttpError> checkResponse(int status)
{
    if (status >= 100 && status <= 599)
        return std::nullopt;
    return badRequest("the status code " + QByteArray::number(status) +
                      " is not a three-digit code from 100 to 599");
}

std::optional<HttpError> checkRequest(const RequestLine &line, const HttpHeaders &headers)
{
    if (line.versionMajor != 1) {
        if (line.versionMajor == 0 && line.versionMinor == 9)
            return badRequest("HTTP/0.9 requests are not supported; send an HTTP/1.1 request");
        return HttpError{505, "HTTP/" + QByteArray::number(line.versionMajor) + '.' +
                                  QByteArray::number(line.versionMinor) +
                                  " is not supported; use HTTP/1.1"};
    }
    if (line.method == "CONNECT")
        return HttpError{501, "CONNECT tunnels are not supported"};
    if (auto error = checkTarget(line))
        return error;
    if (auto error = checkHost(line, headers))
        return error;
    if (auto error = checkTransferEncoding(line, headers))
        return error;
    for (const QByteArrayView expectation : valuesOf(headers, "Expect")) {
        if (expectation.trimmed().compare("100-continue", Qt::CaseInsensitive) != 0)
            return HttpError{417, "the expectation \"" + printable(expectation) +
                                      "\" is not supported; only 100-continue is"};
    }
    return std::nullopt;
}

} // namespace topolab::runtime::HttpMessageRules
