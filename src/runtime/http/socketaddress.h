#pragma once

#include <QHostAddress>
#include <sys/socket.h>

namespace topolab::runtime {

// A QHostAddress and port as the kernel's socket address, and its parts back.
struct SocketAddress {
    sockaddr_storage storage{};
    socklen_t length = 0;

    static SocketAddress from(const QHostAddress &address, quint16 port);
    int family() const { return storage.ss_family; }
    const sockaddr *data() const { return reinterpret_cast<const sockaddr *>(&storage); }
    sockaddr *data() { return reinterpret_cast<sockaddr *>(&storage); }
    // The address as text ("127.0.0.1", "::1"), an IPv4 client of a dual-stack socket as itself;
    // made without a QHostAddress, once for every accepted client.
    QByteArray text() const;
    quint16 port() const;
};

} // namespace topolab::runtime
