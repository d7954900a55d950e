#pragma once

#include <QString>

namespace topolab::core {

// The answer to "may I make this change?": either done, or refused with a reason written for the
// user (it ends up in a status bar, a dialog or on stderr).
class Outcome final {
public:
    static Outcome ok() { return Outcome({}); }
    static Outcome refused(QString reason) { return Outcome(std::move(reason)); }

    bool isOk() const { return m_reason.isEmpty(); }
    explicit operator bool() const { return isOk(); }
    const QString &reason() const { return m_reason; }

private:
    explicit Outcome(QString reason)
        : m_reason(std::move(reason))
    {
    }
    QString m_reason;
};

} // namespace topolab::core
