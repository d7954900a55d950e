#pragma once

#include "httpheaders.h"

namespace topolab::runtime {

// One HTTP/1.1 response, body included.
struct HttpResponse {
    int status = 200;
    HttpHeaders headers;
    QByteArray body;
    bool keepAlive = true;
    // For a response to HEAD relayed from another server: the Content-Length that server gave,
    // since the body it describes is not here. -1: the body's own size.
    qint64 headContentLength = -1;

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
    qint64 announcedLength(bool forHead) const
    {
        return forHead && headContentLength >= 0 ? headContentLength : body.size();
    }
};

} // namespace topolab::runtime
