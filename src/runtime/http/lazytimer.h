#pragma once

#include <QObject>
#include <QTimer>
#include <chrono>

namespace topolab::runtime {

// A single-shot timer that is cheap to restart and stop, as a connection does around every
// request: both only move a deadline. The QTimer under it is restarted only for a deadline
// earlier than the one it waits for; when it fires before the deadline it waits for the rest.
// So a keep-alive connection serving thousands of requests a second touches its timer a few
// times per timeout, not twice per request.
class LazyTimer final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LazyTimer)

public:
    explicit LazyTimer(QObject *parent = nullptr);

    void start(std::chrono::milliseconds timeout);
    void stop() { m_armed = false; }
    bool isActive() const { return m_armed; }

signals:
    void timeout();

private:
    using Clock = std::chrono::steady_clock;

    void onFired();

    QTimer m_timer;
    Clock::time_point m_deadline;
    // When m_timer fires, while it runs.
    Clock::time_point m_timerDue;
    bool m_armed = false;
};

} // namespace topolab::runtime
