#pragma once

#include <QHostAddress>
#include <QObject>
#include <QTimer>

#include <limits>
#include <memory>

class QSocketNotifier;

namespace topolab::runtime {

// A listening TCP socket that hands each accepted connection's descriptor on. Used instead of
// QTcpServer because QTcpServer (Qt 6.4) keeps retrying accept() when the process is out of file
// descriptors — a busy loop that leaves every waiting client hanging. Here the listener stops
// and says so; refusePending() then answers the waiting clients through a descriptor kept in
// reserve for exactly that, and accepting resumes shortly.
class TcpListener final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpListener)

public:
    explicit TcpListener(QObject *parent = nullptr);
    ~TcpListener() override;

    // Binds and listens with the kernel's largest accept queue; on failure says why.
    bool listen(const QHostAddress &address, quint16 port, QString *error);
    // Takes clients from the socket `first` listens on, beside it (another thread's listener of
    // this program, whose listen() has returned; what it set there is not changed after). One queue
    // for all: a client is taken by whichever thread is free first, not by the one the kernel's
    // hash picked, as with SO_REUSEPORT and a socket per thread, where the slowest requests on new
    // connections took 20–40 % longer. A listener over its share of the group's open connections
    // hands the clients it accepts to the least loaded one, whose `accepted` then tells of them
    // on its own thread.
    bool share(const TcpListener &first, QString *error);
    // Called once for each descriptor it told of when its connection is closed.
    void connectionEnded();
    // Told of (or on their way to it) and not yet ended.
    int openConnections() const;
    // How many open connections this listener's owner serves; when full, the clients it accepts
    // go to the listeners it shares its socket with.
    void setCapacity(int connections);
    quint16 port() const { return m_port; }
    // Accepts every client waiting in the kernel's queue, sends it `answer` and closes it;
    // returns how many there were.
    int refusePending(const QByteArray &answer);
    // Sends a short final answer on a freshly accepted connection and closes it.
    static void answerAndClose(int descriptor, const QByteArray &answer);

signals:
    // `peer`: the client's address as text.
    void accepted(qintptr descriptor, const QByteArray &peer);
    // accept() failed for want of a descriptor; accepting is paused until refusePending().
    void outOfDescriptors();

private:
    struct Group;

    void watch(int descriptor);
    void acceptAll();
    void takeHandedClients();

    int m_descriptor = -1;
    int m_spare = -1;
    quint16 m_port = 0;
    QSocketNotifier *m_notifier = nullptr;
    QTimer m_resume;
    std::shared_ptr<Group> m_group;
    int m_member = 0;
    int m_capacity = std::numeric_limits<int>::max();
};

} // namespace topolab::runtime
