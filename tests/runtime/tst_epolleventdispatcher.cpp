#include "epollthread.h"
#include "runtime/http/epolleventdispatcher.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSocketNotifier>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <atomic>
#include <sys/socket.h>
#include <unistd.h>

using namespace topolab::runtime;
using topolab::testing::onEpollThread;
using namespace std::chrono_literals;

// The epoll dispatcher must keep the promises of Qt's own: timers on time and in rhythm, posted
// events and deferred deletes, wake-ups from other threads, socket notifiers that fire while
// enabled and only then. Each case runs on a thread whose dispatcher is the epoll one.
class TestEpollEventDispatcher : public QObject {
    Q_OBJECT

private:
    static bool writeByte(int descriptor) { return ::write(descriptor, "x", 1) == 1; }
    static bool readByte(int descriptor)
    {
        char byte = 0;
        return ::read(descriptor, &byte, 1) == 1;
    }

private slots:
    void singleShotTimerFiresOnceOnTime()
    {
        qint64 firedAfterMs = -1;
        int fired = 0;
        QElapsedTimer clock;
        onEpollThread([&] {
            clock.start();
            QTimer::singleShot(50ms, Qt::PreciseTimer, [&] {
                ++fired;
                firedAfterMs = clock.elapsed();
            });
            QTimer::singleShot(300ms, [] { QThread::currentThread()->quit(); });
        });
        QCOMPARE(fired, 1);
        QVERIFY2(firedAfterMs >= 50 && firedAfterMs < 250,
                 qPrintable(QString::number(firedAfterMs)));
    }

    void periodicTimerKeepsItsRhythmAndStopsFromItsHandler()
    {
        int ticks = 0;
        qint64 elapsedMs = 0;
        onEpollThread([&] {
            auto *timer = new QTimer;
            timer->setTimerType(Qt::PreciseTimer);
            timer->setInterval(20ms);
            auto *clock = new QElapsedTimer;
            clock->start();
            QObject::connect(timer, &QTimer::timeout, timer, [&, timer, clock] {
                if (++ticks == 10) {
                    elapsedMs = clock->elapsed();
                    timer->stop();
                    delete clock;
                    timer->deleteLater();
                    QTimer::singleShot(100ms, [] { QThread::currentThread()->quit(); });
                }
            });
            timer->start();
        });
        QCOMPARE(ticks, 10);
        QVERIFY2(elapsedMs >= 200 && elapsedMs < 600, qPrintable(QString::number(elapsedMs)));
    }

    void zeroTimerDoesNotStarveSockets()
    {
        // A 0 ms timer fires on every pass; a readable socket must still be served meanwhile.
        int pair[2];
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair), 0);
        int zeroTicks = 0;
        bool read = false;
        onEpollThread([&] {
            auto *busy = new QTimer;
            busy->setInterval(0);
            QObject::connect(busy, &QTimer::timeout, busy, [&] { ++zeroTicks; });
            busy->start();
            auto *notifier = new QSocketNotifier(pair[0], QSocketNotifier::Read);
            QObject::connect(notifier, &QSocketNotifier::activated, notifier, [&, busy, notifier] {
                read = readByte(pair[0]);
                delete notifier;
                delete busy;
                QThread::currentThread()->quit();
            });
            QTimer::singleShot(20ms, [&] { writeByte(pair[1]); });
        });
        ::close(pair[0]);
        ::close(pair[1]);
        QVERIFY(read);
        QVERIFY(zeroTicks > 1);
    }

    void disabledNotifierStaysQuietAndWakesWhenEnabled()
    {
        int pair[2];
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair), 0);
        QVERIFY(writeByte(pair[1]));
        int activations = 0;
        bool quietWhileDisabled = false;
        onEpollThread([&] {
            auto *notifier = new QSocketNotifier(pair[0], QSocketNotifier::Read);
            notifier->setEnabled(false);
            QObject::connect(notifier, &QSocketNotifier::activated, notifier, [&, notifier] {
                ++activations;
                readByte(pair[0]);
                delete notifier;
                QTimer::singleShot(50ms, [] { QThread::currentThread()->quit(); });
            });
            // Readable all along, but not watched for 100 ms.
            QTimer::singleShot(100ms, notifier, [&, notifier] {
                quietWhileDisabled = activations == 0;
                notifier->setEnabled(true);
            });
        });
        ::close(pair[0]);
        ::close(pair[1]);
        QVERIFY(quietWhileDisabled);
        QCOMPARE(activations, 1);
    }

    void postedEventsAndDeferredDeletesRunAndOtherThreadsWakeTheLoop()
    {
        QPointer<QObject> doomed;
        qint64 wokenAfterMs = -1;
        std::atomic<QObject *> receiver{nullptr};
        QElapsedTimer clock;
        QThread thread;
        thread.setEventDispatcher(new EpollEventDispatcher);
        QObject anchor;
        anchor.moveToThread(&thread);
        thread.start();
        QMetaObject::invokeMethod(&anchor, [&] {
            doomed = new QObject;
            doomed->deleteLater();
            receiver = &anchor;
        });
        QTRY_VERIFY(receiver.load() != nullptr);
        QTest::qWait(200); // the loop now sleeps with no timer at all
        clock.start();
        QMetaObject::invokeMethod(&anchor, [&] { wokenAfterMs = clock.elapsed(); });
        QTRY_VERIFY(wokenAfterMs >= 0);
        QVERIFY2(wokenAfterMs < 50, qPrintable(QString::number(wokenAfterMs)));
        QVERIFY(doomed.isNull());
        // quit() from this thread interrupts the sleeping loop.
        QElapsedTimer quitting;
        quitting.start();
        thread.quit();
        QVERIFY(thread.wait(5000));
        QVERIFY(quitting.elapsed() < 500);
    }
};

QTEST_GUILESS_MAIN(TestEpollEventDispatcher)
#include "tst_epolleventdispatcher.moc"
