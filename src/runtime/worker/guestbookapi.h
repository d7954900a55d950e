#pragma once

#include "databaselink.h"
#include "runtime/http/httprequest.h"
#include "runtime/http/httpresponse.h"
#include "workerstats.h"

#include <memory>

namespace topolab::runtime {

// The application role: a guestbook on MySQL. GET /api/posts reads from the replica, POST
// /api/posts writes to the primary, both with prepared statements. Input is validated; a lost
// database gives 503 with a JSON reason and the next request reconnects.
class GuestbookApi final {
public:
    static constexpr int kMaxAuthor = 64;
    static constexpr int kMaxMessage = 500;
    static constexpr int kMaxBody = 4096;

    // `connectionPrefix` keeps the names of this instance's database connections apart from
    // another instance's (one per thread).
    GuestbookApi(QString serverName, const DatabaseAddress &primary, const DatabaseAddress &replica,
                 WorkerStats &stats, const QString &connectionPrefix = {});

    HttpResponse handle(const HttpRequest &request);

    // The schema the application needs in `database`; the cluster creates it on the primary.
    static QStringList schemaStatements(const QString &database);

private:
    HttpResponse listPosts(const HttpRequest &request);
    HttpResponse addPost(const HttpRequest &request);
    HttpResponse unavailable(DatabaseLink &link, const QString &reason);

    QString m_serverName;
    WorkerStats &m_stats;
    std::unique_ptr<DatabaseLink> m_primary;
    std::unique_ptr<DatabaseLink> m_replica;
};

} // namespace topolab::runtime
