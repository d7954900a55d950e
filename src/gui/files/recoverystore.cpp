#include "recoverystore.h"

#include "core/topologyjson.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace topolab::gui {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(RecoveryStore)
};

const QString kSuffix = u".recovery.json"_s;

QString lockPathFor(const QString &recoveryPath)
{
    return recoveryPath.chopped(kSuffix.size()) + u".lock"_s;
}

} // namespace

RecoveryStore::RecoveryStore(QString directory)
    : m_directory(directory.isEmpty()
                      ? QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
                            u"/recovery"_s
                      : std::move(directory))
{
    const QString name = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_path = m_directory + u'/' + name + kSuffix;
}

RecoveryStore::~RecoveryStore() = default;

std::optional<QString> RecoveryStore::write(const core::Topology &topology,
                                            const QString &sourcePath)
{
    if (!QDir().mkpath(m_directory))
        return Tr::tr("cannot create the folder %1").arg(m_directory);
    if (!m_lock) {
        m_lock = std::make_unique<QLockFile>(lockPathFor(m_path));
        m_lock->setStaleLockTime(0);
        if (!m_lock->tryLock(0)) {
            m_lock.reset();
            return Tr::tr("cannot lock %1").arg(lockPathFor(m_path));
        }
    }
    QJsonObject json{{u"source"_s, sourcePath},
                     {u"savedAt"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                     {u"design"_s, core::TopologyJson::toJson(topology)}};
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return file.errorString();
    file.write(QJsonDocument(json).toJson(QJsonDocument::Compact));
    if (!file.flush() || !file.commit())
        return file.errorString();
    return std::nullopt;
}

void RecoveryStore::discard()
{
    QFile::remove(m_path);
    if (m_lock) {
        m_lock->unlock();
        m_lock.reset();
    }
}

QList<RecoveryStore::Recovered> RecoveryStore::orphans(QStringList *problems) const
{
    QList<Recovered> found;
    const QDir dir(m_directory);
    for (const QString &name : dir.entryList({u"*"_s + kSuffix}, QDir::Files)) {
        const QString path = dir.filePath(name);
        if (path == m_path)
            continue;
        // A lock held by a live process means another window is still working on that design.
        QLockFile lock(lockPathFor(path));
        lock.setStaleLockTime(0);
        if (!lock.tryLock(0))
            continue;
        lock.unlock();
        QFile file(path);
        QJsonParseError error;
        const QJsonObject json = file.open(QIODevice::ReadOnly)
                                     ? QJsonDocument::fromJson(file.readAll(), &error).object()
                                     : QJsonObject();
        Recovered recovered;
        recovered.sourcePath = json.value(u"source"_s).toString();
        recovered.savedAt = QDateTime::fromString(json.value(u"savedAt"_s).toString(), Qt::ISODate);
        recovered.recoveryPath = path;
        const auto invalid =
            core::TopologyJson::fromJson(json.value(u"design"_s).toObject(), &recovered.topology);
        if (json.isEmpty() || invalid) {
            QFile::rename(path, path + u".broken"_s);
            if (problems)
                problems->append(Tr::tr("An autosaved design could not be read and was kept as "
                                        "%1.broken: %2")
                                     .arg(path, invalid ? invalid->reason : error.errorString()));
            continue;
        }
        found.append(std::move(recovered));
    }
    std::sort(found.begin(), found.end(),
              [](const Recovered &a, const Recovered &b) { return a.savedAt > b.savedAt; });
    return found;
}

void RecoveryStore::remove(const Recovered &recovered)
{
    QFile::remove(recovered.recoveryPath);
    QFile::remove(lockPathFor(recovered.recoveryPath));
}

} // namespace topolab::gui
