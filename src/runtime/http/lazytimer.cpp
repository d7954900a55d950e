#include "lazytimer.h"

namespace topolab::runtime {

LazyTimer::LazyTimer(QObject *parent)
    : QObject(parent)
{
    m_timer.setParent(this);
    m_timer.setSingleShot(true);
    // A coarse timer may fire a little early, which here costs a second start.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &LazyTimer::onFired);
}

void LazyTimer::start(std::chrono::milliseconds timeout)
{
    m_deadline = Clock::now() + timeout;
    m_armed = true;
    if (!m_timer.isActive() || m_timerDue > m_deadline) {
        m_timer.start(timeout);
        m_timerDue = m_deadline;
    }
}

void LazyTimer::onFired()
{
    if (!m_armed)
        return;
    const Clock::time_point now = Clock::now();
    if (now < m_deadline) {
        m_timer.start(std::chrono::ceil<std::chrono::milliseconds>(m_deadline - now));
        m_timerDue = m_deadline;
        return;
    }
    m_armed = false;
    emit timeout();
}

} // namespace topolab::runtime
