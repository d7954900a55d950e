#pragma once

#include <QByteArray>
#include <optional>

namespace topolab::core {

// Checks on raw JSON text that QJsonDocument does not make, so that the loader can say exactly
// where a file goes wrong.
namespace JsonSyntax {

// The byte offset of the first byte that is not part of valid UTF-8, if any.
std::optional<qsizetype> invalidUtf8(QByteArrayView data);

struct DuplicateKey {
    qsizetype offset;
    QByteArray key;
};

// The first key that repeats within one object (QJsonDocument silently keeps the last), in
// otherwise valid JSON.
std::optional<DuplicateKey> duplicateKey(QByteArrayView json);

} // namespace JsonSyntax

} // namespace topolab::core
