#include "staticfilehandler.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

namespace {

constexpr qint64 kMaxFileSize = 64 * 1024 * 1024;

QByteArray etagOf(const QFileInfo &info)
{
    return '"' + QByteArray::number(info.size(), 16) + '-' +
           QByteArray::number(info.lastModified().toMSecsSinceEpoch(), 16) + '"';
}

QDateTime parseHttpDate(const QByteArray &value)
{
    QDateTime time = QLocale::c().toDateTime(QString::fromLatin1(value).trimmed(),
                                             u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s);
    time.setTimeSpec(Qt::UTC);
    return time;
}

bool etagMatches(const QByteArray &header, const QByteArray &etag)
{
    if (header.trimmed() == "*")
        return true;
    for (QByteArray candidate : header.split(',')) {
        candidate = candidate.trimmed();
        if (candidate.startsWith("W/"))
            candidate = candidate.mid(2);
        if (candidate == etag)
            return true;
    }
    return false;
}

} // namespace

StaticFileHandler::StaticFileHandler(const QString &root)
    : m_root(QFileInfo(root).canonicalFilePath())
{
}

QByteArray StaticFileHandler::contentType(const QString &fileName)
{
    static const QHash<QString, QByteArray> types = {
        {u"html"_s, "text/html; charset=utf-8"},
        {u"htm"_s, "text/html; charset=utf-8"},
        {u"css"_s, "text/css; charset=utf-8"},
        {u"js"_s, "text/javascript; charset=utf-8"},
        {u"json"_s, "application/json"},
        {u"txt"_s, "text/plain; charset=utf-8"},
        {u"svg"_s, "image/svg+xml"},
        {u"png"_s, "image/png"},
        {u"jpg"_s, "image/jpeg"},
        {u"jpeg"_s, "image/jpeg"},
        {u"gif"_s, "image/gif"},
        {u"ico"_s, "image/x-icon"},
        {u"webp"_s, "image/webp"},
        {u"woff2"_s, "font/woff2"},
        {u"xml"_s, "application/xml"},
        {u"pdf"_s, "application/pdf"},
    };
    return types.value(QFileInfo(fileName).suffix().toLower(), "application/octet-stream");
}

QByteArray StaticFileHandler::httpDate(const QDateTime &time)
{
    return QLocale::c().toString(time.toUTC(), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s).toLatin1();
}

std::variant<QString, HttpResponse> StaticFileHandler::resolve(const QByteArray &path) const
{
    if (m_root.isEmpty())
        return HttpResponse::text(500, "the site folder does not exist");
    const QByteArray decoded = QByteArray::fromPercentEncoding(path);
    if (!decoded.startsWith('/') || decoded.contains('\0') || decoded.contains('\\'))
        return HttpResponse::text(400, "bad path");
    for (const QByteArray &segment : decoded.split('/')) {
        if (segment == "..")
            return HttpResponse::text(403, "paths may not leave the site folder");
    }
    QString file = m_root + QString::fromUtf8(decoded);
    if (QFileInfo(file).isDir())
        file += u"/index.html"_s;
    // Resolves symbolic links, so a link pointing out of the site is caught here.
    const QString canonical = QFileInfo(file).canonicalFilePath();
    if (canonical.isEmpty())
        return HttpResponse::text(404, "not found");
    if (!canonical.startsWith(m_root + u'/'))
        return HttpResponse::text(403, "paths may not leave the site folder");
    return canonical;
}

HttpResponse StaticFileHandler::handle(const HttpRequest &request) const
{
    if (request.method != "GET" && request.method != "HEAD") {
        HttpResponse response = HttpResponse::text(405, "static files answer GET and HEAD only");
        response.headers.set("Allow", "GET, HEAD");
        return response;
    }
    auto resolved = resolve(request.path());
    if (auto *error = std::get_if<HttpResponse>(&resolved))
        return *error;
    const QFileInfo info(std::get<QString>(resolved));
    if (info.size() > kMaxFileSize)
        return HttpResponse::text(500, "file too large to serve");

    HttpResponse response;
    const QByteArray etag = etagOf(info);
    const QDateTime modified = info.lastModified().toUTC();
    response.headers.set("ETag", etag);
    response.headers.set("Last-Modified", httpDate(modified));
    response.headers.set("Cache-Control", "no-cache");

    const QByteArray ifNoneMatch = request.headers.value("If-None-Match");
    const QByteArray ifModifiedSince = request.headers.value("If-Modified-Since");
    const bool notModified =
        !ifNoneMatch.isEmpty()
            ? etagMatches(ifNoneMatch, etag)
            : !ifModifiedSince.isEmpty() && parseHttpDate(ifModifiedSince).isValid() &&
                  modified.toSecsSinceEpoch() <= parseHttpDate(ifModifiedSince).toSecsSinceEpoch();
    if (notModified) {
        response.status = 304;
        return response;
    }
    QFile file(info.filePath());
    if (!file.open(QIODevice::ReadOnly))
        return HttpResponse::text(403, "the file cannot be read");
    response.headers.set("Content-Type", contentType(info.fileName()));
    // HEAD reads the file too: its Content-Length must be the GET body's. The server leaves the
    // body off the wire.
    response.body = file.readAll();
    return response;
}

} // namespace topolab::runtime
