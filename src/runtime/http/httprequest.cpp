#include "httprequest.h"

#include "wirewriter.h"

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
    const auto isFraming = [](QByteArrayView name) {
        return name.compare("Content-Length", Qt::CaseInsensitive) == 0 ||
               name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0;
    };
    // The request line and the blank line, a Content-Length, then the fields and the body.
    qsizetype size = method.size() + target.size() + 64 + body.size();
    for (const auto &[name, value] : headers)
        size += name.size() + value.size() + 4;
    WireWriter out(size);
    out << method << ' ' << target << " HTTP/1.";
    if (versionMinor >= 0 && versionMinor <= 9)
        out << char('0' + versionMinor);
    else
        out << QByteArray::number(versionMinor);
    out << "\r\n";
    for (const auto &[name, value] : headers) {
        if (!isFraming(name))
            out << name << ": " << value << "\r\n";
    }
    if (!body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH")
        out << "Content-Length: " << QByteArray::number(body.size()) << "\r\n";
    out << "\r\n" << body;
    return out.take();
}

} // namespace topolab::runtime
