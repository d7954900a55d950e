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
    // Piece by piece: joining with + would allocate a temporary for every field.
    out.append(method).append(' ').append(target).append(" HTTP/1.");
    if (versionMinor >= 0 && versionMinor <= 9)
        out.append(char('0' + versionMinor));
    else
        out.append(QByteArray::number(versionMinor));
    out.append("\r\n");
    for (const auto &[name, value] : headers) {
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0 ||
            name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0)
            continue;
        out.append(name).append(": ").append(value).append("\r\n");
    }
    if (!body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH")
        out.append("Content-Length: ").append(QByteArray::number(body.size())).append("\r\n");
    out.append("\r\n").append(body);
    return out;
}

} // namespace topolab::runtime
