#pragma once

#include "httpheaders.h"

namespace topolab::runtime {

// One HTTP/1.1 response, body included.
struct HttpResponse {
    int status = 200;
    HttpHeaders headers;
    QByteArray body;
    bool keepAlive = true;
    // Says "Connection: keep-alive" when it stays open: an HTTP/1.0 client otherwise takes the
    // connection for closed after the response.
    bool announceKeepAlive = false;
    // What the Content-Length of an answer to HEAD says. A response relayed from another server
    // has no body here: it carries the length that server announced, or none if it announced
    // none (a chunked reply, whose length nobody knows before the body is made).
    enum class HeadLength { OfBody, Announced, Unknown };
    HeadLength headLength = HeadLength::OfBody;
    qint64 announcedHeadLength = 0;

    // A short response with a plain-text (or JSON) body and the right Content-Type.
    static HttpResponse text(int status, const QByteArray &body);
    static HttpResponse json(int status, const QByteArray &body);

    static QByteArrayView reasonPhrase(int status);
    // The response as bytes on the wire. For a HEAD request, the headers describe the body that a
    // GET would get, but the body itself is left out.
    QByteArray serialize(bool forHead = false) const;
    // The status line and header section of serialize(forHead); the body that follows it on the
    // wire is sentBody(forHead).
    QByteArray serializeHead(bool forHead = false) const;
    QByteArrayView sentBody(bool forHead = false) const
    {
        return forHead || bodiless() ? QByteArrayView() : QByteArrayView(body);
    }
    // The size of serialize(forHead), without making it.
    qint64 wireSize(bool forHead = false) const;

private:
    static bool isFramingField(QByteArrayView name);
    bool bodiless() const { return status < 200 || status == 204 || status == 304; }
    // 1xx, 204 and 304 responses never carry a body, so they get no length either.
    bool hasLengthField(bool forHead) const
    {
        return !bodiless() && !(forHead && headLength == HeadLength::Unknown);
    }
    qint64 announcedLength(bool forHead) const
    {
        return forHead && headLength == HeadLength::Announced ? announcedHeadLength : body.size();
    }
    QByteArrayView connectionField() const
    {
        if (!keepAlive)
            return "Connection: close\r\n";
        return announceKeepAlive ? "Connection: keep-alive\r\n" : "";
    }
};

} // namespace topolab::runtime
