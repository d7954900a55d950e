#pragma once

#include "runtime/http/httprequest.h"
#include "runtime/http/httpresponse.h"

#include <QDir>

namespace topolab::runtime {

// Serves the files below one folder, as a web server's static role does: Content-Type by
// extension, ETag and Last-Modified with 304 answers, HEAD. No request reaches a file outside the
// folder — not with "..", not percent-encoded, not through a symbolic link.
class StaticFileHandler final {
public:
    explicit StaticFileHandler(const QString &root);

    HttpResponse handle(const HttpRequest &request) const;

    static QByteArray contentType(const QString &fileName);
    static QByteArray httpDate(const QDateTime &time);

private:
    // The file a request path names, or an error response.
    std::variant<QString, HttpResponse> resolve(const QByteArray &path) const;

    QString m_root;
};

} // namespace topolab::runtime
