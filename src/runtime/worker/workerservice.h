#pragma once

#include "guestbookapi.h"
#include "runtime/http/requesthandler.h"
#include "staticfilehandler.h"

#include <QElapsedTimer>

namespace topolab::runtime {

// Everything one web/app worker answers: /healthz, /_stats, the guestbook API under /api/ and the
// site's static files for the rest. Every response names the server in X-Server.
class WorkerService final : public RequestHandler {
public:
    struct Options {
        QString name;
        QString root;
        DatabaseAddress primary;
        DatabaseAddress replica;
    };

    explicit WorkerService(const Options &options);

    HttpResponse handle(const HttpRequest &request, const QHostAddress &peer) override;
    const WorkerStats &stats() const { return m_stats; }

private:
    HttpResponse route(const HttpRequest &request);

    QString m_name;
    StaticFileHandler m_files;
    WorkerStats m_stats;
    GuestbookApi m_api;
    QElapsedTimer m_uptime;
};

} // namespace topolab::runtime
