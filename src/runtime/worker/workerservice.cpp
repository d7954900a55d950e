#include "workerservice.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

WorkerService::WorkerService(const Options &options)
    : m_name(options.name)
    , m_files(options.root)
    , m_api(options.name, options.primary, options.replica, m_stats)
{
    m_uptime.start();
}

HttpResponse WorkerService::handle(const HttpRequest &request, const QHostAddress &)
{
    ++m_stats.requests;
    HttpResponse response = route(request);
    if (response.status >= 500)
        ++m_stats.errors;
    response.headers.set("X-Server", m_name.toUtf8());
    response.headers.set("Server", "topolab-worker");
    return response;
}

HttpResponse WorkerService::route(const HttpRequest &request)
{
    const QByteArray path = request.path();
    if (path == "/healthz")
        return HttpResponse::text(200, "ok " + m_name.toUtf8());
    if (path == "/_stats") {
        QJsonObject stats = m_stats.toJson();
        stats.insert(u"server"_s, m_name);
        stats.insert(u"uptimeMs"_s, m_uptime.elapsed());
        return HttpResponse::json(200, QJsonDocument(stats).toJson(QJsonDocument::Compact));
    }
    if (path == "/api/posts")
        return m_api.handle(request);
    if (path.startsWith("/api/"))
        return HttpResponse::json(404, R"({"error":"unknown API route; try /api/posts"})");
    return m_files.handle(request);
}

} // namespace topolab::runtime
