#include "eventcursor.h"

using namespace Qt::StringLiterals;

namespace topolab::runtime {

QList<MetricsSnapshot::Event> EventCursor::take(const QList<MetricsSnapshot::Event> &events)
{
    QList<MetricsSnapshot::Event> fresh;
    for (const MetricsSnapshot::Event &event : events) {
        // Most of a snapshot's events were read before: those go without a key being made.
        if (event.timeMs < m_lastMs)
            continue;
        if (event.timeMs > m_lastMs) {
            m_lastMs = event.timeMs;
            m_readAtLast.clear();
        }
        const QString key =
            u"%1|%2|%3"_s.arg(static_cast<int>(event.kind)).arg(event.backend, event.text);
        if (m_readAtLast.contains(key))
            continue;
        m_readAtLast.insert(key);
        fresh.append(event);
    }
    return fresh;
}

void EventCursor::reset()
{
    m_lastMs = -1;
    m_readAtLast.clear();
}

} // namespace topolab::runtime
