#pragma once

#include <QFile>
#include <QRandomGenerator>
#include <QTcpServer>

// A port on 127.0.0.1 that was free a moment ago, for servers that must be told their port.
// It is picked below the kernel's range of ephemeral ports (net.ipv4.ip_local_port_range), so
// that an outgoing connection of a test running alongside cannot take it between this check and
// the server's own bind (seen: a worker's "Address already in use" under ctest -j2).
inline quint16 freePort()
{
    int ephemeralStart = 32768;
    QFile range(QStringLiteral("/proc/sys/net/ipv4/ip_local_port_range"));
    if (range.open(QIODevice::ReadOnly))
        ephemeralStart = range.readAll().simplified().split(' ').first().toInt();
    const int low = 10000;
    if (ephemeralStart > low + 1000) {
        for (int attempt = 0; attempt < 100; ++attempt) {
            const auto port = static_cast<quint16>(
                low + QRandomGenerator::global()->bounded(ephemeralStart - low));
            QTcpServer probe;
            if (probe.listen(QHostAddress::LocalHost, port))
                return port;
        }
    }
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}
