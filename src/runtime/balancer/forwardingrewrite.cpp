#include "forwardingrewrite.h"

#include "runtime/http/httpmessagerules.h"

#include <QVarLengthArray>
#include <algorithm>

namespace topolab::runtime::ForwardingRewrite {

namespace {

// `existing` with `value` added to its list, on the stack: this runs for every request.
QVarLengthArray<char, 256> appended(QByteArrayView existing, QByteArrayView value)
{
    QVarLengthArray<char, 256> joined;
    if (!existing.isEmpty()) {
        joined.append(existing.data(), existing.size());
        joined.append(", ", 2);
    }
    joined.append(value.data(), value.size());
    return joined;
}

QByteArrayView view(const QVarLengthArray<char, 256> &bytes)
{
    return {bytes.data(), bytes.size()};
}

} // namespace

void removeHopByHop(HttpHeaders &headers)
{
    // Expect goes too: the balancer has the whole body before it forwards anything.
    static constexpr QByteArrayView hopByHop[] = {
        "Connection", "Keep-Alive", "Proxy-Connection",  "TE",
        "Trailer",    "Upgrade",    "Transfer-Encoding", "Expect"};
    // The names a Connection field lists, as views into `headers`: removing fields leaves the
    // bytes they view in place.
    QVarLengthArray<QByteArrayView, 8> named;
    for (const auto &[name, value] : headers) {
        if (name.size() != 10 || name.compare("Connection", Qt::CaseInsensitive) != 0)
            continue;
        HttpHeaders::forEachListItem(value, [&](QByteArrayView option) { named.append(option); });
    }
    const auto listed = [](const auto &names, QByteArrayView name) {
        return std::any_of(std::begin(names), std::end(names), [&](QByteArrayView candidate) {
            return candidate.size() == name.size() &&
                   candidate.compare(name, Qt::CaseInsensitive) == 0;
        });
    };
    // One pass over the fields, for every name at once.
    headers.removeIf([&](QByteArrayView name) {
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
        forwarded.headers.set("Host", authority);
    } else if (!forwarded.headers.contains("Host")) {
        forwarded.headers.set("Host", fallbackHost);
    }
    forwarded.headers.set(
        "X-Forwarded-For",
        view(appended(fromClient.headers.find("X-Forwarded-For"), clientAddress)));
    forwarded.headers.set("X-Forwarded-Proto", "http");
    forwarded.headers.set("Via", view(appended(fromClient.headers.find("Via"), "1.1 topolab")));
    return forwarded;
}

HttpResponse response(HttpResponse fromBackend, QByteArrayView backendName, bool head)
{
    HttpResponse toClient = std::move(fromBackend);
    // The client's connection does not end with the backend's: that one is the pool's business.
    toClient.keepAlive = true;
    if (head) {
        const bool announced = toClient.headers.contains("Content-Length");
        toClient.headLength =
            announced ? HttpResponse::HeadLength::Announced : HttpResponse::HeadLength::Unknown;
        toClient.announcedHeadLength =
            announced ? toClient.headers.find("Content-Length").toLongLong() : 0;
    }
    removeHopByHop(toClient.headers);
    // Built before set() drops the backend's own Via, whose bytes it views.
    const QVarLengthArray<char, 256> via = appended(toClient.headers.find("Via"), "1.1 topolab");
    toClient.headers.set("Via", view(via));
    toClient.headers.set("X-Served-By", backendName);
    return toClient;
}

} // namespace topolab::runtime::ForwardingRewrite
