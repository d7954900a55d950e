#pragma once

#include <vector>

namespace topolab::runtime {

class TcpStream;

// Holds back small writes while one pass of a thread's event loop delivers its events, and sends
// them when the pass is over. Sending each answer the moment it is made woke its reader (a backend,
// a client) once per request: on two cores a proxy in front of nginx then spent its time switching
// between processes that each found one request to handle. Sent together, the readers wake once
// for a batch, as they do behind HAProxy, which works the same way. Writes made outside a pass (a
// thread without EpollEventDispatcher, a write made while the batch goes out) are sent at once.
class WriteBatch final {
public:
    // One pass of the event loop: writes made while it lives wait for its end.
    class Pass final {
    public:
        Pass();
        ~Pass();
        Pass(const Pass &) = delete;
        Pass &operator=(const Pass &) = delete;
    };

    // Whether a write made now may wait for the end of the pass.
    static bool isOpen();
    // The stream has bytes to send at the end of the pass.
    static void add(TcpStream *stream);
    // The stream has gone, or has nothing to send any more.
    static void remove(TcpStream *stream);

private:
    static void sendAll();
};

} // namespace topolab::runtime
