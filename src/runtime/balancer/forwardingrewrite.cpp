#include "forwardingrewrite.h"

#include "runtime/http/httpmessagerules.h"

#include <algorithm>

namespace topolab::runtime::ForwardingRewrite {

namespace {

QByteArray appended(const QByteArray &existing, QByteArrayView value)
{
    return existing.isEmpty() ? value.toByteArray() : existing + ", " + value.toByteArray();
}

} // namespace

void removeHopByHop(HttpHeaders &headers)
{
    // Expect goes too: the balancer has the whole body before it forwards anything.
    static const QByteArrayList hopByHop = {
        "Connection", "Keep-Alive", "Proxy-Connection",  "TE",
        "Trailer",    "Upgrade",    "Transfer-Encoding", "Expect"};
    QByteArrayList named;
    for (const auto &[name, value] : headers.fields()) {
        if (name.compare("Connection", Qt::CaseInsensitive) != 0)
            continue;
        for (const QByteArray &option : value.split(',')) {
            const QByteArray trimmed = option.trimmed();
            if (!trimmed.isEmpty())
                named.append(trimmed);
        }
    }
    const auto listed = [](const QByteArrayList &names, const QByteArray &name) {
        return std::any_of(names.cbegin(), names.cend(), [&](const QByteArray &candidate) {
            return candidate.size() == name.size() &&
                   candidate.compare(name, Qt::CaseInsensitive) == 0;
        });
    };
    // One pass over the fields, for every name at once.
    headers.removeIf([&](const QByteArray &name) {
        return listed(hopByHop, name) || (!named.isEmpty() && listed(named, name));
    });
}

HttpRequest request(const HttpRequest &fromClient, QByteArrayView clientAddress,
                    QByteArrayView fallbackHost)
{
    HttpRequest forwarded = fromClient;
    forwarded.versionMinor = 1;
    forwarded.keepAlive = true;
    removeHopByHop(forwarded.headers);
    const QByteArrayView authority = HttpMessageRules::absoluteFormAuthority(fromClient.target);
    if (!authority.isEmpty()) {
        const qsizetype schemeAndAuthority =
            (authority.data() - fromClient.target.constData()) + authority.size();
        QByteArray path = fromClient.target.mid(schemeAndAuthority);
        if (!path.startsWith('/'))
            path.prepend('/');
        forwarded.target = path;
        forwarded.headers.set("Host", authority.toByteArray());
    } else if (!forwarded.headers.contains("Host")) {
        forwarded.headers.set("Host", fallbackHost.toByteArray());
    }
    forwarded.headers.set("X-Forwarded-For",
                          appended(fromClient.headers.value("X-Forwarded-For"), clientAddress));
    forwarded.headers.set("X-Forwarded-Proto", "http");
    forwarded.headers.set("Via", appended(fromClient.headers.value("Via"), "1.1 topolab"));
    return forwarded;
}

HttpResponse response(const HttpResponse &fromBackend, QByteArrayView backendName, bool head)
{
    HttpResponse toClient = fromBackend;
    // The client's connection does not end with the backend's: that one is the pool's business.
    toClient.keepAlive = true;
    if (head && fromBackend.headers.contains("Content-Length"))
        toClient.headContentLength = fromBackend.headers.value("Content-Length").toLongLong();
    removeHopByHop(toClient.headers);
    toClient.headers.set("Via", appended(fromBackend.headers.value("Via"), "1.1 topolab"));
    toClient.headers.set("X-Served-By", backendName.toByteArray());
    return toClient;
}

} // namespace topolab::runtime::ForwardingRewrite
