#pragma once

#include "httpparser.h"
#include "lazytimer.h"
#include "tcpstream.h"

#include <QElapsedTimer>
#include <QObject>

namespace topolab::runtime {

// One keep-alive HTTP/1.1 client connection (the balancer to a backend, the load generator to the
// balancer), reused for many requests while the server keeps it open. Sends one request at a time
// and reports its response or why there is none.
class HttpClientConnection final : public QObject, private TcpStream::Listener {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpClientConnection)

public:
    enum class Failure {
        Connect,     // refused, unreachable, or no answer within the connect timeout
        Closed,      // the server closed or reset the connection before a full response
        Timeout,     // no full response within the response timeout (or no first byte in time)
        BadResponse, // the server sent something that is not HTTP
        // This process could not open a socket (out of file descriptors): says nothing about the
        // server.
        LocalResources
    };
    Q_ENUM(Failure)

    // Who gets the outcome of an exchange: whoever sent its request. A plain interface rather
    // than signals, since a signal connected for every request cost the balancer two
    // allocations each time.
    class Receiver {
    public:
        virtual void responded(HttpClientConnection &connection, HttpResponse response) = 0;
        virtual void failed(HttpClientConnection &connection, Failure failure,
                            const QString &reason) = 0;
        // Asked when the first-byte timeout passes with nothing received: true waits on, up to
        // the response timeout, instead of failing with Timeout.
        virtual bool keepWaiting(HttpClientConnection &connection)
        {
            Q_UNUSED(connection);
            return false;
        }

    protected:
        Receiver() = default;
        Receiver(const Receiver &) = default;
        Receiver &operator=(const Receiver &) = default;
        ~Receiver() = default;
    };

    HttpClientConnection(int tag, QString host, quint16 port, QObject *parent = nullptr);

    // What the owner uses this connection for (the balancer: the backend index).
    int tag() const { return m_tag; }
    bool isConnected() const { return m_stream.isConnected(); }
    // Connected, between exchanges and with nothing unexpected received: safe to pool.
    bool isReusable() const;
    // True once a response byte of the current exchange arrived.
    bool receivedAnything() const { return m_receivedAnything; }
    bool wasReused() const { return m_exchanges > 1; }
    // How long the connection has waited since its last exchange.
    std::chrono::milliseconds idleFor() const
    {
        return std::chrono::milliseconds(m_idleSince.isValid() ? m_idleSince.elapsed() : 0);
    }

    struct Timeouts {
        std::chrono::milliseconds connect;
        std::chrono::milliseconds response;
        // When set: the first byte of the response must come within this, from the moment the
        // request is sent; a server that is frozen is found long before `response`.
        std::chrono::milliseconds firstByte{0};
    };

    // Sends `request`; `receiver` gets its response or failure, exactly once, unless the
    // exchange is abandoned first.
    void send(const QByteArray &request, bool isHead, Timeouts timeouts, Receiver &receiver);
    // Stops the current exchange without reporting anything; the connection is closed.
    void abandon();

private:
    void streamConnected() override;
    void streamReadable() override;
    void streamEnded() override;
    void onTimeout();
    void fail(Failure failure, const QString &reason);
    void complete();
    void resetParser();
    void startResponseTimer();

    int m_tag;
    QString m_host;
    quint16 m_port;
    TcpStream m_stream;
    LazyTimer m_timer;
    std::unique_ptr<HttpParser> m_parser;
    QByteArray m_pending;
    bool m_busy = false;
    bool m_connecting = false;
    bool m_receivedAnything = false;
    int m_exchanges = 0;
    QElapsedTimer m_idleSince;
    Timeouts m_timeouts{};
    Receiver *m_receiver = nullptr;
    // The first-byte timeout passed and the receiver chose to wait on.
    bool m_waitingOn = false;
};

} // namespace topolab::runtime
