#pragma once

#include <QJsonObject>
#include <QObject>

class QLocalSocket;

namespace topolab::runtime {

// One end of the lab protocol (docs/lab-protocol.md): JSON objects, one per line, over a local
// socket. Owns the socket.
class LabConnection final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LabConnection)

public:
    static constexpr int kProtocol = 1;
    // A line longer than this is no message of the protocol: the peer is not a Topolab.
    static constexpr qsizetype kMaxLine = 16 * 1024 * 1024;

    explicit LabConnection(QLocalSocket *socket, QObject *parent = nullptr);
    ~LabConnection() override;

    void send(const QJsonObject &message);
    bool isOpen() const;
    void close();
    QLocalSocket *socket() const { return m_socket; }

signals:
    void received(const QJsonObject &message);
    // The peer went away, or spoke something that is not the protocol (`why` then says what).
    void closed(const QString &why);

private:
    void readLines();

    QLocalSocket *m_socket;
    QByteArray m_pending;
    bool m_closedSaid = false;
};

} // namespace topolab::runtime
