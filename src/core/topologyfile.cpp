#include "topologyfile.h"

#include "jsonsyntax.h"
#include "topologyjson.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace topolab::core::TopologyFile {

namespace {

// lupdate reads the context from this declaration, so the strings below land in "TopologyFile".
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(TopologyFile)
};

QString lineColumn(const QByteArray &data, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, data.size());
    const QByteArrayView before(data.constData(), offset);
    const qsizetype line = before.count('\n') + 1;
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    // Columns count characters, not UTF-8 bytes, so they match what an editor shows.
    const qsizetype column = QString::fromUtf8(before.sliced(lineStart)).size() + 1;
    return Tr::tr("line %1, column %2").arg(line).arg(column);
}

QString describeParseError(QJsonParseError::ParseError error)
{
    switch (error) {
    case QJsonParseError::UnterminatedObject:
        return Tr::tr("an object is not closed with '}'");
    case QJsonParseError::MissingNameSeparator:
        return Tr::tr("a ':' is missing after a key");
    case QJsonParseError::UnterminatedArray:
        return Tr::tr("an array is not closed with ']'");
    case QJsonParseError::MissingValueSeparator:
        return Tr::tr("a ',' is missing between values");
    case QJsonParseError::IllegalValue:
        return Tr::tr("this is not a valid JSON value");
    case QJsonParseError::TerminationByNumber:
        return Tr::tr("the file ends in the middle of a number");
    case QJsonParseError::IllegalNumber:
        return Tr::tr("this number is not valid or too large");
    case QJsonParseError::IllegalEscapeSequence:
        return Tr::tr("a string contains an invalid escape sequence");
    case QJsonParseError::IllegalUTF8String:
        return Tr::tr("a string contains invalid UTF-8");
    case QJsonParseError::UnterminatedString:
        return Tr::tr("a string is not closed with '\"'");
    case QJsonParseError::MissingObject:
        return Tr::tr("expected an object here");
    case QJsonParseError::DeepNesting:
        return Tr::tr("the JSON is nested too deeply");
    case QJsonParseError::DocumentTooLarge:
        return Tr::tr("the JSON document is too large");
    case QJsonParseError::GarbageAtEnd:
        return Tr::tr("there is unexpected text after the end of the design");
    case QJsonParseError::NoError:
        break;
    }
    return Tr::tr("the JSON is not valid");
}

std::optional<FileError> checkText(const QByteArray &data, const QString &sourceName)
{
    if (data.trimmed().isEmpty())
        return FileError{sourceName,
                         {},
                         Tr::tr("the file is empty; a design is a JSON object "
                                "starting with {\"format\": \"%1\"")
                             .arg(TopologyJson::kFormat)};
    if (const qsizetype nul = data.indexOf('\0'); nul >= 0)
        return FileError{
            sourceName, Tr::tr("byte %1").arg(nul),
            Tr::tr("this is a binary file, not a Topolab design (.topo.json is text)")};
    if (const std::optional<qsizetype> bad = JsonSyntax::invalidUtf8(data))
        return FileError{sourceName, lineColumn(data, *bad),
                         Tr::tr("the file is not UTF-8 text; save it as UTF-8 and try again")};
    return std::nullopt;
}

} // namespace

LoadResult parse(const QByteArray &data, const QString &sourceName)
{
    if (data.size() > kMaxFileSize)
        return FileError{sourceName,
                         {},
                         Tr::tr("the file is %1 MiB, larger than the %2 MiB a design may be")
                             .arg(data.size() / (1024 * 1024))
                             .arg(kMaxFileSize / (1024 * 1024))};
    if (std::optional<FileError> error = checkText(data, sourceName))
        return *error;

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        QString reason = describeParseError(parseError.error);
        if (data.mid(parseError.offset).trimmed().isEmpty())
            reason += Tr::tr(" (the file ends too early: it may be truncated)");
        return FileError{sourceName, lineColumn(data, parseError.offset), reason};
    }
    if (const std::optional<JsonSyntax::DuplicateKey> duplicate = JsonSyntax::duplicateKey(data))
        return FileError{sourceName, lineColumn(data, duplicate->offset),
                         Tr::tr("the key \"%1\" appears twice in the same object; remove one")
                             .arg(QString::fromUtf8(duplicate->key.left(60)))};
    if (!document.isObject())
        return FileError{
            sourceName,
            {},
            Tr::tr("a Topolab design is a JSON object {…}, but this file holds an array")};

    Topology topology;
    if (std::optional<FileError> error = TopologyJson::fromJson(document.object(), &topology)) {
        error->file = sourceName;
        return *error;
    }
    return topology;
}

LoadResult load(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return FileError{path, {}, Tr::tr("no such file; check the path")};
    if (info.isDir())
        return FileError{path, {}, Tr::tr("this is a folder; give the path of a .topo.json file")};
    if (info.size() > kMaxFileSize)
        return FileError{path,
                         {},
                         Tr::tr("the file is %1 MiB, larger than the %2 MiB a design may be")
                             .arg(info.size() / (1024 * 1024))
                             .arg(kMaxFileSize / (1024 * 1024))};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return FileError{path, {}, Tr::tr("cannot open it: %1").arg(file.errorString())};
    // Read one byte past the limit so a file that grew since the size check is still caught.
    return parse(file.read(kMaxFileSize + 1), path);
}

QByteArray serialize(const Topology &topology)
{
    return QJsonDocument(TopologyJson::toJson(topology)).toJson(QJsonDocument::Indented);
}

std::optional<FileError> save(const Topology &topology, const QString &path)
{
    QSaveFile file(path);
    const auto failure = [&](const QString &step) {
        return FileError{
            path,
            {},
            Tr::tr("cannot %1 (%2); the previous file, if any, is unchanged. Choose another "
                   "folder or free some space and save again.")
                .arg(step, file.errorString())};
    };
    if (!file.open(QIODevice::WriteOnly))
        return failure(Tr::tr("create the file"));
    const QByteArray data = serialize(topology);
    // QSaveFile (Qt 6.4) renames the file even when the final flush inside commit() fails, which
    // would replace a good design with a truncated one; flushing first catches a full disk.
    if (file.write(data) != data.size() || !file.flush()) {
        const FileError error = failure(Tr::tr("write the file"));
        file.cancelWriting();
        return error;
    }
    if (!file.commit())
        return failure(Tr::tr("finish writing the file"));
    return std::nullopt;
}

} // namespace topolab::core::TopologyFile
