#pragma once

#include "loopbacklistener.h"

#include <QtGlobal>
#include <arpa/inet.h>
#include <atomic>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

// A backend that accepts connections, reads what arrives and then resets the connection without
// answering: a server crashing while it handles a request. Counts the requests it saw.
class ResettingBackend {
public:
    ResettingBackend()
    {
        m_listener = listenOnLoopback(m_port);
        m_thread = std::thread([this] {
            for (;;) {
                const int client = ::accept(m_listener, nullptr, nullptr);
                if (client < 0)
                    return;
                char buffer[4096];
                if (::recv(client, buffer, sizeof buffer, 0) > 0)
                    ++m_requests;
                const linger reset{1, 0};
                ::setsockopt(client, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
                ::close(client);
            }
        });
    }
    ~ResettingBackend()
    {
        ::shutdown(m_listener, SHUT_RDWR);
        ::close(m_listener);
        m_thread.join();
    }
    ResettingBackend(const ResettingBackend &) = delete;
    ResettingBackend &operator=(const ResettingBackend &) = delete;

    quint16 port() const { return m_port; }
    int requests() const { return m_requests; }

private:
    int m_listener = -1;
    quint16 m_port = 0;
    std::atomic<int> m_requests{0};
    std::thread m_thread;
};
