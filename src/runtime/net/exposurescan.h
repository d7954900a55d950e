#pragma once

#include "core/clusterplan.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <chrono>

namespace topolab::runtime {

class LabNetwork;
class NetworkHost;

// What the internet can reach: from the internet host, a TCP connection to every address and port
// asked for, all at once, each given a short time. A port that accepts is open; one that refuses
// answers from a reachable machine; one that says nothing before the time is up is filtered (a
// firewall dropped the packets, or no route leads there).
class ExposureScan final {
    Q_DECLARE_TR_FUNCTIONS(ExposureScan)

public:
    enum class Outcome { Open, Refused, Filtered };
    struct Target {
        QString machine; // as the lab lists it
        QString address;
        quint16 port = 0;
    };
    struct Result {
        Target target;
        Outcome outcome = Outcome::Filtered;
    };

    // Every machine's address in the lab (and the firewall's outside) with the ports worth
    // asking: the web's, SSH, MySQL's, and every port the design gives a node.
    static QList<Target> everyPortOf(const core::ClusterPlan &plan, const LabNetwork &lab);
    // Blocks for at most `timeout` (plus a little): connections are made from `from`.
    static QList<Result> run(const NetworkHost &from, const QList<Target> &targets,
                             std::chrono::milliseconds timeout = std::chrono::milliseconds(800));
    static QString outcomeName(Outcome outcome);
};

} // namespace topolab::runtime
