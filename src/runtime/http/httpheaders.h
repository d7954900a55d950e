#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <iterator>

namespace topolab::runtime {

// The header fields of one HTTP message, in order. Names compare case-insensitively, as
// RFC 9110 requires; values are kept byte for byte.
//
// Every name and value lives in one shared byte store and a field is four offsets into it: a
// parsed message costs two allocations however many fields it has, where a pair of byte arrays
// per field cost two each (a third of all the balancer's allocations). Removing a field only
// drops its offsets.
class HttpHeaders final {
public:
    struct Field {
        QByteArrayView name;
        QByteArrayView value;
    };

    class const_iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = Field;
        using difference_type = qsizetype;
        using pointer = void;
        using reference = Field;
        const_iterator(const HttpHeaders *headers, qsizetype index)
            : m_headers(headers)
            , m_index(index)
        {
        }
        Field operator*() const { return m_headers->at(m_index); }
        const_iterator &operator++()
        {
            ++m_index;
            return *this;
        }
        const_iterator operator++(int)
        {
            const_iterator before = *this;
            ++m_index;
            return before;
        }
        bool operator==(const const_iterator &other) const { return m_index == other.m_index; }

    private:
        const HttpHeaders *m_headers;
        qsizetype m_index;
    };

    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, m_slots.size()}; }
    qsizetype size() const { return m_slots.size(); }
    bool isEmpty() const { return m_slots.isEmpty(); }
    // The views stay valid until the fields change.
    Field at(qsizetype index) const
    {
        const Slot &slot = m_slots.at(index);
        return {QByteArrayView(m_store.constData() + slot.name, slot.nameSize),
                QByteArrayView(m_store.constData() + slot.value, slot.valueSize)};
    }

    bool contains(QByteArrayView name) const;
    // The first value of `name`, or an empty view; valid until the fields change.
    QByteArrayView find(QByteArrayView name) const;
    // The first value of `name` as a copy, or an empty array.
    QByteArray value(QByteArrayView name) const { return find(name).toByteArray(); }
    void add(QByteArrayView name, QByteArrayView value);
    void reserve(qsizetype fields, qsizetype bytes);
    // Replaces every field called `name` by one with `value`.
    void set(QByteArrayView name, QByteArrayView value);
    void remove(QByteArrayView name);
    // Removes every field whose name `drop` accepts.
    template <typename Predicate>
    void removeIf(Predicate drop)
    {
        m_slots.removeIf([&](const Slot &slot) {
            return drop(QByteArrayView(m_store.constData() + slot.name, slot.nameSize));
        });
    }

    // Calls `use` with each item of a comma-separated value (RFC 9110 §5.6.1), without the white
    // space around it; empty items are skipped.
    template <typename Use>
    static void forEachListItem(QByteArrayView value, Use use)
    {
        for (qsizetype begin = 0; begin <= value.size();) {
            qsizetype end = value.indexOf(',', begin);
            if (end < 0)
                end = value.size();
            const QByteArrayView item = value.sliced(begin, end - begin).trimmed();
            if (!item.isEmpty())
                use(item);
            begin = end + 1;
        }
    }

    // For a parser that gets a field in pieces: a field with an empty name and value is started,
    // and the pieces are appended to its name, then to its value.
    void startField();
    void appendToName(QByteArrayView piece);
    void appendToValue(QByteArrayView piece);
    // Drops optional white space around the last field's value (RFC 9110 §5.5).
    void trimLastValue();

    friend bool operator==(const HttpHeaders &a, const HttpHeaders &b);

private:
    struct Slot {
        int name = 0;
        int nameSize = 0;
        int value = 0;
        int valueSize = 0;
    };

    int append(QByteArrayView bytes);
    Slot appendField(QByteArrayView name, QByteArrayView value);

    QByteArray m_store;
    QList<Slot> m_slots;
};

} // namespace topolab::runtime
