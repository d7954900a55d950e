#include "labsockets.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
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

enum class Answer { Listening, Refused, Silent };

Answer ask(const QString &path)
{
    QLocalSocket probe;
    probe.connectToServer(path);
    if (probe.waitForConnected(kConnectTimeoutMs)) {
        probe.disconnectFromServer();
        return Answer::Listening;
    }
    return probe.error() == QLocalSocket::ConnectionRefusedError ? Answer::Refused : Answer::Silent;
}

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
        const Answer answer = ask(path);
        if (answer == Answer::Listening)
            live.append(path);
        else if (answer == Answer::Refused)
            QFile::remove(path);
    }
    return live;
}

bool LabSockets::makeRoomAt(const QString &path, QString *error)
{
    struct stat info {};
    if (::lstat(QFile::encodeName(path).constData(), &info) != 0) {
        const QString folder = QFileInfo(path).absolutePath();
        if (QFileInfo(folder).isDir())
            return true;
        *error = Tr::tr("there is no folder %1 to make the socket %2 in.")
                     .arg(folder, QFileInfo(path).fileName());
        return false;
    }
    if (!S_ISSOCK(info.st_mode)) {
        *error = Tr::tr("%1 is there and is not a socket; nothing was removed: give the lab "
                        "another path to listen at.")
                     .arg(path);
        return false;
    }
    switch (ask(path)) {
    case Answer::Listening:
        *error =
            Tr::tr("another lab listens at %1: stop it, or give this one another path.").arg(path);
        return false;
    case Answer::Refused:
        // Left by a lab killed outright.
        QFile::remove(path);
        return true;
    case Answer::Silent:
        break;
    }
    *error = Tr::tr("the socket %1 neither answers nor refuses (a lab too busy to accept?): "
                    "give this one another path.")
                 .arg(path);
    return false;
}

} // namespace topolab::runtime
