#include "socketaddress.h"

#include <arpa/inet.h>
#include <cstring>
#include <netinet/in.h>

namespace topolab::runtime {

SocketAddress SocketAddress::from(const QHostAddress &address, quint16 port)
{
    SocketAddress result;
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(&result.storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        std::memcpy(&in6->sin6_addr, &bytes, sizeof bytes);
        result.length = sizeof *in6;
    } else {
        auto *in4 = reinterpret_cast<sockaddr_in *>(&result.storage);
        in4->sin_family = AF_INET;
        in4->sin_port = htons(port);
        in4->sin_addr.s_addr = htonl(address.toIPv4Address());
        result.length = sizeof *in4;
    }
    return result;
}

QByteArray SocketAddress::text() const
{
    char buffer[INET6_ADDRSTRLEN];
    const char *written = nullptr;
    if (family() == AF_INET) {
        written = ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in *>(&storage)->sin_addr,
                              buffer, sizeof buffer);
    } else if (family() == AF_INET6) {
        const in6_addr &v6 = reinterpret_cast<const sockaddr_in6 *>(&storage)->sin6_addr;
        written = IN6_IS_ADDR_V4MAPPED(&v6)
                      ? ::inet_ntop(AF_INET, &v6.s6_addr[12], buffer, sizeof buffer)
                      : ::inet_ntop(AF_INET6, &v6, buffer, sizeof buffer);
    }
    return written ? QByteArray(written) : QByteArray();
}

quint16 SocketAddress::port() const
{
    return ntohs(family() == AF_INET6 ? reinterpret_cast<const sockaddr_in6 *>(&storage)->sin6_port
                                      : reinterpret_cast<const sockaddr_in *>(&storage)->sin_port);
}

} // namespace topolab::runtime
