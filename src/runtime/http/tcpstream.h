#pragma once

#include "deletionwatch.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>

class QSocketNotifier;

namespace topolab::runtime {

// One non-blocking TCP connection on a raw descriptor: the data path of the worker's and the
// balancer's connections. Used instead of QTcpSocket, which copies every byte through a ring
// buffer, asks the kernel how much is readable before each read and turns its write notifier on
// and off around every write: together more than half of a proxied request's time in user space.
// Here a read goes straight into one buffer that the caller parses in place, and a write goes
// to the kernel at once, or with the others of its event-loop pass (WriteBatch); only what the
// kernel does not take is kept, and only then is the write notifier on. Reading stops when the
// caller says so, so unread requests wait in the kernel and TCP itself holds a fast sender back.
class TcpStream final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpStream)

public:
    enum class State { Closed, Connecting, Connected };
    enum class Error {
        None,           // still open, or closed by this side
        RemoteClosed,   // the peer closed the connection
        Refused,        // nothing listens there
        Reset,          // the peer reset the connection
        LocalResources, // this process is out of descriptors or memory
        Other
    };
    Q_ENUM(Error)

    // Whoever reads and writes the stream, told of its events by direct calls: a signal
    // connection per event per stream cost several allocations for every accepted client.
    class Listener {
    public:
        virtual void streamConnected() {}
        // Bytes wait: read() them, or setReading(false).
        virtual void streamReadable() = 0;
        // Bytes that waited for the peer have gone out.
        virtual void streamWritten() {}
        // The connection is closed, by either side; error() says why. Called from the event
        // loop, never from inside a call of the listener's.
        virtual void streamEnded() = 0;

    protected:
        Listener() = default;
        Listener(const Listener &) = default;
        Listener &operator=(const Listener &) = default;
        ~Listener() = default;
    };

    explicit TcpStream(Listener &listener, QObject *parent = nullptr);
    ~TcpStream() override;

    // Takes over an accepted, non-blocking descriptor. Read from it at once: readiness is watched
    // only from the first read that finds nothing waiting, so a connection whose request is
    // already there is served without being registered with the event loop.
    void adopt(int descriptor);
    // Starts connecting; streamConnected() follows, or streamEnded() with the error. A host name
    // is looked up first.
    void connectTo(const QString &host, quint16 port);

    State state() const { return m_state; }
    bool isConnected() const { return m_state == State::Connected; }
    Error error() const { return m_error; }
    QString errorString() const { return m_errorString; }

    // What the kernel has for this connection now, up to `max` bytes (at most 64 KiB); valid until
    // the next read of any stream of this thread. Empty when nothing waits, or when the stream
    // has ended (then streamEnded() follows).
    QByteArrayView read(qsizetype max = 64 * 1024);
    // Whether streamReadable() is wanted: off while the caller cannot take more. Until the caller
    // reads again, what the peer sends waits in the kernel.
    void setReading(bool enabled);
    // Writes `data` and then `more`: one send for both, without joining them first.
    void write(QByteArrayView data, QByteArrayView more = {});
    qint64 bytesToWrite() const { return m_output.size() - m_outputSent; }
    // Closes once everything written has been sent.
    void closeAfterWriting();
    // The same, but the close waits for the peer to stop sending too (what it sends is read and
    // dropped) or for the owner to abort(): a client still sending a request that was refused
    // would otherwise get a reset, which destroys the refusal before the client reads it.
    void lingerAfterWriting();
    // Closes now; unsent bytes are dropped.
    void abort();

private:
    class Notifier;
    friend class WriteBatch;

    void startConnect(const QHostAddress &address, quint16 port);
    void onReadable();
    void onWritable();
    // Sends what waited for the end of the event loop's pass (WriteBatch).
    void sendBatched();
    void sendOutput();
    void finishConnecting();
    bool flushOutput();
    void end(Error error, int errnoValue);
    void closeDescriptor();
    // Everything asked to be written after closeAfterWriting() has gone out.
    void finishWriting();
    void dropInput();
    void updateNotifiers();

    int m_descriptor = -1;
    State m_state = State::Closed;
    Error m_error = Error::None;
    QString m_errorString;
    Listener &m_listener;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    bool m_reading = true;
    // The last read took all the kernel had; cleared when the descriptor turns readable again.
    bool m_drained = false;
    // The owner called read() while handling the last readyRead.
    bool m_readAttempted = false;
    bool m_closeAfterWriting = false;
    // The output waits in this thread's WriteBatch.
    bool m_batched = false;
    // Close after writing, but only once the peer has finished sending (lingerAfterWriting()).
    bool m_linger = false;
    // Everything is written and the write side shut: input is only dropped now.
    bool m_lingering = false;
    // Counts each connection this object has had, so that an ending reported late is not taken
    // for one of a later connection.
    quint64 m_generation = 0;
    QByteArray m_input;
    QByteArray m_output;
    qsizetype m_outputSent = 0;
    int m_lookupId = -1;
    // For calls to the listener, which may delete this stream.
    DeletionWatch m_deletionWatch;
};

} // namespace topolab::runtime
