#include "workernode.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(WorkerNode)
};

QString address(const DatabaseAddress &database)
{
    return u"%1:%2"_s.arg(database.host).arg(database.port);
}

} // namespace

WorkerNode::WorkerNode(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_process.setParent(this);
    m_process.setChildProcessModifier([] { prctl(PR_SET_PDEATHSIG, SIGKILL); });
    connect(&m_process, &QProcess::readyReadStandardError, this, [this] {
        for (const QByteArray &line : m_process.readAllStandardError().split('\n')) {
            if (line.trimmed().isEmpty())
                continue;
            m_recentErrors.append(QString::fromLocal8Bit(line));
            if (m_recentErrors.size() > 5)
                m_recentErrors.removeFirst();
            emit logLine(m_recentErrors.last());
        }
    });
    connect(&m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        if (m_stopping)
            return;
        emit exitedUnexpectedly(
            status == QProcess::CrashExit
                ? Tr::tr("%1 was killed").arg(m_options.name)
                : Tr::tr("%1 exited with code %2").arg(m_options.name).arg(code));
    });
}

WorkerNode::~WorkerNode()
{
    stop();
}

bool WorkerNode::start(QString *error)
{
    if (isRunning())
        return true;
    QStringList arguments = {u"worker"_s,
                             u"--name"_s,
                             m_options.name,
                             u"--port"_s,
                             QString::number(m_options.port),
                             u"--root"_s,
                             m_options.site,
                             u"--parent-pid"_s,
                             QString::number(QCoreApplication::applicationPid())};
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (m_options.primary.isSet()) {
        arguments += {u"--primary"_s,  address(m_options.primary),
                      u"--database"_s, m_options.primary.database,
                      u"--user"_s,     m_options.primary.user};
        environment.insert(u"TOPOLAB_DB_PASSWORD"_s, m_options.primary.password);
    }
    if (m_options.replica.isSet())
        arguments += {u"--replica"_s, address(m_options.replica)};
    m_process.setProcessEnvironment(environment);
    m_stopping = false;
    m_recentErrors.clear();
    m_process.start(m_options.program, arguments);
    if (!m_process.waitForStarted(5000)) {
        *error = Tr::tr("cannot run %1: %2").arg(m_options.program, m_process.errorString());
        return false;
    }
    QByteArray output;
    QElapsedTimer clock;
    clock.start();
    while (!output.contains('\n') && clock.elapsed() < 10000) {
        if (!m_process.waitForReadyRead(200) && !isRunning())
            break;
        output += m_process.readAllStandardOutput();
    }
    if (!output.startsWith("listening on ")) {
        m_process.waitForFinished(200);
        m_recentErrors += QString::fromLocal8Bit(m_process.readAllStandardError()).trimmed();
        m_recentErrors.removeAll(QString());
        const QString reason = m_recentErrors.join(u' ');
        *error =
            Tr::tr("%1 did not start: %2")
                .arg(m_options.name, reason.isEmpty() ? Tr::tr("no answer within 10 s") : reason);
        stop();
        return false;
    }
    m_port = static_cast<quint16>(output.mid(output.lastIndexOf(':') + 1).trimmed().toUInt());
    return true;
}

void WorkerNode::stop()
{
    if (!isRunning())
        return;
    m_stopping = true;
    resume();
    m_process.terminate();
    if (!m_process.waitForFinished(3000)) {
        m_process.kill();
        m_process.waitForFinished(3000);
    }
}

void WorkerNode::kill()
{
    if (!isRunning())
        return;
    m_process.kill();
    m_process.waitForFinished(3000);
}

bool WorkerNode::pause()
{
    return isRunning() && ::kill(static_cast<pid_t>(pid()), SIGSTOP) == 0;
}

bool WorkerNode::resume()
{
    return isRunning() && ::kill(static_cast<pid_t>(pid()), SIGCONT) == 0;
}

} // namespace topolab::runtime
