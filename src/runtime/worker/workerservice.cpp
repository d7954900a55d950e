#include "workerservice.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

WorkerService::WorkerService(const Options &options)
    : m_name(options.name)
    , m_files(options.root)
{
    m_uptime.start();
    const auto factory = [this, options](const QString &prefix) {
        return [this, options, prefix] {
            return std::make_unique<GuestbookApi>(options.name, options.primary, options.replica,
                                                  m_stats, prefix);
        };
    };
    m_reads = std::make_unique<ApiExecutor>(u"topolab-db-reads"_s, factory(u"reads-"_s));
    m_writes = std::make_unique<ApiExecutor>(u"topolab-db-writes"_s, factory(u"writes-"_s));
}

WorkerService::~WorkerService() = default;

HttpResponse WorkerService::stamped(HttpResponse response)
{
    if (response.status >= 500)
        ++m_stats.errors;
    response.headers.set("X-Server", m_name.toUtf8());
    response.headers.set("Server", "topolab-worker");
    return response;
}

void WorkerService::handle(const HttpRequest &request, const ClientAddress &, Responder respond)
{
    ++m_stats.requests;
    if (std::optional<HttpResponse> response = answerHere(request)) {
        respond(stamped(std::move(*response)));
        return;
    }
    const bool read = request.method == "GET" || request.method == "HEAD";
    ApiExecutor &executor = read ? *m_reads : *m_writes;
    executor.submit(request, &m_replyContext, [this, respond](HttpResponse response) {
        respond(stamped(std::move(response)));
    });
}

std::optional<HttpResponse> WorkerService::answerHere(const HttpRequest &request)
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
        return std::nullopt;
    if (path.startsWith("/api/"))
        return HttpResponse::json(404, R"({"error":"unknown API route; try /api/posts"})");
    return m_files.handle(request);
}

} // namespace topolab::runtime
