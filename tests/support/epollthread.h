#pragma once

#include "runtime/http/epolleventdispatcher.h"

#include <QAbstractEventDispatcher>
#include <QTest>
#include <QThread>
#include <atomic>

namespace topolab::testing {

// Runs `body` on a fresh thread with the epoll dispatcher, inside its event loop, and waits for
// the thread to finish (the body quits the loop). Test macros stay on the test thread: bodies
// only record what they saw.
template <typename Body>
void onEpollThread(Body body)
{
    QThread thread;
    thread.setEventDispatcher(new runtime::EpollEventDispatcher);
    QObject anchor;
    anchor.moveToThread(&thread);
    thread.start();
    std::atomic<bool> epoll{false};
    QMetaObject::invokeMethod(&anchor, [&] {
        epoll = qobject_cast<runtime::EpollEventDispatcher *>(QAbstractEventDispatcher::instance());
        body();
    });
    QVERIFY(thread.wait(10000));
    QVERIFY(epoll);
}

} // namespace topolab::testing
