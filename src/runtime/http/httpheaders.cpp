#include "httpheaders.h"

#include <algorithm>
#include <utility>

namespace topolab::runtime {

namespace {

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && a.compare(b, Qt::CaseInsensitive) == 0;
}

} // namespace

bool HttpHeaders::contains(QByteArrayView name) const
{
    return std::any_of(begin(), end(),
                       [&](const Field &field) { return sameName(field.name, name); });
}

QByteArrayView HttpHeaders::find(QByteArrayView name) const
{
    for (const Field field : *this) {
        if (sameName(field.name, name))
            return field.value;
    }
    return {};
}

int HttpHeaders::append(QByteArrayView bytes)
{
    const auto offset = static_cast<int>(m_store.size());
    m_store.append(bytes);
    return offset;
}

HttpHeaders::Slot HttpHeaders::appendField(QByteArrayView name, QByteArrayView value)
{
    // `name` and `value` may view this very store (a value copied from another field): when the
    // store must grow, the new one is filled while the old one, which they point into, is kept.
    QByteArray old;
    const qsizetype needed = m_store.size() + name.size() + value.size();
    if (needed > m_store.capacity() || !m_store.isDetached()) {
        QByteArray grown;
        grown.reserve(std::max(needed, 2 * m_store.size() + 64));
        grown.append(m_store);
        old = std::exchange(m_store, std::move(grown));
    }
    Slot slot{append(name), static_cast<int>(name.size()), 0, static_cast<int>(value.size())};
    slot.value = append(value);
    return slot;
}

void HttpHeaders::add(QByteArrayView name, QByteArrayView value)
{
    m_slots.append(appendField(name, value));
}

void HttpHeaders::reserve(qsizetype fields, qsizetype bytes)
{
    m_slots.reserve(fields);
    m_store.reserve(bytes);
}

void HttpHeaders::set(QByteArrayView name, QByteArrayView value)
{
    const Slot added = appendField(name, value);
    // Compared with the copy just stored: `name` may have pointed into the store it replaced.
    const QByteArrayView stored(m_store.constData() + added.name, added.nameSize);
    remove(stored);
    m_slots.append(added);
}

void HttpHeaders::remove(QByteArrayView name)
{
    removeIf([&](QByteArrayView candidate) { return sameName(candidate, name); });
}

void HttpHeaders::startField()
{
    Slot slot;
    slot.name = static_cast<int>(m_store.size());
    slot.value = slot.name;
    m_slots.append(slot);
}

void HttpHeaders::appendToName(QByteArrayView piece)
{
    Slot &slot = m_slots.last();
    append(piece);
    slot.nameSize += static_cast<int>(piece.size());
    slot.value = slot.name + slot.nameSize;
}

void HttpHeaders::appendToValue(QByteArrayView piece)
{
    append(piece);
    m_slots.last().valueSize += static_cast<int>(piece.size());
}

void HttpHeaders::trimLastValue()
{
    Slot &slot = m_slots.last();
    const auto isOws = [this](int at) { return m_store.at(at) == ' ' || m_store.at(at) == '\t'; };
    while (slot.valueSize > 0 && isOws(slot.value)) {
        ++slot.value;
        --slot.valueSize;
    }
    while (slot.valueSize > 0 && isOws(slot.value + slot.valueSize - 1))
        --slot.valueSize;
}

bool operator==(const HttpHeaders &a, const HttpHeaders &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const HttpHeaders::Field x = a.at(i);
        const HttpHeaders::Field y = b.at(i);
        if (x.name != y.name || x.value != y.value)
            return false;
    }
    return true;
}

} // namespace topolab::runtime
