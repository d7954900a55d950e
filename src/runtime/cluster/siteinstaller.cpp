#include "siteinstaller.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace topolab::runtime::SiteInstaller {

QStringList shippedSites()
{
    return QDir(u":/site"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
}

QString prepare(const QString &root, const QString &runFolder, QString *error)
{
    if (QFileInfo(root).isAbsolute()) {
        if (QFileInfo(root).isDir())
            return root;
        *error =
            QCoreApplication::translate("SiteInstaller", "the codebase folder %1 does not exist")
                .arg(root);
        return {};
    }
    const QString source = u":/site/"_s + root;
    if (!QFileInfo(source).isDir()) {
        *error = QCoreApplication::translate("SiteInstaller",
                                             "the codebase \"%1\" is neither a folder on this "
                                             "machine nor a site Topolab ships (%2); give its "
                                             "root as an absolute path")
                     .arg(root, shippedSites().join(u", "_s));
        return {};
    }
    const QString target = runFolder + u"/site/"_s + root;
    if (QFileInfo(target).isDir())
        return target;
    QDirIterator it(source, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString copy = target + file.mid(source.size());
        if (!QDir().mkpath(QFileInfo(copy).path()) || !QFile::copy(file, copy)) {
            *error = QCoreApplication::translate("SiteInstaller", "cannot write %1").arg(copy);
            return {};
        }
        // Files from resources are read-only; the copy belongs to the user.
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                        QFile::ReadOther);
    }
    return target;
}

} // namespace topolab::runtime::SiteInstaller
