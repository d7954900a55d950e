#pragma once

#include <QtGlobal>
#include <optional>

namespace topolab::gui {

// A rate from a counter read now and then (database queries, firewall drops): two readings,
// divided by the time between them. A reading at the same time as the last one gives nothing; a
// counter that went back (its process restarted) starts over from the new reading.
class CounterRate final {
public:
    // Per second since the previous reading, if there was one.
    std::optional<double> read(qint64 atMs, qint64 count)
    {
        if (atMs == m_lastMs)
            return std::nullopt;
        std::optional<double> rate;
        if (m_lastMs >= 0 && atMs > m_lastMs && count >= m_last)
            rate =
                static_cast<double>(count - m_last) * 1000.0 / static_cast<double>(atMs - m_lastMs);
        m_lastMs = atMs;
        m_last = count;
        return rate;
    }
    void reset() { m_lastMs = -1; }

private:
    qint64 m_lastMs = -1;
    qint64 m_last = 0;
};

} // namespace topolab::gui
