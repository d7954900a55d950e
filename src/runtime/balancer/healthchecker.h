#pragma once

#include "runtime/http/httpclientconnection.h"

#include <QObject>
#include <QTimer>
#include <vector>

namespace topolab::runtime {

class BalancerCore;

// Active health checks: every interval, GET /healthz on each backend over a fresh connection. A
// backend goes down after `fall` failed checks in a row and comes back after `rise` good ones.
class HealthChecker final : public QObject, private HttpClientConnection::Receiver {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HealthChecker)

public:
    explicit HealthChecker(BalancerCore &core, QObject *parent = nullptr);

    void start();
    // Checks `backend` now rather than at the next interval.
    Q_INVOKABLE void checkNow(int backend) { check(backend); }
    // A backend went down, by a check or by a failed request on any balancer thread: it needs
    // `rise` good checks to come back.
    void restartRise(int backend) { m_records[static_cast<size_t>(backend)].successes = 0; }

private:
    struct Record {
        int successes = 0;
        int failures = 0;
        bool inFlight = false;
        qint64 startedNs = 0;
    };

    void checkAll();
    void check(int backend);
    // The probe's tag is the backend it checks.
    void responded(HttpClientConnection &probe, HttpResponse response) override;
    void failed(HttpClientConnection &probe, HttpClientConnection::Failure failure,
                const QString &reason) override;
    // `result` in brief for the backend table ("answered 200"), `reason` for a state change.
    void report(int backend, bool healthy, const QString &result, const QString &reason);

    BalancerCore &m_core;
    QTimer m_timer;
    std::vector<Record> m_records;
};

} // namespace topolab::runtime
