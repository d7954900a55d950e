#pragma once

#include <QObject>
#include <chrono>
#include <functional>

namespace topolab::runtime {

// A single-shot timer that is cheap to restart and stop, as a connection does around every
// request: both only move a deadline. The QTimer under it is restarted only for a deadline
// earlier than the one it waits for; when it fires before the deadline it waits for the rest.
// So a keep-alive connection serving thousands of requests a second touches its timer a few
// times per timeout, not twice per request. A plain QObject timer and a callback, not a QTimer
// and a signal: every accepted client gets one, and those cost six allocations more.
class LazyTimer final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LazyTimer)

public:
    // `onTimeout` runs when a deadline passes; it may end the timer's owner.
    explicit LazyTimer(std::function<void()> onTimeout, QObject *parent = nullptr);
    ~LazyTimer() override;

    void start(std::chrono::milliseconds timeout);
    void stop() { m_armed = false; }
    bool isActive() const { return m_armed; }

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    using Clock = std::chrono::steady_clock;

    void arm(std::chrono::milliseconds timeout);

    std::function<void()> m_onTimeout;
    int m_timerId = 0;
    Clock::time_point m_deadline;
    // When m_timer fires, while it runs.
    Clock::time_point m_timerDue;
    bool m_armed = false;
};

} // namespace topolab::runtime
