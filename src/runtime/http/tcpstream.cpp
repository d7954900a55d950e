#include "tcpstream.h"

#include "epolleventdispatcher.h"
#include "socketaddress.h"
#include "writebatch.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QSocketNotifier>
#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

namespace topolab::runtime {

namespace {

// Every stream of a thread reads into this one buffer: its bytes are parsed before the next read,
// so a thousand idle connections hold no read buffers at all.
constexpr qsizetype kReadBuffer = 64 * 1024;
// Writes up to this size wait for the end of the event loop's pass (WriteBatch); larger ones are
// sent at once, as they would only be copied to wait, and their send costs little per byte.
constexpr qsizetype kBatchedWriteLimit = 32 * 1024;
thread_local std::array<char, kReadBuffer> t_readBuffer;

TcpStream::Error errorFor(int errnoValue)
{
    switch (errnoValue) {
    case ECONNREFUSED:
        return TcpStream::Error::Refused;
    case ECONNRESET:
    case EPIPE:
        return TcpStream::Error::Reset;
    case EMFILE:
    case ENFILE:
    case ENOBUFS:
    case ENOMEM:
        return TcpStream::Error::LocalResources;
    default:
        return TcpStream::Error::Other;
    }
}

void setNoDelay(int descriptor)
{
    // Requests and responses are written whole: waiting to coalesce them only adds latency.
    const int on = 1;
    ::setsockopt(descriptor, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

} // namespace

// A notifier that calls its stream itself: no signal connection to make for every stream, and
// no event either under EpollEventDispatcher.
class TcpStream::Notifier final : public EpollEventDispatcher::DirectNotifier {
public:
    // Made disabled: a notifier made with its descriptor is enabled, that is registered with the
    // event loop, only to be disabled and enabled again (three epoll calls instead of one).
    Notifier(int descriptor, Type type, TcpStream *stream)
        : DirectNotifier(type, stream)
        , m_stream(stream)
    {
        setSocket(descriptor);
    }

    void activate() override
    {
        if (type() == Read)
            m_stream->onReadable();
        else
            m_stream->onWritable();
    }

protected:
    bool event(QEvent *event) override
    {
        if (event->type() != QEvent::SockAct && event->type() != QEvent::SockClose)
            return QSocketNotifier::event(event);
        activate();
        return true;
    }

private:
    TcpStream *m_stream;
};

TcpStream::TcpStream(Listener &listener, QObject *parent)
    : QObject(parent)
    , m_listener(listener)
{
}

TcpStream::~TcpStream()
{
    if (m_batched)
        WriteBatch::remove(this);
    if (m_lookupId >= 0)
        QHostInfo::abortHostLookup(m_lookupId);
    closeDescriptor();
}

void TcpStream::adopt(int descriptor)
{
    abort();
    ++m_generation;
    m_error = Error::None;
    m_errorString.clear();
    m_descriptor = descriptor;
    m_state = State::Connected;
    m_reading = true;
    setNoDelay(descriptor);
}

void TcpStream::connectTo(const QString &host, quint16 port)
{
    abort();
    ++m_generation;
    m_error = Error::None;
    m_errorString.clear();
    m_state = State::Connecting;
    m_reading = true;
    const QHostAddress literal(host);
    if (!literal.isNull()) {
        startConnect(literal, port);
        return;
    }
    m_lookupId = QHostInfo::lookupHost(
        host, this, [this, host, port, generation = m_generation](const QHostInfo &info) {
            // A cached result comes queued and cannot be aborted: it may find this stream closed
            // or connecting elsewhere by now.
            if (generation != m_generation || m_state != State::Connecting || m_descriptor >= 0)
                return;
            m_lookupId = -1;
            if (info.addresses().isEmpty()) {
                m_errorString = QCoreApplication::translate("TcpStream", "cannot find host %1: %2")
                                    .arg(host, info.errorString());
                end(Error::Other, 0);
                return;
            }
            startConnect(info.addresses().constFirst(), port);
        });
}

void TcpStream::startConnect(const QHostAddress &address, quint16 port)
{
    const SocketAddress remote = SocketAddress::from(address, port);
    m_descriptor = ::socket(remote.family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_descriptor < 0) {
        end(errorFor(errno), errno);
        return;
    }
    if (::connect(m_descriptor, remote.data(), remote.length) != 0 && errno != EINPROGRESS) {
        end(errorFor(errno), errno);
        return;
    }
    // Done or not, the socket turns writable when the connect has an outcome.
    updateNotifiers();
}

QByteArrayView TcpStream::read(qsizetype max)
{
    m_readAttempted = true;
    if (m_state != State::Connected || max <= 0)
        return {};
    if (m_drained) {
        if (!m_readNotifier)
            updateNotifiers(); // the first wait for this stream (see adopt())
        return {};
    }
    max = std::min(max, kReadBuffer);
    for (;;) {
        const ssize_t got = ::recv(m_descriptor, t_readBuffer.data(), static_cast<size_t>(max), 0);
        if (got > 0) {
            // A short read took everything the kernel had: asking again would only hear EAGAIN.
            m_drained = got < max;
            return {t_readBuffer.data(), got};
        }
        if (got == 0) {
            end(Error::RemoteClosed, 0);
            return {};
        }
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            m_drained = true;
            if (!m_readNotifier)
                updateNotifiers(); // the first wait for this stream (see adopt())
            return {};
        }
        end(errorFor(errno), errno);
        return {};
    }
}

void TcpStream::setReading(bool enabled)
{
    if (m_reading == enabled)
        return;
    m_reading = enabled;
    updateNotifiers();
}

void TcpStream::write(QByteArrayView data, QByteArrayView more)
{
    if (m_state == State::Closed || (data.isEmpty() && more.isEmpty()))
        return;
    const bool idle = m_state == State::Connected && bytesToWrite() == 0;
    const bool batched =
        idle && WriteBatch::isOpen() && data.size() + more.size() <= kBatchedWriteLimit;
    if (idle && !batched) {
        while (!data.isEmpty() || !more.isEmpty()) {
            ssize_t sent = 0;
            if (data.isEmpty() || more.isEmpty()) {
                // One part: a plain send, which spares the kernel reading a message header.
                const QByteArrayView part = data.isEmpty() ? more : data;
                sent = ::send(m_descriptor, part.data(), static_cast<size_t>(part.size()),
                              MSG_NOSIGNAL);
            } else {
                iovec parts[2] = {
                    {const_cast<char *>(data.data()), static_cast<size_t>(data.size())},
                    {const_cast<char *>(more.data()), static_cast<size_t>(more.size())}};
                msghdr message{};
                message.msg_iov = parts;
                message.msg_iovlen = 2;
                sent = ::sendmsg(m_descriptor, &message, MSG_NOSIGNAL);
            }
            if (sent < 0) {
                if (errno == EINTR)
                    continue;
                if (errno == EAGAIN || errno == EWOULDBLOCK)
                    break;
                end(errorFor(errno), errno);
                return;
            }
            const qsizetype fromData = std::min<qsizetype>(sent, data.size());
            data = data.sliced(fromData);
            more = more.sliced(sent - fromData);
        }
        if (data.isEmpty() && more.isEmpty())
            return;
    }
    m_output.append(data);
    m_output.append(more);
    if (m_batched)
        return; // goes out with what this stream wrote earlier in the pass
    if (batched) {
        m_batched = true;
        WriteBatch::add(this);
        return;
    }
    updateNotifiers();
}

void TcpStream::sendBatched()
{
    m_batched = false;
    if (m_state == State::Connected)
        sendOutput();
}

void TcpStream::closeAfterWriting()
{
    if (m_state == State::Closed)
        return;
    // Nothing more is read: what the peer still sends waits in the kernel until the close.
    m_reading = false;
    m_closeAfterWriting = true;
    if (bytesToWrite() == 0 && m_state == State::Connected)
        finishWriting();
}

void TcpStream::lingerAfterWriting()
{
    m_linger = true;
    closeAfterWriting();
}

void TcpStream::finishWriting()
{
    if (!m_linger) {
        end(Error::None, 0);
        return;
    }
    // The FIN follows the last byte written; the peer's own end of sending is awaited.
    ::shutdown(m_descriptor, SHUT_WR);
    m_closeAfterWriting = false;
    m_lingering = true;
    m_reading = true;
    updateNotifiers();
}

void TcpStream::dropInput()
{
    // At most this much per wake-up, so that a client sending as fast as loopback allows cannot
    // hold the thread (and the owner's timer that ends the lingering) here.
    constexpr qsizetype kDropPerWakeUp = 256 * 1024;
    for (qsizetype dropped = 0; dropped < kDropPerWakeUp;) {
        const ssize_t got = ::recv(m_descriptor, t_readBuffer.data(), t_readBuffer.size(), 0);
        if (got > 0) {
            dropped += got;
            continue;
        }
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        end(Error::None, 0); // the peer is done (or gone): the close is clean now
        return;
    }
}

void TcpStream::abort()
{
    if (m_state != State::Closed)
        end(Error::None, 0);
}

void TcpStream::onReadable()
{
    if (m_lingering) {
        dropInput();
        return;
    }
    if (!m_reading) {
        // Paused only now that bytes wait: a request-response client sends nothing while it
        // waits, so pausing around each request costs no notifier change at all.
        m_readNotifier->setEnabled(false);
        return;
    }
    m_drained = false;
    m_readAttempted = false;
    const DeletionWatch::Scope watch(m_deletionWatch);
    m_listener.streamReadable();
    // An owner that did not even try to read has bytes waiting that it does not want now: pause,
    // rather than have the level-triggered notifier fire again on every pass.
    if (!watch.deleted() && !m_readAttempted && m_state == State::Connected && !m_lingering) {
        m_reading = false;
        m_readNotifier->setEnabled(false);
    }
}

void TcpStream::onWritable()
{
    if (m_state == State::Connecting) {
        finishConnecting();
        return;
    }
    sendOutput();
}

void TcpStream::sendOutput()
{
    if (!flushOutput())
        return;
    const DeletionWatch::Scope watch(m_deletionWatch);
    m_listener.streamWritten();
    if (!watch.deleted() && m_closeAfterWriting && bytesToWrite() == 0 &&
        m_state == State::Connected)
        finishWriting();
}

void TcpStream::finishConnecting()
{
    int failure = 0;
    socklen_t length = sizeof failure;
    if (::getsockopt(m_descriptor, SOL_SOCKET, SO_ERROR, &failure, &length) != 0)
        failure = errno;
    if (failure != 0) {
        end(errorFor(failure), failure);
        return;
    }
    // A wake-up meant for an earlier socket with this descriptor number can come before the
    // connect has an outcome: only a peer address says it is done.
    SocketAddress peer;
    peer.length = sizeof peer.storage;
    if (::getpeername(m_descriptor, peer.data(), &peer.length) != 0) {
        if (errno != ENOTCONN)
            end(errorFor(errno), errno);
        return;
    }
    m_state = State::Connected;
    setNoDelay(m_descriptor);
    updateNotifiers();
    const DeletionWatch::Scope watch(m_deletionWatch);
    m_listener.streamConnected();
    if (watch.deleted() || m_state != State::Connected)
        return;
    if (bytesToWrite() > 0 && !flushOutput())
        return;
    if (m_closeAfterWriting && bytesToWrite() == 0)
        finishWriting();
}

bool TcpStream::flushOutput()
{
    while (bytesToWrite() > 0) {
        const ssize_t n = ::send(m_descriptor, m_output.constData() + m_outputSent,
                                 static_cast<size_t>(bytesToWrite()), MSG_NOSIGNAL);
        if (n >= 0) {
            m_outputSent += n;
            continue;
        }
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            break;
        end(errorFor(errno), errno);
        return false;
    }
    if (bytesToWrite() == 0) {
        // Released, not kept: an idle connection holds no output buffer.
        m_output.clear();
        m_outputSent = 0;
    } else if (m_outputSent > m_output.size() / 2) {
        m_output.remove(0, m_outputSent);
        m_outputSent = 0;
    }
    updateNotifiers();
    return true;
}

void TcpStream::end(Error error, int errnoValue)
{
    m_error = error;
    if (error == Error::RemoteClosed)
        m_errorString = QCoreApplication::translate("TcpStream", "the peer closed the connection");
    else if (errnoValue != 0)
        m_errorString = QString::fromLocal8Bit(std::strerror(errnoValue));
    if (m_lookupId >= 0) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }
    closeDescriptor();
    m_state = State::Closed;
    m_closeAfterWriting = false;
    m_linger = false;
    m_lingering = false;
    m_output.clear();
    m_outputSent = 0;
    if (std::exchange(m_batched, false))
        WriteBatch::remove(this);
    m_drained = false;
    // Reported from the event loop: the owner may be in the middle of a call that ended it.
    QMetaObject::invokeMethod(
        this,
        [this, generation = m_generation] {
            if (generation == m_generation)
                m_listener.streamEnded();
        },
        Qt::QueuedConnection);
}

void TcpStream::closeDescriptor()
{
    // The notifiers go first and later: they may be inside their own signal now, and a descriptor
    // must not be watched once closed.
    for (QSocketNotifier **notifier : {&m_readNotifier, &m_writeNotifier}) {
        if (*notifier) {
            (*notifier)->setEnabled(false);
            (*notifier)->deleteLater();
            *notifier = nullptr;
        }
    }
    if (m_descriptor >= 0) {
        ::close(m_descriptor);
        m_descriptor = -1;
    }
}

void TcpStream::updateNotifiers()
{
    if (m_descriptor < 0)
        return;
    // Each notifier is made when first needed: most streams never wait to write, so they never
    // get a write notifier (two allocations and a registration fewer per client).
    if (m_state == State::Connected && m_reading && !m_readNotifier)
        m_readNotifier = new Notifier(m_descriptor, QSocketNotifier::Read, this);
    if (m_readNotifier) {
        if (m_state != State::Connected)
            m_readNotifier->setEnabled(false);
        else if (m_reading)
            m_readNotifier->setEnabled(true);
    }
    // Output in the pass's batch is sent without asking the kernel first.
    const bool waitToWrite = m_state == State::Connecting ||
                             (m_state == State::Connected && bytesToWrite() > 0 && !m_batched);
    if (waitToWrite && !m_writeNotifier)
        m_writeNotifier = new Notifier(m_descriptor, QSocketNotifier::Write, this);
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(waitToWrite);
}

} // namespace topolab::runtime
