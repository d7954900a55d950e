#pragma once

#include <QHostAddress>
#include <QObject>
#include <QTimer>

class QSocketNotifier;

namespace topolab::runtime {

// How a listening port is shared between the threads of this program (SO_REUSEPORT).
enum class PortSharing {
    Exclusive,
    // The first of several listeners: the port must be free of anyone else's listener.
    FirstOfGroup,
    // Listens on the port a FirstOfGroup listener of this program holds.
    JoinGroup
};

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
    bool listen(const QHostAddress &address, quint16 port, QString *error,
                PortSharing sharing = PortSharing::Exclusive);
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
    void acceptAll();

    int m_descriptor = -1;
    int m_spare = -1;
    quint16 m_port = 0;
    QSocketNotifier *m_notifier = nullptr;
    QTimer m_resume;
};

} // namespace topolab::runtime
