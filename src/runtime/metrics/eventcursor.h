#pragma once

#include "metricssnapshot.h"

#include <QList>
#include <QSet>
#include <QString>

namespace topolab::runtime {

// Which of a snapshot's events are new to the reader. A snapshot repeats the newest events every
// time, and after a failover the snapshots come from the other balancer of the pair, whose own
// count of events says nothing about the first's; the balancers share one clock, so an event is
// new when it is newer than the last one read (or as old, and not read yet).
class EventCursor final {
public:
    // `events` oldest first, as a snapshot lists them.
    QList<MetricsSnapshot::Event> take(const QList<MetricsSnapshot::Event> &events);
    void reset();

private:
    qint64 m_lastMs = -1;
    QSet<QString> m_readAtLast; // the events of m_lastMs read so far
};

} // namespace topolab::runtime
