#include "eventcursor.h"

using namespace Qt::StringLiterals;

namespace topolab::runtime {

QList<MetricsSnapshot::Event> EventCursor::take(const QList<MetricsSnapshot::Event> &events)
{
    QList<MetricsSnapshot::Event> fresh;
    for (const MetricsSnapshot::Event &event : events) {
        if (event.timeMs < m_lastMs)
            continue;
        const QString key =
            u"%1|%2|%3"_s.arg(static_cast<int>(event.kind)).arg(event.backend, event.text);
        if (event.timeMs > m_lastMs) {
            m_lastMs = event.timeMs;
            m_readAtLast.clear();
        } else if (m_readAtLast.contains(key)) {
            continue;
        }
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
