#include "epollthread.h"
#include "runtime/http/deletionwatch.h"
#include "runtime/http/epolleventdispatcher.h"
#include "runtime/http/tcpstream.h"
#include "runtime/http/writebatch.h"

#include <QSocketNotifier>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <atomic>
#include <fcntl.h>
#include <memory>
#include <sys/socket.h>
#include <unistd.h>

using namespace topolab::runtime;
using topolab::testing::onEpollThread;
using namespace std::chrono_literals;

// Small writes made while the epoll dispatcher delivers a pass of events wait for the end of the
// pass and then go out together; large ones, and writes made outside a pass, go at once. A stream
// that ends or is deleted while its bytes wait must neither send them nor be touched again.
class TestWriteBatch : public QObject {
    Q_OBJECT

private:
    struct Listener final : TcpStream::Listener {
        void streamReadable() override {}
        void streamWritten() override { ++written; }
        void streamEnded() override { ++ended; }
        int written = 0;
        int ended = 0;
    };

    // Two connected non-blocking stream sockets: the stream under test takes the first.
    struct Pair {
        Pair()
        {
            int fds[2] = {-1, -1};
            QVERIFY(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) == 0);
            ours = fds[0];
            peer = fds[1];
        }
        ~Pair()
        {
            if (peer >= 0)
                ::close(peer);
        }
        // What the peer can read now, without waiting; "<eof>" once the stream closed.
        QByteArray peerReads() const
        {
            QByteArray got;
            char buffer[65536];
            for (;;) {
                const ssize_t n = ::recv(peer, buffer, sizeof buffer, MSG_DONTWAIT);
                if (n > 0) {
                    got.append(buffer, n);
                    continue;
                }
                if (n == 0)
                    got.append("<eof>");
                return got;
            }
        }
        int ours = -1; // owned by the stream once adopted
        int peer = -1;
    };

    // Runs `body` on a thread with the epoll dispatcher, as an event of a pass: `body` gets
    // called from a socket notifier's activation. The body quits the thread's loop.
    template <typename Body>
    static void inPass(Body body)
    {
        std::atomic<bool> ran{false};
        onEpollThread([&] {
            auto trigger = std::make_shared<Pair>();
            auto *notifier = new QSocketNotifier(trigger->peer, QSocketNotifier::Read);
            QObject::connect(notifier, &QSocketNotifier::activated, notifier,
                             [&ran, body, trigger, notifier] {
                                 notifier->setEnabled(false);
                                 notifier->deleteLater();
                                 ran = true;
                                 body();
                             });
            QVERIFY(::write(trigger->ours, "x", 1) == 1);
        });
        QVERIFY(ran);
    }

    static void quitSoon()
    {
        QTimer::singleShot(50ms, [] { QThread::currentThread()->quit(); });
    }

private slots:
    void smallWritesInAPassGoOutTogetherAtItsEnd()
    {
        Pair pair;
        Listener listener;
        QByteArray duringPass;
        qint64 waitingDuringPass = -1;
        bool openDuringPass = false;
        QByteArray afterPass;
        inPass([&] {
            auto *stream = new TcpStream(listener);
            stream->adopt(pair.ours);
            openDuringPass = WriteBatch::isOpen();
            stream->write("GET / HTTP/1.1\r\n", "\r\n");
            stream->write("second");
            duringPass = pair.peerReads();
            waitingDuringPass = stream->bytesToWrite();
            QTimer::singleShot(0, [&, stream] {
                afterPass = pair.peerReads();
                delete stream;
                quitSoon();
            });
        });
        QVERIFY(openDuringPass);
        QCOMPARE(duringPass, QByteArray());
        QCOMPARE(waitingDuringPass, qint64(24));
        QCOMPARE(afterPass, QByteArray("GET / HTTP/1.1\r\n\r\nsecond"));
        QCOMPARE(listener.written, 1); // told once the waiting bytes left
    }

    void writesOutsideAPassAndLargeWritesGoAtOnce()
    {
        Pair pair;
        Listener listener;
        QByteArray outside;
        QByteArray largeAtOnce;
        const QByteArray large(40 * 1024, 'b');
        // A posted event is delivered before the pass begins.
        onEpollThread([&] {
            TcpStream stream(listener);
            stream.adopt(pair.ours);
            stream.write("outside");
            outside = pair.peerReads();
            QThread::currentThread()->quit();
        });
        QCOMPARE(outside, QByteArray("outside"));

        Pair second;
        inPass([&] {
            auto *stream = new TcpStream(listener);
            stream->adopt(second.ours);
            stream->write(large);
            largeAtOnce = second.peerReads();
            delete stream;
            quitSoon();
        });
        QVERIFY(!largeAtOnce.isEmpty());
        QVERIFY(large.startsWith(largeAtOnce.left(large.size())));
    }

    void closeAfterWritingWaitsForTheBatch()
    {
        Pair pair;
        Listener listener;
        QByteArray afterPass;
        inPass([&] {
            auto *stream = new TcpStream(listener);
            stream->adopt(pair.ours);
            stream->write("bye");
            stream->closeAfterWriting();
            QTimer::singleShot(0, [&, stream] {
                afterPass = pair.peerReads();
                delete stream;
                quitSoon();
            });
        });
        QCOMPARE(afterPass, QByteArray("bye<eof>"));
    }

    void aStreamAbortedOrDeletedWhileItsBytesWaitSendsNothing()
    {
        Pair aborted;
        Pair deleted;
        Listener listener;
        QByteArray fromAborted;
        QByteArray fromDeleted;
        inPass([&] {
            auto *first = new TcpStream(listener);
            first->adopt(aborted.ours);
            first->write("never");
            first->abort();
            auto *second = new TcpStream(listener);
            second->adopt(deleted.ours);
            second->write("never");
            delete second;
            QTimer::singleShot(0, [&, first] {
                fromAborted = aborted.peerReads();
                fromDeleted = deleted.peerReads();
                delete first;
                quitSoon();
            });
        });
        QCOMPARE(fromAborted, QByteArray("<eof>"));
        QCOMPARE(fromDeleted, QByteArray("<eof>"));
    }

    void aListenerThatDeletesAnotherWaitingStreamIsSafe()
    {
        Pair a;
        Pair b;
        QByteArray fromB;
        struct Deleter final : TcpStream::Listener {
            void streamReadable() override {}
            void streamWritten() override { delete std::exchange(victim, nullptr); }
            void streamEnded() override {}
            TcpStream *victim = nullptr;
        } deleter;
        Listener listener;
        inPass([&] {
            auto *first = new TcpStream(deleter);
            first->adopt(a.ours);
            auto *second = new TcpStream(listener);
            second->adopt(b.ours);
            deleter.victim = second;
            first->write("first");
            second->write("second");
            QTimer::singleShot(0, [&, first] {
                fromB = b.peerReads();
                delete first;
                quitSoon();
            });
        });
        // The first stream's listener deleted the second before its turn in the batch.
        QCOMPARE(fromB, QByteArray("<eof>"));
        QCOMPARE(deleter.victim, nullptr);
    }

    void deletionWatchSeesItsObjectGoInNestedScopes()
    {
        auto watch = std::make_unique<DeletionWatch>();
        const DeletionWatch::Scope outer(*watch);
        {
            const DeletionWatch::Scope inner(*watch);
            QVERIFY(!inner.deleted());
        }
        QVERIFY(!outer.deleted());
        {
            const DeletionWatch::Scope inner(*watch);
            watch.reset();
            QVERIFY(inner.deleted());
        }
        QVERIFY(outer.deleted());
    }
};

QTEST_GUILESS_MAIN(TestWriteBatch)
#include "tst_writebatch.moc"
