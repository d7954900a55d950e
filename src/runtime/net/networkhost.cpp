#include "networkhost.h"

#include <QStandardPaths>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

namespace {

int openThisThreadsNamespace()
{
    return ::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
}

QString systemError(const char *what)
{
    return u"%1: %2"_s.arg(QString::fromLatin1(what), QString::fromLocal8Bit(std::strerror(errno)));
}

} // namespace

bool NetworkHost::raiseLoopback()
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    ifreq request{};
    std::strncpy(request.ifr_name, "lo", IFNAMSIZ - 1);
    bool up = ::ioctl(fd, SIOCGIFFLAGS, &request) == 0;
    request.ifr_flags = static_cast<short>(request.ifr_flags | IFF_UP);
    up = up && ::ioctl(fd, SIOCSIFFLAGS, &request) == 0;
    ::close(fd);
    return up;
}

NetworkHost::NetworkHost(QString name, int fd)
    : m_name(std::move(name))
    , m_fd(fd)
{
}

NetworkHost::~NetworkHost()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

std::unique_ptr<NetworkHost> NetworkHost::current(const QString &name, QString *error)
{
    const int fd = openThisThreadsNamespace();
    if (fd < 0) {
        *error = tr("Cannot open the lab's network namespace: %1").arg(systemError("open"));
        return nullptr;
    }
    return std::unique_ptr<NetworkHost>(new NetworkHost(name, fd));
}

std::unique_ptr<NetworkHost> NetworkHost::create(const QString &name, QString *error)
{
    // A thread may change its own network namespace whatever the others do: this one makes the
    // new namespace, keeps a descriptor of it and goes back.
    const int previous = openThisThreadsNamespace();
    if (previous < 0) {
        *error = tr("Cannot create host %1: %2").arg(name, systemError("open"));
        return nullptr;
    }
    int fd = -1;
    if (::unshare(CLONE_NEWNET) != 0) {
        *error = tr("Cannot create host %1: %2").arg(name, systemError("unshare"));
    } else {
        if (!raiseLoopback())
            *error = tr("Cannot create host %1: %2").arg(name, systemError("loopback"));
        else if ((fd = openThisThreadsNamespace()) < 0)
            *error = tr("Cannot create host %1: %2").arg(name, systemError("open"));
        // Back where the thread was, or nothing it does later is where it expects.
        if (::setns(previous, CLONE_NEWNET) != 0)
            qFatal("cannot return to the lab's network namespace: %s", std::strerror(errno));
    }
    ::close(previous);
    if (fd < 0)
        return nullptr;
    return std::unique_ptr<NetworkHost>(new NetworkHost(name, fd));
}

QString NetworkHost::path() const
{
    return u"/proc/%1/fd/%2"_s.arg(::getpid()).arg(m_fd);
}

void NetworkHost::place(QProcess &process) const
{
    const int fd = m_fd;
    // Runs in the child between fork and exec: system calls only.
    process.setChildProcessModifier([fd] {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::setns(fd, CLONE_NEWNET) != 0)
            ::_exit(126);
    });
}

QString NetworkHost::findTool(const QString &program)
{
    const QString path = QStandardPaths::findExecutable(program);
    return !path.isEmpty() ? path
                           : QStandardPaths::findExecutable(program, {u"/usr/sbin"_s, u"/sbin"_s});
}

bool NetworkHost::run(const QString &program, const QStringList &arguments, QString *error,
                      const QByteArray &input, QByteArray *output) const
{
    const QString path = findTool(program);
    if (path.isEmpty()) {
        *error = tr("%1 is not installed").arg(program);
        return false;
    }
    QProcess process;
    place(process);
    process.start(path, arguments);
    if (!process.waitForStarted(10000)) {
        *error = tr("%1 did not start in host %2: %3").arg(program, m_name, process.errorString());
        return false;
    }
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(10000)) {
        process.kill();
        process.waitForFinished(1000);
        *error = tr("%1 did not finish within 10 s in host %2").arg(program, m_name);
        return false;
    }
    const QByteArray out = process.readAllStandardOutput();
    if (output)
        *output = out;
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        const QByteArray err = process.readAllStandardError().trimmed();
        *error = tr("%1 %2 failed in host %3: %4")
                     .arg(program, arguments.join(u' ').left(200), m_name,
                          err.isEmpty() ? tr("exit code %1").arg(process.exitCode())
                                        : QString::fromLocal8Bit(err));
        return false;
    }
    return true;
}

NetworkHost::Scope::Scope(const NetworkHost *host)
{
    if (!host)
        return;
    m_previous = openThisThreadsNamespace();
    m_entered = m_previous >= 0 && ::setns(host->descriptor(), CLONE_NEWNET) == 0;
}

NetworkHost::Scope::~Scope()
{
    if (m_entered && ::setns(m_previous, CLONE_NEWNET) != 0)
        qFatal("cannot return to the lab's network namespace: %s", std::strerror(errno));
    if (m_previous >= 0)
        ::close(m_previous);
}

} // namespace topolab::runtime
