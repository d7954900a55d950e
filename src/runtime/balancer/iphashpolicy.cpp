#include "iphashpolicy.h"

#include <QCryptographicHash>

namespace topolab::runtime {

namespace {

quint64 score(const QByteArray &client, const QString &backend)
{
    // A stable hash across runs and machines (qHash is seeded per process).
    const QByteArray digest =
        QCryptographicHash::hash(client + '\0' + backend.toUtf8(), QCryptographicHash::Sha1);
    quint64 value = 0;
    for (int i = 0; i < 8; ++i)
        value = (value << 8) | static_cast<quint8>(digest.at(i));
    return value;
}

} // namespace

std::optional<int> IpHashPolicy::pick(std::span<const BackendStatus> backends,
                                      const PickContext &context)
{
    std::optional<int> best;
    quint64 bestScore = 0;
    for (size_t i = 0; i < backends.size(); ++i) {
        if (!eligible(backends, static_cast<int>(i), context))
            continue;
        const quint64 s = score(context.clientAddress, backends[i].name);
        if (!best || s > bestScore) {
            best = static_cast<int>(i);
            bestScore = s;
        }
    }
    return best;
}

} // namespace topolab::runtime
