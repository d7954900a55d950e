#pragma once

#include "loadoptions.h"
#include "loadreport.h"
#include "runtime/http/httpclientconnection.h"

#include <QElapsedTimer>
#include <QObject>
#include <QQueue>
#include <QRandomGenerator>
#include <QTimer>

namespace topolab::runtime {

// An in-process HTTP load generator with a realistic mix of pages, API reads and API writes.
// Closed loop: `concurrency` connections, each sending its next request when the last is
// answered. Open loop: requests fall due at `rate` per second whatever the server does, queued
// when all connections are busy.
class LoadGenerator final : public QObject, private HttpClientConnection::Receiver {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadGenerator)

public:
    explicit LoadGenerator(LoadOptions options, QObject *parent = nullptr);

    void start();
    // Stops sending; requests in flight are abandoned and not counted.
    void stop();
    bool isRunning() const { return m_running; }
    // While it runs, with the time so far: a window that attached late gets the right rate.
    LoadReport report() const
    {
        LoadReport report = m_report;
        if (m_running)
            report.elapsedMs = m_clock.elapsed();
        return report;
    }

signals:
    void finished(const topolab::runtime::LoadReport &report);

private:
    struct Due {
        qint64 dueNs;
    };

    void tick();
    bool mayIssue() const;
    void issue(HttpClientConnection *connection, qint64 dueNs);
    HttpClientConnection *idleConnection();
    QByteArray nextRequest(bool *isWrite, bool *isRead);
    void responded(HttpClientConnection &connection, HttpResponse response) override;
    void failed(HttpClientConnection &connection, HttpClientConnection::Failure failure,
                const QString &reason) override;
    void onDone(HttpClientConnection *connection, int status, const QByteArray &servedBy);
    void finishIfDone();

    LoadOptions m_options;
    LoadReport m_report;
    QRandomGenerator m_random;
    QElapsedTimer m_clock;
    QTimer m_ticker;
    QList<HttpClientConnection *> m_connections;
    QList<HttpClientConnection *> m_idle;
    QHash<HttpClientConnection *, qint64> m_inFlight; // connection → due time (ns)
    QQueue<Due> m_backlog;
    qint64 m_issued = 0;
    bool m_running = false;
};

} // namespace topolab::runtime
