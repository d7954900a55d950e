#pragma once

#include "httperror.h"
#include "httpheaders.h"

#include <optional>

namespace topolab::runtime {

// The rules of RFC 9110 and RFC 9112 that http-parser does not enforce, checked once a message's
// header section is complete. A proxy that lets any of these through forwards something its
// backend may read differently from the proxy (request smuggling), so each gets the answer
// HAProxy gives.
namespace HttpMessageRules {

// The parts of a request line that the rules look at.
struct RequestLine {
    QByteArrayView method;
    QByteArrayView target;
    int versionMajor;
    int versionMinor;
};

// Every field name is a token and no value holds a control character.
std::optional<HttpError> checkFields(const HttpHeaders &headers);
// Version, Host, target form, Transfer-Encoding and Expect of a request.
std::optional<HttpError> checkRequest(const RequestLine &line, const HttpHeaders &headers);

// A response's status: three digits, 100 to 599 (RFC 9110 §15).
std::optional<HttpError> checkResponse(int status);

bool isToken(QByteArrayView text);
// "host" or "host:port" of an absolute-form target ("http://host:port/path"), or empty.
QByteArrayView absoluteFormAuthority(QByteArrayView target);

} // namespace HttpMessageRules

} // namespace topolab::runtime
