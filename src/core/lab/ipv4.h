#pragma once

#include <QString>
#include <optional>

// Dotted-quad IPv4 addresses for the lab's plan. The core layer has no Qt Network, and the lab
// needs no more than parsing, printing and "is it inside this network".
namespace topolab::core::Ipv4 {

std::optional<quint32> parse(QStringView text);
QString format(quint32 address);

struct Network {
    quint32 base = 0;
    int prefix = 24;

    bool contains(quint32 address) const;
    quint32 at(quint32 hostPart) const { return base + hostPart; }
    // "10.20.0.0/24"
    QString text() const;
    // The first and the last address a host may have (neither the network nor the broadcast).
    quint32 firstHost() const { return base + 1; }
    quint32 lastHost() const;
};

} // namespace topolab::core::Ipv4
