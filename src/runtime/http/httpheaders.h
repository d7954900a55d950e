#pragma once

#include <QByteArray>
#include <QList>
#include <utility>

namespace topolab::runtime {

// The header fields of one HTTP message, in order. Names compare case-insensitively, as
// RFC 9110 requires; values are kept byte for byte.
class HttpHeaders final {
public:
    using Field = std::pair<QByteArray, QByteArray>;

    const QList<Field> &fields() const { return m_fields; }
    bool contains(QByteArrayView name) const;
    // The first value of `name`, or an empty array.
    QByteArray value(QByteArrayView name) const;
    void add(QByteArray name, QByteArray value);
    void reserve(qsizetype fields) { m_fields.reserve(fields); }
    // Replaces every field called `name` by one with `value`.
    void set(const QByteArray &name, QByteArray value);
    void remove(QByteArrayView name);
    // Removes every field whose name `drop` accepts.
    template <typename Predicate>
    void removeIf(Predicate drop)
    {
        m_fields.removeIf([&](const Field &field) { return drop(field.first); });
    }

    friend bool operator==(const HttpHeaders &, const HttpHeaders &) = default;

private:
    QList<Field> m_fields;
};

} // namespace topolab::runtime
