#include "workernode.h"

#include <QCoreApplication>
#include <QElapsedTimer>
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

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
    m_child.setParent(this);
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
    connect(&m_child, &ChildProcess::exitedUnexpectedly, this,
            [this](int code, QProcess::ExitStatus status) {
                emit exitedUnexpectedly(
                    status == QProcess::CrashExit
                        ? Tr::tr("its worker process was killed")
                        : Tr::tr("its worker process exited with code %1").arg(code));
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
    if (m_options.host) {
        arguments += {u"--listen"_s, u"0.0.0.0"_s};
        m_child.placeIn(*m_options.host);
    }
    m_process.setProcessEnvironment(environment);
    m_recentErrors.clear();
    if (!m_child.start(m_options.program, arguments, error))
        return false;
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
    m_child.stop(3s);
}

void WorkerNode::kill()
{
    m_child.kill();
}

bool WorkerNode::pause()
{
    return m_child.pause();
}

bool WorkerNode::resume()
{
    return m_child.resume();
}

} // namespace topolab::runtime
