#pragma once

#include "loadoptions.h"
#include "loadreport.h"

#include <QObject>
#include <QThread>

namespace topolab::runtime {

class LoadGenerator;

// Runs one load at a time on a thread of its own, so that whatever else the caller's thread
// waits for (sampling a frozen worker, say) cannot slow the load down. Every call returns at once;
// progress and the final report come back as signals, queued to the caller's thread.
class LoadRunner final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadRunner)

public:
    // How often a running load reports how far it got.
    static constexpr int kProgressMs = 250;

    explicit LoadRunner(QObject *parent = nullptr);
    // Stops the load and its thread.
    ~LoadRunner() override;

    // Stops the running load, if any, then starts this one.
    void start(const LoadOptions &options);
    // Waits for the load to stop; its final report comes as loadFinished.
    void stop();
    bool isRunning() const { return m_running; }

signals:
    void loadProgress(const topolab::runtime::LoadReport &report);
    void loadFinished(const topolab::runtime::LoadReport &report);
    // Internal: the load run numbered `generation` has ended.
    void loadEnded(int generation);

private:
    QThread m_thread;
    QObject *m_context;
    LoadGenerator *m_load = nullptr; // touched on the load thread only
    bool m_running = false;
    int m_generation = 0;
};

} // namespace topolab::runtime
