#include "datadirectorycache.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QLockFile>
#include <QProcess>
#include <QStandardPaths>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(DataDirectoryCache)
};

bool copyTree(const QString &from, const QString &to, QString *error)
{
    if (!QDir().mkpath(to)) {
        *error = Tr::tr("cannot create %1").arg(to);
        return false;
    }
    QDirIterator it(from, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString target = to + source.mid(from.size());
        const bool ok = it.fileInfo().isDir() ? QDir().mkpath(target) : QFile::copy(source, target);
        if (!ok) {
            *error = Tr::tr("cannot copy %1 to %2 (is the disk full?)").arg(source, target);
            return false;
        }
    }
    return true;
}

} // namespace

DataDirectoryCache::DataDirectoryCache(MariaDbInstallation installation, QString cacheRoot)
    : m_installation(std::move(installation))
    , m_root(cacheRoot.isEmpty()
                 ? QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) +
                       u"/topolab"_s
                 : std::move(cacheRoot))
{
}

QString DataDirectoryCache::templatePath() const
{
    QString version = m_installation.version;
    version.replace(u'/', u'_');
    return m_root + u"/mariadb-"_s + version;
}

bool DataDirectoryCache::ensureTemplate(QString *error)
{
    const QString path = templatePath();
    // A marker written last: a folder without it is the remains of an interrupted initialisation.
    const QString ready = path + u".ready"_s;
    if (QFile::exists(ready))
        return true;
    if (!QDir().mkpath(m_root)) {
        *error = Tr::tr("cannot create the cache folder %1").arg(m_root);
        return false;
    }
    QLockFile lock(path + u".lock"_s);
    lock.setStaleLockTime(60000);
    if (!lock.tryLock(120000)) {
        *error = Tr::tr("another Topolab is preparing %1; try again in a minute").arg(path);
        return false;
    }
    if (QFile::exists(ready))
        return true;
    QDir(path).removeRecursively();
    QProcess install;
    install.setProcessChannelMode(QProcess::MergedChannels);
    QStringList arguments = {u"--no-defaults"_s,
                             u"--datadir="_s + path,
                             u"--auth-root-authentication-method=normal"_s,
                             u"--skip-test-db"_s,
                             u"--innodb-log-file-size=8M"_s,
                             u"--innodb-buffer-pool-size=32M"_s};
    // mariadbd refuses to run as root unless told to; as a normal user it runs as that user.
    if (geteuid() == 0)
        arguments.append(u"--user=root"_s);
    install.start(m_installation.installDb, arguments);
    if (!install.waitForFinished(120000) || install.exitStatus() != QProcess::NormalExit ||
        install.exitCode() != 0) {
        const QString output = QString::fromLocal8Bit(install.readAll()).trimmed().right(600);
        *error = Tr::tr("%1 failed to initialise a data folder: %2")
                     .arg(m_installation.installDb, output);
        QDir(path).removeRecursively();
        return false;
    }
    QFile marker(ready);
    if (!marker.open(QIODevice::WriteOnly)) {
        *error = Tr::tr("cannot write %1").arg(ready);
        return false;
    }
    return true;
}

bool DataDirectoryCache::copyTo(const QString &destination, QString *error)
{
    if (!ensureTemplate(error))
        return false;
    if (QFileInfo::exists(destination)) {
        *error = Tr::tr("%1 already exists").arg(destination);
        return false;
    }
    return copyTree(templatePath(), destination, error);
}

} // namespace topolab::runtime
