#include "lazytimer.h"

#include <QTimerEvent>

namespace topolab::runtime {

LazyTimer::LazyTimer(std::function<void()> onTimeout, QObject *parent)
    : QObject(parent)
    , m_onTimeout(std::move(onTimeout))
{
}

LazyTimer::~LazyTimer()
{
    // Stopped by id: a QObject that dies with a timer running has the event dispatcher search
    // all its timers for that object's, once for every closed connection.
    if (m_timerId != 0)
        killTimer(m_timerId);
}

void LazyTimer::arm(std::chrono::milliseconds timeout)
{
    if (m_timerId != 0)
        killTimer(m_timerId);
    // A coarse timer may fire a little early, which here costs a second start.
    m_timerId = startTimer(timeout, Qt::PreciseTimer);
    m_timerDue = m_deadline;
}

void LazyTimer::start(std::chrono::milliseconds timeout)
{
    m_deadline = Clock::now() + timeout;
    m_armed = true;
    if (m_timerId == 0 || m_timerDue > m_deadline)
        arm(timeout);
}

void LazyTimer::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_timerId) {
        QObject::timerEvent(event);
        return;
    }
    killTimer(m_timerId);
    m_timerId = 0;
    if (!m_armed)
        return;
    const Clock::time_point now = Clock::now();
    if (now < m_deadline) {
        arm(std::chrono::ceil<std::chrono::milliseconds>(m_deadline - now));
        return;
    }
    m_armed = false;
    m_onTimeout(); // last: it may delete this timer
}

} // namespace topolab::runtime
