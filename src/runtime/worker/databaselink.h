#pragma once

#include <QSqlDatabase>
#include <QString>

namespace topolab::runtime {

// Where a MySQL/MariaDB server is and how to log in. The password comes from the environment,
// never from a file.
struct DatabaseAddress {
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 3306;
    QString database;
    QString user;
    QString password;

    bool isSet() const { return port != 0 && !database.isEmpty(); }
};

// One named QMYSQL connection that reopens itself: after a failure it is closed, and the next
// use connects again. Timeouts are short so a stopped or frozen server costs a request a few
// seconds at most, never the whole worker.
class DatabaseLink final {
public:
    DatabaseLink(QString connectionName, DatabaseAddress address);
    ~DatabaseLink();
    DatabaseLink(const DatabaseLink &) = delete;
    DatabaseLink &operator=(const DatabaseLink &) = delete;

    // An open connection, or an invalid one with the reason in `error`.
    QSqlDatabase open(QString *error);
    // Call after a failed query: the next open() reconnects.
    void reset();
    const DatabaseAddress &address() const { return m_address; }

private:
    QString m_name;
    DatabaseAddress m_address;
};

} // namespace topolab::runtime
