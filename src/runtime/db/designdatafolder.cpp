#include "designdatafolder.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace topolab::runtime::DesignDataFolder {

QString forDesign(const QString &designName, const QString &filePath)
{
    QString slug;
    for (const QChar c : designName.toLower()) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            slug += c;
        else if (!slug.endsWith(u'-'))
            slug += u'-';
    }
    slug = slug.left(40);
    while (slug.endsWith(u'-'))
        slug.chop(1);
    if (slug.isEmpty())
        slug = u"design"_s;
    // The file tells two designs of the same name apart; an unsaved design goes by its name.
    const QString identity =
        filePath.isEmpty() ? u"unsaved:"_s + designName : QFileInfo(filePath).absoluteFilePath();
    const QByteArray digest =
        QCryptographicHash::hash(identity.toUtf8(), QCryptographicHash::Sha1).toHex().left(10);
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + u"/designs/"_s +
           slug + u'-' + QString::fromLatin1(digest);
}

bool reset(const QString &folder, QString *error)
{
    QDir dir(folder);
    if (!dir.exists() || dir.removeRecursively())
        return true;
    if (error)
        *error = QCoreApplication::translate("DesignDataFolder",
                                             "cannot remove the data folder %1: check that no "
                                             "cluster of this design is running and that you "
                                             "may write there.")
                     .arg(folder);
    return false;
}

} // namespace topolab::runtime::DesignDataFolder
