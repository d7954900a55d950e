#include "processlimits.h"

#include <QFile>
#include <sys/resource.h>

namespace topolab::runtime::ProcessLimits {

int raiseDescriptorLimit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
    return descriptorLimit();
}

int descriptorLimit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
        return -1;
    return static_cast<int>(limit.rlim_cur);
}

int listenBacklog()
{
    QFile file(QStringLiteral("/proc/sys/net/core/somaxconn"));
    bool ok = false;
    const int value = file.open(QIODevice::ReadOnly) ? file.readAll().trimmed().toInt(&ok) : 0;
    return ok && value > 0 ? value : 4096;
}

} // namespace topolab::runtime::ProcessLimits
