#pragma once

#include <QJsonObject>
#include <atomic>

namespace topolab::runtime {

// What a worker has done since it started, served as JSON on /_stats. Counted from the HTTP
// thread and the database threads at once, hence atomic.
struct WorkerStats {
    std::atomic<qint64> requests = 0;
    std::atomic<qint64> errors = 0;
    std::atomic<qint64> dbReads = 0;
    std::atomic<qint64> dbWrites = 0;
    std::atomic<qint64> dbErrors = 0;

    QJsonObject toJson() const
    {
        return {{QStringLiteral("requests"), requests.load()},
                {QStringLiteral("errors"), errors.load()},
                {QStringLiteral("dbReads"), dbReads.load()},
                {QStringLiteral("dbWrites"), dbWrites.load()},
                {QStringLiteral("dbErrors"), dbErrors.load()}};
    }
};

} // namespace topolab::runtime
