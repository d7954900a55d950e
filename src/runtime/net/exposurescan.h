#pragma once

#include "core/clusterplan.h"
#include "exposurereport.h"

#include <QObject>
#include <QTimer>
#include <chrono>
#include <vector>

class QSocketNotifier;

namespace topolab::runtime {

class LabNetwork;
class NetworkHost;

// What the internet can reach: from the internet host, a TCP connection to every address and port
// asked for, all at once, each given a short time. A port that accepts is open; one that refuses
// answers from a reachable machine; one that says nothing before the time is up is filtered (a
// firewall dropped the packets, or no route leads there). It never blocks its thread: the
// connections are made at the start, then watched, and `finished` follows within the time.
class ExposureScan final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExposureScan)

public:
    using Outcome = ExposureReport::Outcome;
    using Target = ExposureReport::Target;
    using Result = ExposureReport::Result;
    static constexpr std::chrono::milliseconds kTimeout{800};

    // Every machine's address in the lab (and the firewall's outside) with the ports worth
    // asking: the web's, SSH, MySQL's, and every port the design gives a node.
    static QList<Target> everyPortOf(const core::ClusterPlan &plan, const LabNetwork &lab);
    // A report on every port of `lab`, from its internet host, once `finished` says so. The
    // sockets are made here, so the lab may go before the scan ends.
    ExposureScan(const core::ClusterPlan &plan, const LabNetwork &lab,
                 std::chrono::milliseconds timeout = kTimeout, QObject *parent = nullptr);
    // Connections to `targets` made from `from`.
    ExposureScan(const NetworkHost &from, const QList<Target> &targets,
                 std::chrono::milliseconds timeout = kTimeout, QObject *parent = nullptr);
    ~ExposureScan() override;

    const ExposureReport &report() const { return m_report; }
    bool isFinished() const { return m_pending == 0; }
    // Waits for the scan, with an event loop of its own.
    const ExposureReport &wait();
    // Blocks for at most `timeout` (plus a little).
    static QList<Result> run(const NetworkHost &from, const QList<Target> &targets,
                             std::chrono::milliseconds timeout = kTimeout);

signals:
    void finished(const topolab::runtime::ExposureReport &report);

private:
    void connectAll(const NetworkHost &from, std::chrono::milliseconds timeout);
    void settle(size_t index, Outcome outcome);
    void finish();

    ExposureReport m_report;
    std::vector<int> m_sockets; // per result; -1 once settled
    std::vector<QSocketNotifier *> m_notifiers;
    qsizetype m_pending = 0;
    QTimer m_deadline;
};

} // namespace topolab::runtime
