#pragma once

#include "guestbookapi.h"
#include "runtime/http/requesthandler.h"

#include <QThread>
#include <functional>

namespace topolab::runtime {

// Runs guestbook API requests on a thread of its own, with database connections of its own, and
// hands each response back to the HTTP server's thread. A slow or frozen database then delays
// only the API requests queued here; /healthz and static files keep being answered.
class ApiExecutor final {
public:
    using ApiFactory = std::function<std::unique_ptr<GuestbookApi>()>;

    // `factory` runs on the executor's thread: database connections belong to the thread that
    // made them.
    ApiExecutor(QString name, ApiFactory factory);
    ~ApiExecutor();
    ApiExecutor(const ApiExecutor &) = delete;
    ApiExecutor &operator=(const ApiExecutor &) = delete;

    // Handles `request` on the executor's thread; `respond` is called on `replyContext`'s thread.
    void submit(const HttpRequest &request, QObject *replyContext,
                RequestHandler::Responder respond);

private:
    ApiFactory m_factory;
    QThread m_thread;
    QObject *m_context;
    std::unique_ptr<GuestbookApi> m_api; // used on m_thread only
};

} // namespace topolab::runtime
