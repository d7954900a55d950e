#include "vrrpinstance.h"

#include "labnetwork.h"
#include "networkhost.h"

#include <QFile>
#include <QThread>
#include <QRegularExpression>

#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace topolab::runtime {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(VrrpInstance)
};

// The VRRP router id both halves of the pair share.
constexpr int kRouterId = 51;

} // namespace

VrrpInstance::VrrpInstance(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_child.setParent(this);
    m_child.process().setProcessChannelMode(QProcess::MergedChannels);
    connect(&m_child.process(), &QProcess::readyReadStandardOutput, this,
            &VrrpInstance::readOutput);
    connect(&m_child, &ChildProcess::exitedUnexpectedly, this,
            [this](int code, QProcess::ExitStatus status) {
                m_role = Role::Stopped;
                emit roleChanged(m_role);
                emit exitedUnexpectedly(status == QProcess::CrashExit
                                            ? Tr::tr("keepalived was killed")
                                            : Tr::tr("keepalived exited with code %1").arg(code));
            });
}

VrrpInstance::~VrrpInstance()
{
    stop();
}

QString VrrpInstance::missingTool()
{
    if (!NetworkHost::findTool(u"keepalived"_s).isEmpty())
        return {};
    return Tr::tr("the floating IP needs keepalived, which is not installed: sudo apt-get install "
                  "keepalived");
}

QString VrrpInstance::path(const char *file) const
{
    return u"%1/%2"_s.arg(m_options.folder, QLatin1StringView(file));
}

QString VrrpInstance::configuration() const
{
    const QString &inside = LabNetwork::kInsideInterface;
    // Both start as BACKUP: the priorities elect the master, and nopreempt needs it so.
    // An advert every 0.5 s: a keepalived that dies unannounced is replaced within about 1.7 s,
    // while a balancer that stops answering gives the address up as soon as it is found out.
    return uR"(global_defs {
    router_id %1
    max_auto_priority -1
}
track_file balancer_health {
    file "%2"
    weight 1
    init_file 0 overwrite
}
vrrp_instance topolab {
    version 3
    state BACKUP
    interface %3
    virtual_router_id %4
    priority %5
    advert_int 0.5
%6    unicast_src_ip %7
    unicast_peer {
        %8
    }
    virtual_ipaddress {
        %9/32 dev %3
    }
    track_file {
        balancer_health
    }
}
)"_s.arg(QString(m_options.name).remove(QRegularExpression(u"[^A-Za-z0-9_-]"_s)),
         path("health"), inside)
        .arg(kRouterId)
        .arg(m_options.priority)
        .arg(m_options.preempt ? QString() : u"    nopreempt\n"_s, m_options.address,
             m_options.peer, m_options.floating);
}

bool VrrpInstance::start(QString *error)
{
    if (m_child.isRunning())
        return true;
    const QString program = NetworkHost::findTool(u"keepalived"_s);
    if (program.isEmpty()) {
        *error = missingTool();
        return false;
    }
    QFile config(path("keepalived.conf"));
    if (!config.open(QIODevice::WriteOnly) || config.write(configuration().toUtf8()) < 0) {
        *error = Tr::tr("cannot write %1: %2").arg(config.fileName(), config.errorString());
        return false;
    }
    config.close();
    setHealthy(true);
    m_child.placeIn(*m_options.host);
    m_pending.clear();
    // In the foreground, logging to the console (read here) rather than to the desktop's syslog,
    // VRRP only, with pid files of its own rather than in /run.
    return m_child.start(program,
                         {u"--dont-fork"_s, u"--log-console"_s, u"--log-detail"_s,
                          u"--no-syslog"_s, u"--vrrp"_s, u"--use-file"_s, config.fileName(),
                          u"--pid"_s, path("keepalived.pid"), u"--vrrp_pid"_s, path("vrrp.pid")},
                         error);
}

void VrrpInstance::stop()
{
    if (!m_child.isRunning())
        return;
    // On SIGTERM it gives the address up and says so to its peer (priority 0).
    m_child.stop(2s);
    m_role = Role::Stopped;
    emit roleChanged(m_role);
}

void VrrpInstance::setHealthy(bool healthy)
{
    // keepalived reads the file when it is closed after writing: one write, no partial value.
    const QByteArray value = healthy ? "0\n" : "-254\n";
    const int fd = ::open(path("health").toLocal8Bit().constData(),
                          O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    [[maybe_unused]] const ssize_t written = ::write(fd, value.constData(), value.size());
    ::close(fd);
}

void VrrpInstance::waitForOutput(int ms)
{
    if (!m_child.isRunning() || !m_child.process().waitForReadyRead(ms))
        QThread::msleep(static_cast<unsigned long>(ms));
}

QString VrrpInstance::roleName(Role role)
{
    switch (role) {
    case Role::Stopped:
        return Tr::tr("stopped");
    case Role::Backup:
        return Tr::tr("backup");
    case Role::Master:
        return Tr::tr("master");
    case Role::Fault:
        return Tr::tr("fault");
    }
    Q_UNREACHABLE();
}

void VrrpInstance::readOutput()
{
    static const QRegularExpression entering(u"\\) Entering (MASTER|BACKUP|FAULT) STATE"_s);
    m_pending += m_child.process().readAllStandardOutput();
    qsizetype end = 0;
    while ((end = m_pending.indexOf('\n')) >= 0) {
        const QString line = QString::fromLocal8Bit(m_pending.left(end)).trimmed();
        m_pending.remove(0, end + 1);
        if (line.isEmpty())
            continue;
        emit logLine(line);
        const QRegularExpressionMatch match = entering.match(line);
        if (!match.hasMatch())
            continue;
        const QString state = match.captured(1);
        const Role role = state == u"MASTER"_s   ? Role::Master
                          : state == u"BACKUP"_s ? Role::Backup
                                                 : Role::Fault;
        if (role != m_role) {
            m_role = role;
            emit roleChanged(role);
        }
    }
}

} // namespace topolab::runtime
