#pragma once

#include <QString>
#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

namespace topolab::runtime {

class NetworkHost;

// Asks an HTTP server, over and over on a thread of its own, whether it answers a GET of `path`
// within the timeout, from inside a host of the lab. A fresh connection each time, so that a
// listener gone or frozen is seen at once. `checked` runs on the probe's thread: it must be
// thread-safe, and keeps working while the thread that made the probe is busy.
class HealthProbe final {
public:
    struct Options {
        const NetworkHost *host = nullptr; // nullptr: the namespace of the thread starting it
        QString address;
        quint16 port = 0;
        QByteArray path;
        std::chrono::milliseconds interval{100};
        std::chrono::milliseconds timeout{250};
    };

    HealthProbe(Options options, std::function<void(bool passed)> checked);
    ~HealthProbe();
    HealthProbe(const HealthProbe &) = delete;
    HealthProbe &operator=(const HealthProbe &) = delete;

private:
    void run();

    Options m_options;
    std::function<void(bool)> m_checked;
    std::atomic<bool> m_stopping = false;
    std::thread m_thread;
};

} // namespace topolab::runtime
