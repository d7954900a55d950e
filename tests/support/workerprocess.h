#pragma once

#include <QProcess>
#include <QTest>
#include <csignal>

// A `topolab worker` child process for tests. The QProcess destructor kills it, so a failing test
// leaves no orphan; the worker also dies with the test process (PR_SET_PDEATHSIG).
class WorkerProcess {
public:
    WorkerProcess(QString name, QString root)
        : m_name(std::move(name))
        , m_root(std::move(root))
    {
    }
    ~WorkerProcess() { stop(); }
    WorkerProcess(const WorkerProcess &) = delete;
    WorkerProcess &operator=(const WorkerProcess &) = delete;

    void setDatabasePassword(const QString &password)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("TOPOLAB_DB_PASSWORD"), password);
        m_process.setProcessEnvironment(environment);
    }

    // Starts the worker (on `port`, or a free one) and waits until it listens.
    bool start(quint16 port = 0, const QStringList &extra = {})
    {
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start(QStringLiteral(TOPOLAB_BINARY),
                        QStringList{QStringLiteral("worker"), QStringLiteral("--name"), m_name,
                                    QStringLiteral("--port"), QString::number(port),
                                    QStringLiteral("--root"), m_root} +
                            extra);
        if (!m_process.waitForStarted(5000))
            return false;
        QByteArray output;
        while (!output.contains('\n')) {
            if (!m_process.waitForReadyRead(5000))
                return false;
            output += m_process.readAllStandardOutput();
        }
        const qsizetype colon = output.lastIndexOf(':');
        m_port = static_cast<quint16>(output.mid(colon + 1).trimmed().toUInt());
        return m_port != 0;
    }

    void kill()
    {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    void stop()
    {
        if (m_process.state() != QProcess::NotRunning)
            kill();
    }
    qint64 pid() const { return m_process.processId(); }
    quint16 port() const { return m_port; }
    const QString &name() const { return m_name; }
    QByteArray errors() { return m_process.readAllStandardError(); }

private:
    QString m_name;
    QString m_root;
    QProcess m_process;
    quint16 m_port = 0;
};
