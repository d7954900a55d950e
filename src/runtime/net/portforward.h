#pragma once

#include <QCoreApplication>
#include <QObject>
#include <QTcpServer>

namespace topolab::runtime {

class NetworkHost;

// The way in from the desktop: a listening socket on 127.0.0.1 of the user's own network,
// opened before the lab process entered its namespaces (a socket stays in the namespace it was
// made in), whose clients are relayed to the site's public address in the lab from the internet
// host, so that the browser, curl and wrk reach the lab as the internet would.
class PortForward final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PortForward)

public:
    // A listening socket on 127.0.0.1:port; -1 with the reason (a busy port, say).
    static int openListener(quint16 port, QString *error);

    PortForward(int listener, QString address, quint16 port, const NetworkHost &from,
                QObject *parent = nullptr);

    bool start(QString *error);
    quint16 port() const { return m_server.serverPort(); }
    qint64 connections() const { return m_connections; }

private:
    void relay();

    QTcpServer m_server;
    int m_listener;
    QString m_address;
    quint16 m_port;
    const NetworkHost &m_from;
    qint64 m_connections = 0;
};

} // namespace topolab::runtime
