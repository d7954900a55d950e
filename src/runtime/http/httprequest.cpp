#include "httprequest.h"

namespace topolab::runtime {

HttpRequest HttpRequest::make(QByteArray method, QByteArray target)
{
    HttpRequest request;
    request.method = std::move(method);
    request.target = std::move(target);
    return request;
}

QByteArray HttpRequest::path() const
{
    const qsizetype query = target.indexOf('?');
    return query < 0 ? target : target.left(query);
}

QByteArray HttpRequest::query() const
{
    const qsizetype query = target.indexOf('?');
    return query < 0 ? QByteArray() : target.mid(query + 1);
}

bool HttpRequest::isIdempotent() const
{
    static const QByteArrayList idempotent = {"GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"};
    return idempotent.contains(method);
}

QByteArray HttpRequest::serialize() const
{
    QByteArray out;
    out.reserve(256 + body.size());
    out += method + ' ' + target + " HTTP/1." + QByteArray::number(versionMinor) + "\r\n";
    for (const auto &[name, value] : headers.fields()) {
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0 ||
            name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0)
            continue;
        out += name + ": " + value + "\r\n";
    }
    if (!body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH")
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "\r\n";
    out += body;
    return out;
}

} // namespace topolab::runtime
