#include "childprocess.h"

#include <QCoreApplication>
#include <csignal>
#include "runtime/net/networkhost.h"

#include <sys/prctl.h>

using namespace std::chrono_literals;

namespace topolab::runtime {

ChildProcess::ChildProcess(QObject *parent)
    : QObject(parent)
{
    m_process.setParent(this);
    m_process.setChildProcessModifier([] { prctl(PR_SET_PDEATHSIG, SIGKILL); });
    connect(&m_process, &QProcess::finished, this,
            [this](int exitCode, QProcess::ExitStatus status) {
                if (!m_stopping)
                    emit exitedUnexpectedly(exitCode, status);
            });
}

void ChildProcess::placeIn(const NetworkHost &host)
{
    // Its modifier dies with the parent as the default one does, from inside the host.
    host.place(m_process);
}

ChildProcess::~ChildProcess()
{
    stop(3s);
}

bool ChildProcess::start(const QString &program, const QStringList &arguments, QString *error)
{
    if (isRunning())
        return true;
    m_stopping = false;
    m_process.start(program, arguments);
    if (m_process.waitForStarted(5000))
        return true;
    *error = QCoreApplication::translate("ChildProcess", "cannot run %1: %2")
                 .arg(program, m_process.errorString());
    return false;
}

void ChildProcess::stop(std::chrono::milliseconds grace)
{
    if (!isRunning())
        return;
    m_stopping = true;
    resume();
    m_process.terminate();
    if (!m_process.waitForFinished(static_cast<int>(grace.count()))) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

void ChildProcess::kill()
{
    if (!isRunning())
        return;
    m_process.kill();
    m_process.waitForFinished(5000);
}

bool ChildProcess::pause()
{
    return isRunning() && ::kill(static_cast<pid_t>(pid()), SIGSTOP) == 0;
}

bool ChildProcess::resume()
{
    return isRunning() && ::kill(static_cast<pid_t>(pid()), SIGCONT) == 0;
}

} // namespace topolab::runtime
