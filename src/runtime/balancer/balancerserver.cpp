#include "balancerserver.h"

#include "clientconnection.h"

#include <QCoreApplication>
#include <QTcpSocket>

namespace topolab::runtime {

BalancerServer::BalancerServer(const BalancerOptions &options, TrafficMetrics &metrics)
    : m_core(options, metrics, this)
    , m_health(m_core, this)
{
    m_server.setParent(this);
    m_server.setMaxPendingConnections(1024);
    connect(&m_server, &QTcpServer::newConnection, this, &BalancerServer::accept);
}

BalancerServer::~BalancerServer()
{
    // Client connections hand their backend connections back to the core, so they must go while
    // the core (a member, destroyed before QObject deletes the children) still exists.
    qDeleteAll(findChildren<ClientConnection *>(Qt::FindDirectChildrenOnly));
}

bool BalancerServer::listen(QString *error)
{
    const BalancerOptions &options = m_core.options();
    if (!m_server.listen(options.listenAddress, options.port)) {
        *error = QCoreApplication::translate("BalancerServer",
                                             "the load balancer cannot listen on %1 port %2: %3. "
                                             "Choose another port for it or stop the program "
                                             "that uses this one.")
                     .arg(options.listenAddress.toString(), QString::number(options.port),
                          m_server.errorString());
        return false;
    }
    m_health.start();
    return true;
}

void BalancerServer::accept()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        if (m_connections >= m_core.options().maxConnections) {
            HttpResponse response = HttpResponse::text(
                503, "the load balancer is at its connection limit; try again shortly");
            response.keepAlive = false;
            socket->write(response.serialize());
            m_core.metrics().record(-1, 503, 0, 0);
            socket->disconnectFromHost();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            continue;
        }
        ++m_connections;
        auto *client = new ClientConnection(socket, m_core, this);
        connect(client, &ClientConnection::closed, this, [this, client] {
            --m_connections;
            client->deleteLater();
        });
    }
}

} // namespace topolab::runtime
