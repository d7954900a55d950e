#include "labconnection.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLocalSocket>

namespace topolab::runtime {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(LabConnection)
};
} // namespace

LabConnection::LabConnection(QLocalSocket *socket, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
{
    m_socket->setParent(this);
    connect(m_socket, &QLocalSocket::readyRead, this, &LabConnection::readLines);
    connect(m_socket, &QLocalSocket::disconnected, this, [this] {
        if (!std::exchange(m_closedSaid, true))
            emit closed({});
    });
}

LabConnection::~LabConnection()
{
    m_socket->disconnect(this);
}

void LabConnection::send(const QJsonObject &message)
{
    if (!isOpen())
        return;
    m_socket->write(QJsonDocument(message).toJson(QJsonDocument::Compact) + '\n');
    // Now rather than at the next turn of the event loop, which a caller about to wait for the
    // peer (or to quit) may never give it.
    m_socket->flush();
}

bool LabConnection::isOpen() const
{
    return m_socket->state() == QLocalSocket::ConnectedState;
}

void LabConnection::close()
{
    m_socket->flush();
    m_socket->disconnectFromServer();
}

void LabConnection::readLines()
{
    m_pending.append(m_socket->readAll());
    qsizetype end;
    while ((end = m_pending.indexOf('\n')) >= 0) {
        const QByteArray line = m_pending.left(end);
        m_pending.remove(0, end + 1);
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        if (!document.isObject()) {
            m_pending.clear();
            if (!std::exchange(m_closedSaid, true))
                emit closed(Tr::tr("the peer sent something that is not the lab protocol (%1)")
                                .arg(error.errorString()));
            m_socket->abort();
            return;
        }
        emit received(document.object());
    }
    if (m_pending.size() > kMaxLine) {
        m_pending.clear();
        if (!std::exchange(m_closedSaid, true))
            emit closed(Tr::tr("the peer sent a line longer than %1 bytes").arg(kMaxLine));
        m_socket->abort();
    }
}

} // namespace topolab::runtime
