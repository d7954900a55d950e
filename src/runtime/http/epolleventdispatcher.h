#pragma once

#include <QAbstractEventDispatcher>
#include <QSocketNotifier>
#include <atomic>
#include <chrono>
#include <map>
#include <unordered_map>

struct epoll_event;

namespace topolab::runtime {

// An event dispatcher on Linux's epoll, for the threads that carry connections (the balancer's,
// a worker's): Qt's own dispatchers hand every watched descriptor to poll() on every pass, so with
// 1,000 clients and their backend connections each wake-up scanned 2,000 descriptors to find the
// few that are ready. Here the kernel keeps the set, and a pass costs what is ready. Posted
// events, deferred deletes and timers behave as with Qt's dispatchers; wakeUp() is an eventfd.
class EpollEventDispatcher final : public QAbstractEventDispatcher {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EpollEventDispatcher)

public:
    // A socket notifier that this dispatcher calls directly instead of sending it an event:
    // sendEvent's bookkeeping was a tenth of what delivering a readable socket cost. Other
    // dispatchers still send it events, so its event() must handle them too.
    class DirectNotifier : public QSocketNotifier {
    public:
        using QSocketNotifier::QSocketNotifier;
        virtual void activate() = 0;
    };

    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                       QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;

private:
    using Clock = std::chrono::steady_clock;

    struct Watch {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
        QSocketNotifier *exception = nullptr;
        // Which of them are DirectNotifiers, found out once per registration.
        bool readDirect = false;
        bool writeDirect = false;
        quint32 registered = 0; // the events the kernel watches for this descriptor
        // Told to the kernel with the descriptor: an event still queued for an earlier socket
        // with the same number must not reach this one.
        quint32 serial = 0;
    };
    using DueOrder = std::multimap<Clock::time_point, int>;
    struct Timer {
        QObject *object;
        qint64 interval;
        Qt::TimerType type;
        Clock::time_point deadline;
        DueOrder::iterator due;
        // Its event is being delivered: a nested event loop must not deliver it again.
        bool active = false;
    };

    void updateWatch(int descriptor);
    void schedule(int timerId, Timer &timer, Clock::time_point deadline);
    int activateNotifiers(const epoll_event *events, int ready);
    static void activate(QSocketNotifier *notifier, bool direct);
    int activateTimers();
    // Milliseconds until the next timer is due, rounded up; -1 without timers.
    int timeoutToNextTimer() const;
    void drainWakeUps();

    int m_epoll = -1;
    int m_wakeUp = -1;
    std::atomic<bool> m_wakeUpPending{false};
    std::atomic<bool> m_interrupted{false};
    std::unordered_map<int, Watch> m_watches;
    quint32 m_nextSerial = 1;
    std::unordered_map<int, Timer> m_timers;
    DueOrder m_dueOrder;
};

} // namespace topolab::runtime
