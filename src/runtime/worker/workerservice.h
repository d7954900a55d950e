#pragma once

#include "apiexecutor.h"
#include "runtime/http/requesthandler.h"
#include "staticfilehandler.h"

#include <QElapsedTimer>
#include <QObject>

namespace topolab::runtime {

// Everything one web/app worker answers: /healthz, /_stats and the site's static files on the
// HTTP thread, the guestbook API under /api/ on database threads — reads and writes apart, so a
// frozen primary delays only writes. Every response names the server in X-Server.
class WorkerService final : public RequestHandler {
public:
    struct Options {
        QString name;
        QString root;
        DatabaseAddress primary;
        DatabaseAddress replica;
    };

    explicit WorkerService(const Options &options);
    ~WorkerService() override;

    void handle(const HttpRequest &request, const ClientAddress &client,
                Responder respond) override;
    const WorkerStats &stats() const { return m_stats; }

private:
    std::optional<HttpResponse> answerHere(const HttpRequest &request);
    HttpResponse stamped(HttpResponse response);

    QString m_name;
    StaticFileHandler m_files;
    WorkerStats m_stats;
    QElapsedTimer m_uptime;
    // Declared before the executors: it must outlive them, as their answers are delivered to it.
    QObject m_replyContext;
    std::unique_ptr<ApiExecutor> m_reads;
    std::unique_ptr<ApiExecutor> m_writes;
};

} // namespace topolab::runtime
