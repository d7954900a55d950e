#include "mariadbinstallation.h"

#include <QCoreApplication>
#include <QProcess>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

namespace {

QString findProgram(const QStringList &names)
{
    const QStringList fallback = {u"/usr/sbin"_s, u"/usr/bin"_s, u"/usr/local/sbin"_s,
                                  u"/usr/local/bin"_s};
    for (const QString &name : names) {
        QString path = QStandardPaths::findExecutable(name);
        if (path.isEmpty())
            path = QStandardPaths::findExecutable(name, fallback);
        if (!path.isEmpty())
            return path;
    }
    return {};
}

} // namespace

std::optional<MariaDbInstallation> MariaDbInstallation::find(QString *error)
{
    MariaDbInstallation found;
    found.server = findProgram({u"mariadbd"_s, u"mysqld"_s});
    found.installDb = findProgram({u"mariadb-install-db"_s, u"mysql_install_db"_s});
    if (found.server.isEmpty() || found.installDb.isEmpty()) {
        *error = QCoreApplication::translate(
            "MariaDbInstallation",
            "No MariaDB server found (looked for mariadbd and mariadb-install-db on PATH and in "
            "/usr/sbin). Install it with: sudo apt-get install mariadb-server-core — Topolab "
            "starts its own servers and does not need the system service.");
        return std::nullopt;
    }
    QProcess probe;
    probe.start(found.server, {u"--version"_s});
    if (!probe.waitForFinished(10000) || probe.exitCode() != 0) {
        *error =
            QCoreApplication::translate("MariaDbInstallation",
                                        "%1 --version failed: %2. Reinstall the MariaDB "
                                        "server (mariadb-server-core).")
                .arg(found.server, QString::fromLocal8Bit(probe.readAllStandardError()).trimmed());
        return std::nullopt;
    }
    const QString text = QString::fromLocal8Bit(probe.readAllStandardOutput());
    const qsizetype at = text.indexOf(u"Ver "_s);
    found.version = at < 0 ? u"unknown"_s : text.mid(at + 4).section(u' ', 0, 0);
    return found;
}

} // namespace topolab::runtime
