#pragma once

#include <QTcpServer>

// A port on 127.0.0.1 that was free a moment ago, for servers that must be told their port.
inline quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}
