#pragma once

#include "loopbacklistener.h"

#include <QByteArray>
#include <QMutex>
#include <arpa/inet.h>
#include <atomic>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

// A backend that records, byte for byte, everything it receives, and answers each request head it
// sees (with its Content-Length body, if any) with "200 ok" (a HEAD: with a chunked head). Written
// on raw sockets, not on Topolab's HTTP layer, so that what a test reads here is what really
// crossed the wire.
class CaptureBackend {
public:
    CaptureBackend()
    {
        m_listener = listenOnLoopback(m_port);
        m_thread = std::thread([this] { run(); });
    }
    ~CaptureBackend()
    {
        m_stop = true;
        m_thread.join();
        ::close(m_listener);
    }
    CaptureBackend(const CaptureBackend &) = delete;
    CaptureBackend &operator=(const CaptureBackend &) = delete;

    quint16 port() const { return m_port; }
    // Everything received on every connection except health checks, in arrival order.
    QByteArray received() const
    {
        QMutexLocker lock(&m_mutex);
        return m_received;
    }
    int requests() const { return m_requests; }

private:
    struct Client {
        int fd;
        QByteArray pending;
    };

    void run()
    {
        std::vector<Client> clients;
        while (!m_stop) {
            std::vector<pollfd> fds{{m_listener, POLLIN, 0}};
            for (const Client &client : clients)
                fds.push_back({client.fd, POLLIN, 0});
            if (::poll(fds.data(), fds.size(), 20) <= 0)
                continue;
            if (fds[0].revents & POLLIN)
                clients.push_back({::accept4(m_listener, nullptr, nullptr, SOCK_CLOEXEC), {}});
            for (size_t i = fds.size() - 1; i >= 1; --i) {
                if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                    continue;
                Client &client = clients[i - 1];
                char buffer[65536];
                const ssize_t got = ::recv(client.fd, buffer, sizeof buffer, 0);
                if (got <= 0) {
                    ::close(client.fd);
                    clients.erase(clients.begin() + static_cast<long>(i - 1));
                    continue;
                }
                client.pending.append(buffer, got);
                answerComplete(client);
            }
        }
        for (const Client &client : clients)
            ::close(client.fd);
    }

    void answerComplete(Client &client)
    {
        for (;;) {
            const qsizetype end = client.pending.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QByteArray head = client.pending.left(end + 4);
            qsizetype bodyLength = 0;
            const qsizetype at = head.toLower().indexOf("\r\ncontent-length:");
            if (at >= 0)
                bodyLength =
                    head.mid(at + 17, head.indexOf('\r', at + 2) - at - 17).trimmed().toLongLong();
            if (client.pending.size() < head.size() + bodyLength)
                return;
            const QByteArray request = client.pending.left(head.size() + bodyLength);
            client.pending.remove(0, request.size());
            if (!request.startsWith("GET /healthz ")) {
                QMutexLocker lock(&m_mutex);
                m_received += request;
                ++m_requests;
            }
            static const QByteArray ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
            // HEAD gets what a server that makes its pages as it sends them answers: chunked,
            // with no length known.
            static const QByteArray headOk =
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
            const QByteArray &answer = request.startsWith("HEAD ") ? headOk : ok;
            ::send(client.fd, answer.constData(), static_cast<size_t>(answer.size()), MSG_NOSIGNAL);
        }
    }

    int m_listener = -1;
    quint16 m_port = 0;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_requests{0};
    mutable QMutex m_mutex;
    QByteArray m_received;
    std::thread m_thread;
};
