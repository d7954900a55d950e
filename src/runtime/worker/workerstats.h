#pragma once

#include <QJsonObject>

namespace topolab::runtime {

// What a worker has done since it started, served as JSON on /_stats.
struct WorkerStats {
    qint64 requests = 0;
    qint64 errors = 0;
    qint64 dbReads = 0;
    qint64 dbWrites = 0;
    qint64 dbErrors = 0;

    QJsonObject toJson() const
    {
        return {{QStringLiteral("requests"), requests},
                {QStringLiteral("errors"), errors},
                {QStringLiteral("dbReads"), dbReads},
                {QStringLiteral("dbWrites"), dbWrites},
                {QStringLiteral("dbErrors"), dbErrors}};
    }
};

} // namespace topolab::runtime
