#pragma once

#include <QString>
#include <optional>

namespace topolab::runtime {

// The MariaDB (or MySQL) server binaries on this machine that Topolab starts itself: the server
// and the script that initialises a data folder. Never the system service.
struct MariaDbInstallation {
    QString server;    // mariadbd or mysqld
    QString installDb; // mariadb-install-db or mysql_install_db
    QString version;   // "10.11.19-MariaDB-0+deb12u1"

    // Looks on PATH, then in /usr/sbin and /usr/bin. On failure `error` says what to install.
    static std::optional<MariaDbInstallation> find(QString *error);
};

} // namespace topolab::runtime
