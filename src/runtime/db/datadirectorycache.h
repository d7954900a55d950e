#pragma once

#include "mariadbinstallation.h"

namespace topolab::runtime {

// An initialised, never-started MariaDB data folder kept in the user's cache (one per server
// version), so that a cluster's servers start from a copy in well under a second instead of
// running mariadb-install-db each time.
class DataDirectoryCache final {
public:
    // `cacheRoot` empty means the user's cache folder (~/.cache/topolab).
    explicit DataDirectoryCache(MariaDbInstallation installation, QString cacheRoot = {});

    // Copies an initialised data folder to `destination` (which must not exist), creating the
    // cached one first if needed. False with the reason on failure.
    bool copyTo(const QString &destination, QString *error);
    QString templatePath() const;

private:
    bool ensureTemplate(QString *error);

    MariaDbInstallation m_installation;
    QString m_root;
};

} // namespace topolab::runtime
