#include "labsockets.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLocalSocket>
#include <QUuid>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(LabSockets)
};

constexpr int kConnectTimeoutMs = 300;

} // namespace

QString LabSockets::folder(QString *error)
{
    const QString runtimeDir = qEnvironmentVariable("XDG_RUNTIME_DIR");
    const QString path = !runtimeDir.isEmpty() && QFileInfo(runtimeDir).isDir()
                             ? runtimeDir + u"/topolab"_s
                             : QDir::tempPath() + u"/topolab-%1"_s.arg(::getuid());
    if (::mkdir(QFile::encodeName(path).constData(), 0700) != 0 && errno != EEXIST) {
        *error = Tr::tr("cannot make the folder %1 for the lab's control socket: %2")
                     .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        return {};
    }
    // Another user's folder of that name, made to catch our sockets, must not be used.
    struct stat info {};
    if (::lstat(QFile::encodeName(path).constData(), &info) != 0 || !S_ISDIR(info.st_mode) ||
        info.st_uid != ::getuid() || (info.st_mode & 077) != 0) {
        *error = Tr::tr("%1 is not a folder only you can open; remove it, and Topolab makes it "
                        "again.")
                     .arg(path);
        return {};
    }
    return path;
}

QString LabSockets::pathFor(qint64 pid, QString *error)
{
    const QString where = folder(error);
    return where.isEmpty() ? QString() : where + u"/lab-%1.sock"_s.arg(pid);
}

QString LabSockets::newPath(QString *error)
{
    const QString where = folder(error);
    if (where.isEmpty())
        return {};
    return where + u"/lab-%1-%2.sock"_s.arg(QCoreApplication::applicationPid())
                       .arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
}

QStringList LabSockets::listening()
{
    QString error;
    const QString where = folder(&error);
    if (where.isEmpty())
        return {};
    QStringList live;
    const QDir dir(where);
    for (const QString &name : dir.entryList({u"lab-*.sock"_s}, QDir::System, QDir::Name)) {
        const QString path = dir.filePath(name);
        QLocalSocket probe;
        probe.connectToServer(path);
        if (probe.waitForConnected(kConnectTimeoutMs)) {
            live.append(path);
            probe.disconnectFromServer();
        } else if (probe.error() == QLocalSocket::ConnectionRefusedError) {
            QFile::remove(path);
        }
    }
    return live;
}

} // namespace topolab::runtime
