#pragma once

#include "runtime/http/httpserver.h"

#include <QMutex>
#include <QThread>
#include <QTimer>
#include <chrono>
#include <functional>

// An HttpServer on a thread of its own, answering with a function: a stand-in backend whose
// behaviour a test controls, that keeps serving while the test thread blocks on a client.
class ThreadedHttpServer {
public:
    using Handler =
        std::function<topolab::runtime::HttpResponse(const topolab::runtime::HttpRequest &)>;

    explicit ThreadedHttpServer(Handler handler, topolab::runtime::HttpServerOptions options = {})
        : m_handler(std::move(handler))
    {
        m_thread.start();
        QMetaObject::invokeMethod(
            &m_anchor,
            [this, &options] {
                m_server = new topolab::runtime::HttpServer(m_adapter, options);
                m_server->listen(QHostAddress::LocalHost, 0, nullptr);
                m_port = m_server->port();
            },
            Qt::BlockingQueuedConnection);
    }
    ~ThreadedHttpServer()
    {
        QMetaObject::invokeMethod(
            &m_anchor, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    ThreadedHttpServer(const ThreadedHttpServer &) = delete;
    ThreadedHttpServer &operator=(const ThreadedHttpServer &) = delete;

    quint16 port() const { return m_port; }
    // Requests for which this gives a time are answered that much later, without holding up the
    // others (a slow page on a server that is otherwise quick). Set before the first request.
    void
    setDelay(std::function<std::chrono::milliseconds(const topolab::runtime::HttpRequest &)> delay)
    {
        m_delay = std::move(delay);
    }
    QList<topolab::runtime::HttpRequest> requests() const
    {
        QMutexLocker lock(&m_mutex);
        return m_requests;
    }

private:
    struct Adapter : topolab::runtime::RequestHandler {
        explicit Adapter(ThreadedHttpServer *server)
            : owner(server)
        {
        }
        ThreadedHttpServer *owner;
        void handle(const topolab::runtime::HttpRequest &request,
                    const topolab::runtime::ClientAddress &, Responder respond) override
        {
            {
                QMutexLocker lock(&owner->m_mutex);
                owner->m_requests.append(request);
            }
            const std::chrono::milliseconds delay =
                owner->m_delay ? owner->m_delay(request) : std::chrono::milliseconds(0);
            if (delay <= std::chrono::milliseconds(0)) {
                respond(owner->m_handler(request));
                return;
            }
            QTimer::singleShot(
                delay, &owner->m_anchor,
                [response = owner->m_handler(request), respond] { respond(response); });
        }
    };

    struct Anchor : QObject {
        explicit Anchor(QThread *thread) { moveToThread(thread); }
    };

    Handler m_handler;
    std::function<std::chrono::milliseconds(const topolab::runtime::HttpRequest &)> m_delay;
    Adapter m_adapter{this};
    QThread m_thread;
    Anchor m_anchor{&m_thread};
    topolab::runtime::HttpServer *m_server = nullptr;
    quint16 m_port = 0;
    mutable QMutex m_mutex;
    QList<topolab::runtime::HttpRequest> m_requests;
};
