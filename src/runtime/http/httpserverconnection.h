#pragma once

#include "httpparser.h"
#include "httpserveroptions.h"
#include "lazytimer.h"
#include "requesthandler.h"
#include "tcpstream.h"

#include <QHostAddress>
#include <QObject>

namespace topolab::runtime {

// One client connection of an HttpServer: reads and parses requests, hands them one at a time to
// the RequestHandler and writes the responses in order (keep-alive and pipelining), answers
// what the parser refuses (400, 413, 417, 431, 501, 505) after the requests before it, sends
// "100 Continue" when a request waits for it, and times out clients slow to send their headers
// (408). Lives exactly as long as its connection.
class HttpServerConnection final : public QObject, private TcpStream::Listener {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpServerConnection)

public:
    // The server the connection belongs to, told directly rather than by signals (which cost
    // every accepted client two connections to set up).
    class Owner {
    public:
        // A request the connection answered itself: a refusal or a timeout.
        virtual void connectionRefused(int status, qint64 bytes) = 0;
        // The client is gone; the owner deletes the connection (later: this is called from it).
        virtual void connectionClosed(HttpServerConnection *connection) = 0;

    protected:
        Owner() = default;
        Owner(const Owner &) = default;
        Owner &operator=(const Owner &) = default;
        ~Owner() = default;
    };

    // `peer`: the client's address as text. Serves at once what the client has sent already.
    HttpServerConnection(int descriptor, QByteArray peer, RequestHandler &handler,
                         const HttpServerOptions &options, Owner &owner, QObject *parent = nullptr);
    ~HttpServerConnection() override;

private:
    void streamReadable() override { serveRequests(); }
    void streamWritten() override;
    void streamEnded() override;
    void readRequests();
    void serveRequests();
    void settle();
    void finish(HttpResponse response);
    void onTimeout();
    void refuse(int status, const QByteArray &reason);
    void closeAfterWriting();

    Owner &m_owner;
    TcpStream m_stream;
    RequestHandler &m_handler;
    const HttpServerOptions &m_options;
    HttpParser m_parser;
    LazyTimer m_timer;
    ClientAddress m_client;
    bool m_busy = false;
    // What the response to the request being handled (one at a time) must respect.
    struct Current {
        bool head = false;
        bool keepAlive = true;
        bool announceKeepAlive = false;
    } m_current;
    bool m_serving = false;
    bool m_served = false;
    // No request after the current one is read or answered: the client asked to close, or the
    // stream broke (the parser's error is answered once the requests before it are).
    bool m_lastRequest = false;
    bool m_broken = false;
    bool m_closing = false;
    // Closing after a refusal: the client's remaining input is read and dropped meanwhile.
    bool m_lingering = false;
    // Answers wait for the client to read them (see settle()).
    bool m_writeBlocked = false;
    // Body bytes arrived since the timer was last set.
    bool m_bodyProgress = false;
};

} // namespace topolab::runtime
