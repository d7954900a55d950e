#include "databaselink.h"

#include <QSqlError>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

DatabaseLink::DatabaseLink(QString connectionName, DatabaseAddress address)
    : m_name(std::move(connectionName))
    , m_address(std::move(address))
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QMYSQL"_s, m_name);
    db.setHostName(m_address.host);
    db.setPort(m_address.port);
    db.setDatabaseName(m_address.database);
    db.setUserName(m_address.user);
    db.setPassword(m_address.password);
    db.setConnectOptions(
        u"MYSQL_OPT_CONNECT_TIMEOUT=2;MYSQL_OPT_READ_TIMEOUT=5;MYSQL_OPT_WRITE_TIMEOUT=5"_s);
}

DatabaseLink::~DatabaseLink()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

QSqlDatabase DatabaseLink::open(QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_name, false);
    if (!db.isValid()) {
        *error = u"the Qt MySQL driver (QMYSQL) is not installed; install libqt6sql6-mysql"_s;
        return {};
    }
    if (db.isOpen() || db.open())
        return db;
    *error = u"cannot connect to %1:%2: %3"_s.arg(m_address.host)
                 .arg(m_address.port)
                 .arg(db.lastError().text());
    db.close();
    return {};
}

void DatabaseLink::reset()
{
    QSqlDatabase db = QSqlDatabase::database(m_name, false);
    db.close();
}

} // namespace topolab::runtime
