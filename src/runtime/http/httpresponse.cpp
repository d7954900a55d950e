#include "httpresponse.h"

#include "wirewriter.h"

#include <charconv>

namespace topolab::runtime {

namespace {

// A number as decimal digits, without the allocation QByteArray::number makes.
class Decimal {
public:
    explicit Decimal(qint64 value)
        : m_size(static_cast<qsizetype>(
              std::to_chars(m_digits, m_digits + sizeof m_digits, value).ptr - m_digits))
    {
    }
    QByteArrayView view() const { return {m_digits, m_size}; }

private:
    char m_digits[24];
    qsizetype m_size;
};

} // namespace

HttpResponse HttpResponse::text(int status, const QByteArray &body)
{
    HttpResponse response;
    response.status = status;
    response.headers.set("Content-Type", "text/plain; charset=utf-8");
    response.body = body.endsWith('\n') ? body : body + '\n';
    return response;
}

HttpResponse HttpResponse::json(int status, const QByteArray &body)
{
    HttpResponse response;
    response.status = status;
    response.headers.set("Content-Type", "application/json");
    response.body = body;
    return response;
}

QByteArrayView HttpResponse::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 415:
        return "Unsupported Media Type";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Unknown";
    }
}

bool HttpResponse::isFramingField(QByteArrayView name)
{
    // The serializer writes these itself from the body and keepAlive.
    if (name.size() != 14 && name.size() != 17 && name.size() != 10)
        return false;
    return name.compare("Content-Length", Qt::CaseInsensitive) == 0 ||
           name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0 ||
           name.compare("Connection", Qt::CaseInsensitive) == 0;
}

QByteArray HttpResponse::serialize(bool forHead) const
{
    QByteArray out = serializeHead(forHead);
    out.append(sentBody(forHead));
    return out;
}

QByteArray HttpResponse::serializeHead(bool forHead) const
{
    WireWriter out(wireSize(forHead) - sentBody(forHead).size());
    out << "HTTP/1.1 " << Decimal(status).view() << ' ' << reasonPhrase(status) << "\r\n";
    for (const auto &[name, value] : headers) {
        if (!isFramingField(name))
            out << name << ": " << value << "\r\n";
    }
    if (hasLengthField(forHead))
        out << "Content-Length: " << Decimal(announcedLength(forHead)).view() << "\r\n";
    out << connectionField() << "\r\n";
    return out.take();
}

qint64 HttpResponse::wireSize(bool forHead) const
{
    // "HTTP/1.1 200 OK\r\n" and the blank line that ends the header section.
    qint64 size = 9 + Decimal(status).view().size() + 1 + reasonPhrase(status).size() + 2 + 2;
    for (const auto &[name, value] : headers) {
        if (!isFramingField(name))
            size += name.size() + 2 + value.size() + 2;
    }
    if (hasLengthField(forHead))
        size += 16 + Decimal(announcedLength(forHead)).view().size() + 2;
    return size + sentBody(forHead).size() + connectionField().size();
}

} // namespace topolab::runtime
