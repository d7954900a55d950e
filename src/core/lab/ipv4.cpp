#include "ipv4.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace topolab::core::Ipv4 {

std::optional<quint32> parse(QStringView text)
{
    const QList<QStringView> parts = text.trimmed().split(u'.');
    if (parts.size() != 4)
        return std::nullopt;
    quint32 address = 0;
    for (QStringView part : parts) {
        // Leading zeros are refused: some tools read "010" as octal.
        if (part.isEmpty() || part.size() > 3 || (part.size() > 1 && part.front() == u'0'))
            return std::nullopt;
        bool ok = false;
        const uint octet = part.toUInt(&ok);
        if (!ok || octet > 255)
            return std::nullopt;
        address = (address << 8) | octet;
    }
    return address;
}

QString format(quint32 address)
{
    return u"%1.%2.%3.%4"_s.arg(address >> 24)
        .arg((address >> 16) & 0xff)
        .arg((address >> 8) & 0xff)
        .arg(address & 0xff);
}

bool Network::contains(quint32 address) const
{
    const quint32 mask = prefix == 0 ? 0 : ~quint32(0) << (32 - prefix);
    return (address & mask) == (base & mask);
}

QString Network::text() const
{
    return u"%1/%2"_s.arg(format(base)).arg(prefix);
}

quint32 Network::lastHost() const
{
    const quint32 size = prefix == 0 ? ~quint32(0) : (quint32(1) << (32 - prefix)) - 1;
    return base + size - 1;
}

} // namespace topolab::core::Ipv4
