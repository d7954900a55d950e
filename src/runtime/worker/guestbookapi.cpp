#include "guestbookapi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

namespace {

HttpResponse jsonError(int status, const QString &message)
{
    return HttpResponse::json(
        status, QJsonDocument(QJsonObject{{u"error"_s, message}}).toJson(QJsonDocument::Compact));
}

} // namespace

GuestbookApi::GuestbookApi(QString serverName, const DatabaseAddress &primary,
                           const DatabaseAddress &replica, WorkerStats &stats,
                           const QString &connectionPrefix)
    : m_serverName(std::move(serverName))
    , m_stats(stats)
{
    if (primary.isSet())
        m_primary = std::make_unique<DatabaseLink>(connectionPrefix + u"primary"_s, primary);
    if (replica.isSet())
        m_replica = std::make_unique<DatabaseLink>(connectionPrefix + u"replica"_s, replica);
}

QStringList GuestbookApi::schemaStatements(const QString &database)
{
    return {u"CREATE TABLE IF NOT EXISTS `%1`.posts ("
            "id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, "
            "author VARCHAR(64) NOT NULL, "
            "message VARCHAR(500) NOT NULL, "
            "server VARCHAR(64) NOT NULL, "
            "created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)"
            ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"_s.arg(database)};
}

HttpResponse GuestbookApi::handle(const HttpRequest &request)
{
    if (request.method == "GET" || request.method == "HEAD")
        return listPosts(request);
    if (request.method == "POST")
        return addPost(request);
    HttpResponse response = jsonError(405, u"use GET to read posts or POST to add one"_s);
    response.headers.set("Allow", "GET, HEAD, POST");
    return response;
}

HttpResponse GuestbookApi::unavailable(DatabaseLink &link, const QString &reason)
{
    link.reset();
    ++m_stats.dbErrors;
    return jsonError(503, u"database unavailable: %1"_s.arg(reason));
}

HttpResponse GuestbookApi::listPosts(const HttpRequest &request)
{
    // Reads go to the replica; with no replica in the design, the primary serves them.
    DatabaseLink *link = m_replica ? m_replica.get() : m_primary.get();
    if (!link)
        return jsonError(503, u"this server has no database configured"_s);
    bool ok = true;
    const QString limitText =
        QUrlQuery(QString::fromUtf8(request.query())).queryItemValue(u"limit"_s);
    const int limit = limitText.isEmpty() ? 20 : limitText.toInt(&ok);
    if (!ok || limit < 1 || limit > 100)
        return jsonError(400, u"limit must be a whole number from 1 to 100"_s);

    QString error;
    QSqlDatabase db = link->open(&error);
    if (!db.isValid() || !db.isOpen())
        return unavailable(*link, error);
    QSqlQuery query(db);
    query.prepare(u"SELECT id, author, message, server, created_at FROM posts "
                  "ORDER BY id DESC LIMIT ?"_s);
    query.addBindValue(limit);
    if (!query.exec())
        return unavailable(*link, query.lastError().text());
    QJsonArray posts;
    while (query.next()) {
        posts.append(
            QJsonObject{{u"id"_s, query.value(0).toLongLong()},
                        {u"author"_s, query.value(1).toString()},
                        {u"message"_s, query.value(2).toString()},
                        {u"server"_s, query.value(3).toString()},
                        {u"createdAt"_s, query.value(4).toDateTime().toString(Qt::ISODateWithMs)}});
    }
    ++m_stats.dbReads;
    return HttpResponse::json(
        200, QJsonDocument(QJsonObject{{u"server"_s, m_serverName}, {u"posts"_s, posts}})
                 .toJson(QJsonDocument::Compact));
}

HttpResponse GuestbookApi::addPost(const HttpRequest &request)
{
    if (!m_primary)
        return jsonError(503, u"this server has no primary database configured"_s);
    if (!request.headers.value("Content-Type").startsWith("application/json"))
        return jsonError(415, u"send the post as JSON (Content-Type: application/json)"_s);
    if (request.body.size() > kMaxBody)
        return jsonError(413, u"a post may be at most %1 bytes of JSON"_s.arg(kMaxBody));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return jsonError(400, u"the body must be a JSON object like "
                              "{\"author\": \"Ada\", \"message\": \"Hello\"}"_s);
    const QJsonValue author = document.object().value(u"author"_s);
    const QJsonValue message = document.object().value(u"message"_s);
    if (!author.isString() || author.toString().trimmed().isEmpty() ||
        author.toString().size() > kMaxAuthor)
        return jsonError(400, u"\"author\" must be a text of 1 to %1 characters"_s.arg(kMaxAuthor));
    if (!message.isString() || message.toString().trimmed().isEmpty() ||
        message.toString().size() > kMaxMessage)
        return jsonError(400,
                         u"\"message\" must be a text of 1 to %1 characters"_s.arg(kMaxMessage));

    QString error;
    QSqlDatabase db = m_primary->open(&error);
    if (!db.isValid() || !db.isOpen())
        return unavailable(*m_primary, error);
    QSqlQuery query(db);
    query.prepare(u"INSERT INTO posts (author, message, server) VALUES (?, ?, ?)"_s);
    query.addBindValue(author.toString().trimmed());
    query.addBindValue(message.toString().trimmed());
    query.addBindValue(m_serverName);
    if (!query.exec())
        return unavailable(*m_primary, query.lastError().text());
    ++m_stats.dbWrites;
    return HttpResponse::json(
        201, QJsonDocument(QJsonObject{{u"id"_s, query.lastInsertId().toLongLong()},
                                       {u"server"_s, m_serverName}})
                 .toJson(QJsonDocument::Compact));
}

} // namespace topolab::runtime
