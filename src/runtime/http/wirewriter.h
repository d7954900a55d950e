#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <algorithm>
#include <cstring>

namespace topolab::runtime {

// Builds a message's bytes in one array sized up front. QByteArray::append checks for sharing
// and room and goes through insert() on every call: for a response head of a dozen pieces that was
// a tenth of the balancer's time in user space. A size guessed too small still works (it grows).
class WireWriter final {
public:
    explicit WireWriter(qsizetype expectedSize)
        : m_bytes(std::max<qsizetype>(expectedSize, 16), Qt::Uninitialized)
        , m_at(m_bytes.data())
        , m_end(m_at + m_bytes.size())
    {
    }

    WireWriter &operator<<(QByteArrayView bytes)
    {
        if (bytes.isEmpty())
            return *this;
        makeRoom(bytes.size());
        std::memcpy(m_at, bytes.data(), static_cast<size_t>(bytes.size()));
        m_at += bytes.size();
        return *this;
    }
    WireWriter &operator<<(char byte)
    {
        makeRoom(1);
        *m_at++ = byte;
        return *this;
    }

    // The bytes written; the writer is empty afterwards.
    QByteArray take()
    {
        m_bytes.truncate(m_at - m_bytes.constData());
        m_at = m_end = nullptr;
        return std::move(m_bytes);
    }

private:
    void makeRoom(qsizetype size)
    {
        if (m_end - m_at >= size)
            return;
        const qsizetype used = m_at - m_bytes.constData();
        m_bytes.resize(std::max(2 * m_bytes.size(), used + size));
        m_at = m_bytes.data() + used;
        m_end = m_bytes.data() + m_bytes.size();
    }

    QByteArray m_bytes;
    char *m_at;
    char *m_end;
};

} // namespace topolab::runtime
