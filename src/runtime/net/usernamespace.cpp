#include "usernamespace.h"

#include "networkhost.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

namespace {

bool s_entered = false;

bool writeFile(const char *path, const QByteArray &text)
{
    const int fd = ::open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool written = ::write(fd, text.constData(), static_cast<size_t>(text.size())) ==
                         static_cast<ssize_t>(text.size());
    ::close(fd);
    return written;
}

// Returns 0, or the errno of the step that failed, with `step` naming it.
int enterNamespaces(const char **step)
{
    const uid_t uid = ::getuid();
    const gid_t gid = ::getgid();
    *step = "unshare";
    if (::unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0)
        return errno;
    // Without "deny" an unprivileged process may not map its group.
    *step = "setgroups";
    if (!writeFile("/proc/self/setgroups", "deny") && errno != ENOENT)
        return errno;
    *step = "uid_map";
    if (!writeFile("/proc/self/uid_map", "0 " + QByteArray::number(uid) + " 1"))
        return errno;
    *step = "gid_map";
    if (!writeFile("/proc/self/gid_map", "0 " + QByteArray::number(gid) + " 1"))
        return errno;
    *step = "loopback";
    if (!NetworkHost::raiseLoopback())
        return errno;
    return 0;
}

QByteArray sysctl(const char *path)
{
    QFile file(QString::fromLatin1(path));
    return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed() : QByteArray();
}

int threadCount()
{
    return static_cast<int>(QDir(u"/proc/self/task"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size());
}

} // namespace

QString UserNamespace::explain(int error, const char *step)
{
    const QString hostMode = tr("Topolab runs the design as one host on 127.0.0.1 instead.");
    if (error == ENOSPC)
        return tr("This system allows no new user namespaces (user.max_user_namespaces is 0 or "
                  "used up). %1 To allow them: sudo sysctl -w user.max_user_namespaces=15000")
            .arg(hostMode);
    if (sysctl("/proc/sys/kernel/unprivileged_userns_clone") == "0")
        return tr("This kernel does not let normal users create user namespaces "
                  "(kernel.unprivileged_userns_clone is 0). %1 To allow them: "
                  "sudo sysctl -w kernel.unprivileged_userns_clone=1")
            .arg(hostMode);
    if (sysctl("/proc/sys/kernel/apparmor_restrict_unprivileged_userns") == "1")
        return tr("AppArmor restricts unprivileged user namespaces on this system "
                  "(kernel.apparmor_restrict_unprivileged_userns is 1). %1 To allow them for "
                  "Topolab, add an AppArmor profile for it with the \"userns,\" rule, or: "
                  "sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0")
            .arg(hostMode);
    if (error == EINVAL && std::string_view(step) == "unshare")
        return tr("The lab must be entered before the process starts threads, and this one had "
                  "%1 already. %2")
            .arg(threadCount())
            .arg(hostMode);
    if (error == EPERM || error == EACCES)
        return tr("The system refused a user namespace at step %1 (%2); a container or a "
                  "security policy (seccomp, AppArmor, SELinux) forbids it. %3 Run Topolab "
                  "outside the container, or allow user namespaces in it.")
            .arg(QString::fromLatin1(step), QString::fromLocal8Bit(std::strerror(error)), hostMode);
    return tr("Creating the lab's namespaces failed at step %1: %2. %3")
        .arg(QString::fromLatin1(step), QString::fromLocal8Bit(std::strerror(error)), hostMode);
}

bool UserNamespace::isAvailable(QString *why)
{
    if (qEnvironmentVariable("TOPOLAB_LAB") == u"host"_s) {
        *why = tr("TOPOLAB_LAB=host asks for one-host mode: the design runs on 127.0.0.1, and the "
                  "firewall and the floating IP are not run. Unset it to run every machine as a "
                  "host of its own.");
        return false;
    }
    if (s_entered)
        return true;
    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0) {
        *why = explain(errno, "pipe");
        return false;
    }
    const pid_t child = ::fork();
    if (child == 0) {
        // Only system calls from here: the parent may have threads.
        const char *step = "";
        const int error = enterNamespaces(&step);
        const int stepIndex = std::string_view(step) == "unshare"     ? 0
                              : std::string_view(step) == "setgroups" ? 1
                              : std::string_view(step) == "uid_map"   ? 2
                              : std::string_view(step) == "gid_map"   ? 3
                                                                      : 4;
        const int report[2] = {error, stepIndex};
        [[maybe_unused]] const ssize_t written = ::write(pipeFds[1], report, sizeof report);
        ::_exit(0);
    }
    ::close(pipeFds[1]);
    int report[2] = {0, 0};
    const bool read = child > 0 && ::read(pipeFds[0], report, sizeof report) == sizeof report;
    ::close(pipeFds[0]);
    if (child > 0)
        ::waitpid(child, nullptr, 0);
    if (!read) {
        *why = explain(child < 0 ? errno : EIO, "fork");
        return false;
    }
    static const char *const steps[] = {"unshare", "setgroups", "uid_map", "gid_map", "loopback"};
    if (report[0] != 0) {
        *why = explain(report[0], steps[report[1]]);
        return false;
    }
    return true;
}

bool UserNamespace::enter(QString *why)
{
    if (s_entered)
        return true;
    if (!isAvailable(why))
        return false;
    const char *step = "";
    const int error = enterNamespaces(&step);
    if (error != 0) {
        *why = explain(error, step);
        return false;
    }
    s_entered = true;
    return true;
}

bool UserNamespace::isEntered()
{
    return s_entered;
}

} // namespace topolab::runtime
