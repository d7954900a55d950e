#include "mariadbserver.h"

#include "runtime/net/networkhost.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTcpServer>
#include <QThread>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(MariaDbServer)
};

constexpr int kStartTimeoutMs = 30000;
constexpr std::chrono::milliseconds kStopTimeout{15000};

bool portIsFree(quint16 port, const NetworkHost *host)
{
    const NetworkHost::Scope inside(host);
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, port);
}

} // namespace

MariaDbServer::MariaDbServer(MariaDbInstallation installation, Options options, QObject *parent)
    : QObject(parent)
    , m_installation(std::move(installation))
    , m_options(std::move(options))
{
    m_child.setParent(this);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    connect(&m_child, &ChildProcess::exitedUnexpectedly, this,
            [this](int code, QProcess::ExitStatus status) {
                emit exitedUnexpectedly(
                    status == QProcess::CrashExit
                        ? Tr::tr("the %1 database was killed").arg(m_options.name)
                        : Tr::tr("the %1 database exited with code %2: %3")
                              .arg(m_options.name, QString::number(code), logTail(3)));
            });
}

MariaDbServer::~MariaDbServer()
{
    stop();
    QSqlDatabase::removeDatabase(connectionName());
}

QString MariaDbServer::connectionName() const
{
    return u"topolab-admin-%1-%2"_s.arg(m_options.name).arg(reinterpret_cast<quintptr>(this));
}

QString MariaDbServer::logTail(int lines) const
{
    QFile log(logPath());
    if (!log.open(QIODevice::ReadOnly))
        return {};
    if (log.size() > 16384)
        log.seek(log.size() - 16384);
    const QStringList all = QString::fromLocal8Bit(log.readAll()).split(u'\n', Qt::SkipEmptyParts);
    return all.mid(std::max<qsizetype>(0, all.size() - lines)).join(u'\n');
}

bool MariaDbServer::start(DataDirectoryCache &cache, QString *error)
{
    if (isRunning())
        return true;
    const QString data =
        m_options.dataDirectory.isEmpty() ? m_options.folder + u"/data"_s : m_options.dataDirectory;
    if (!QDir().mkpath(m_options.folder)) {
        *error = Tr::tr("the %1 database cannot create its folder %2")
                     .arg(m_options.name, m_options.folder);
        return false;
    }
    if (!QFileInfo::exists(data)) {
        if (!QDir().mkpath(QFileInfo(data).absolutePath()) || !cache.copyTo(data, error)) {
            *error = Tr::tr("the %1 database cannot be prepared: %2").arg(m_options.name, *error);
            return false;
        }
    }
    if (!portIsFree(m_options.port, m_options.host)) {
        *error = Tr::tr("the %1 database cannot start: port %2 on %3 is in use. Give the "
                        "database another port or stop the program that uses it.")
                     .arg(m_options.name)
                     .arg(m_options.port)
                     .arg(m_options.host ? m_options.host->name() : u"127.0.0.1"_s);
        return false;
    }
    QStringList arguments = {
        u"--no-defaults"_s,
        u"--datadir="_s + data,
        u"--port=%1"_s.arg(m_options.port),
        m_options.host ? u"--bind-address=0.0.0.0"_s : u"--bind-address=127.0.0.1"_s,
        u"--socket="_s + socketPath(),
        u"--pid-file="_s + m_options.folder + u"/mysqld.pid"_s,
        u"--log-error="_s + logPath(),
        u"--server-id=%1"_s.arg(m_options.serverId),
        u"--log-bin=binlog"_s,
        u"--binlog-format=ROW"_s,
        // The data lives on between runs: keep its binary logs from filling the disk.
        u"--max-binlog-size=16M"_s,
        u"--expire-logs-days=7"_s,
        u"--log-slave-updates=1"_s,
        u"--gtid-strict-mode=1"_s,
        u"--skip-name-resolve"_s,
        u"--innodb-log-file-size=8M"_s,
        u"--innodb-buffer-pool-size=32M"_s,
        u"--max-connections=200"_s,
        // SQL may read and write files only inside the server's own folder.
        u"--secure-file-priv="_s + m_options.folder,
    };
    if (geteuid() == 0)
        arguments.append(u"--user=root"_s);
    if (m_options.host)
        m_child.placeIn(*m_options.host);
    if (!m_child.start(m_installation.server, arguments, error))
        return false;
    return waitUntilReady(error);
}

bool MariaDbServer::waitUntilReady(QString *error)
{
    QElapsedTimer clock;
    clock.start();
    QString lastError;
    while (clock.elapsed() < kStartTimeoutMs) {
        if (!isRunning()) {
            *error = Tr::tr("the %1 database stopped while starting:\n%2")
                         .arg(m_options.name, logTail());
            return false;
        }
        if (QFileInfo::exists(socketPath()) && query(u"SELECT 1"_s, &lastError).size() == 1)
            return true;
        QThread::msleep(25);
    }
    *error =
        Tr::tr("the %1 database did not become ready within %2 s (%3):\n%4")
            .arg(m_options.name, QString::number(kStartTimeoutMs / 1000), lastError, logTail());
    stop();
    return false;
}

void MariaDbServer::stop()
{
    if (!isRunning())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName(), false);
        if (db.isValid())
            db.close();
    }
    m_child.stop(kStopTimeout);
}

void MariaDbServer::kill()
{
    m_child.kill();
}

bool MariaDbServer::pause()
{
    return m_child.pause();
}

bool MariaDbServer::resume()
{
    return m_child.resume();
}

QList<QVariantMap> MariaDbServer::query(const QString &statement, QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(connectionName(), false);
    if (!db.isValid()) {
        db = QSqlDatabase::addDatabase(u"QMYSQL"_s, connectionName());
        db.setUserName(u"root"_s);
        db.setConnectOptions(
            u"UNIX_SOCKET=%1;MYSQL_OPT_CONNECT_TIMEOUT=2;MYSQL_OPT_READ_TIMEOUT=10"_s.arg(
                socketPath()));
    }
    if (!db.isValid()) {
        *error = Tr::tr("the Qt MySQL driver is missing: install libqt6sql6-mysql");
        return {};
    }
    if (!db.isOpen() && !db.open()) {
        *error = db.lastError().text();
        return {};
    }
    QSqlQuery q(db);
    if (!q.exec(statement)) {
        *error = q.lastError().text();
        db.close();
        return {};
    }
    QList<QVariantMap> rows;
    while (q.next()) {
        QVariantMap row;
        const QSqlRecord record = q.record();
        for (int i = 0; i < record.count(); ++i)
            row.insert(record.fieldName(i), q.value(i));
        rows.append(row);
    }
    return rows;
}

bool MariaDbServer::execute(const QStringList &statements, QString *error)
{
    for (const QString &statement : statements) {
        QString failure;
        query(statement, &failure);
        if (!failure.isEmpty()) {
            *error =
                Tr::tr("%1 database: %2 (in: %3)").arg(m_options.name, failure, statement.left(80));
            return false;
        }
    }
    return true;
}

} // namespace topolab::runtime
