#include "jsonsyntax.h"

#include <QList>
#include <QSet>

namespace topolab::core::JsonSyntax {

std::optional<qsizetype> invalidUtf8(QByteArrayView data)
{
    const auto byte = [&](qsizetype i) { return static_cast<unsigned char>(data[i]); };
    qsizetype i = 0;
    while (i < data.size()) {
        const unsigned char lead = byte(i);
        int length = 0;
        char32_t minimum = 0;
        if (lead < 0x80) {
            ++i;
            continue;
        } else if ((lead & 0xE0) == 0xC0) {
            length = 2;
            minimum = 0x80;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3;
            minimum = 0x800;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4;
            minimum = 0x10000;
        } else {
            return i;
        }
        if (i + length > data.size())
            return i;
        char32_t code = lead & (0xFF >> (length + 1));
        for (int k = 1; k < length; ++k) {
            if ((byte(i + k) & 0xC0) != 0x80)
                return i;
            code = (code << 6) | (byte(i + k) & 0x3F);
        }
        // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
        if (code < minimum || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF)
            return i;
        i += length;
    }
    return std::nullopt;
}

std::optional<DuplicateKey> duplicateKey(QByteArrayView json)
{
    struct Scope {
        bool isObject;
        bool expectKey;
        QSet<QByteArray> keys;
    };
    QList<Scope> scopes;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        switch (c) {
        case '{':
            scopes.append({true, true, {}});
            break;
        case '[':
            scopes.append({false, false, {}});
            break;
        case '}':
        case ']':
            if (!scopes.isEmpty())
                scopes.removeLast();
            break;
        case ',':
            if (!scopes.isEmpty() && scopes.last().isObject)
                scopes.last().expectKey = true;
            break;
        case '"': {
            const qsizetype start = i;
            for (++i; i < json.size() && json[i] != '"'; ++i) {
                if (json[i] == '\\')
                    ++i;
            }
            if (scopes.isEmpty() || !scopes.last().isObject || !scopes.last().expectKey)
                break;
            // Keys compare in their written form; escapes spelling the same key differently are
            // rare enough to leave to QJsonDocument.
            const QByteArray key = json.sliced(start + 1, i - start - 1).toByteArray();
            scopes.last().expectKey = false;
            if (scopes.last().keys.contains(key))
                return DuplicateKey{start, key};
            scopes.last().keys.insert(key);
            break;
        }
        default:
            break;
        }
    }
    return std::nullopt;
}

} // namespace topolab::core::JsonSyntax
