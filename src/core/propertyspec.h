#pragma once

#include "outcome.h"

#include <QStringList>
#include <QVariant>

namespace topolab::core {

// Describes one typed property of a node kind: its type, default and what values are valid. The
// inspector builds its editors from these, and every value entering the model (file, GUI, CLI)
// passes through check().
class PropertySpec final {
public:
    enum class Type { Integer, Boolean, Choice, Text };
    // Ipv4Address and RuleList may be empty: an address Topolab chooses, no extra rules.
    enum class TextFormat { Plain, Hostname, PortList, Ipv4Address, RuleList };

    // `unit` is a QT_TRANSLATE_NOOP("KindCatalog", …) literal, or nullptr.
    static PropertySpec integer(QString key, const char *label, int defaultValue, int minimum,
                                int maximum, const char *unit = nullptr);
    static PropertySpec boolean(QString key, const char *label, bool defaultValue);
    static PropertySpec choice(QString key, const char *label, QStringList choices,
                               QString defaultValue);
    static PropertySpec text(QString key, const char *label, QString defaultValue,
                             TextFormat format = TextFormat::Plain);

    const QString &key() const { return m_key; }
    QString label() const;
    Type type() const { return m_type; }
    const QVariant &defaultValue() const { return m_default; }
    int minimum() const { return m_minimum; }
    int maximum() const { return m_maximum; }
    QString unit() const;
    const QStringList &choices() const { return m_choices; }
    TextFormat textFormat() const { return m_format; }

    // Accepts `value` if it is valid for this property and stores its canonical form (int, bool or
    // QString) in `canonical`; otherwise says what a valid value looks like.
    Outcome check(const QVariant &value, QVariant *canonical) const;

    // "a whole number from 1 to 65535", "one of round-robin, weighted, …" — for error messages.
    QString describeValidValues() const;

private:
    PropertySpec(QString key, const char *label, Type type, QVariant defaultValue);
    Outcome checkText(const QString &text) const;

    QString m_key;
    const char *m_label;
    Type m_type;
    QVariant m_default;
    int m_minimum = 0;
    int m_maximum = 0;
    const char *m_unit = nullptr;
    QStringList m_choices;
    TextFormat m_format = TextFormat::Plain;
};

} // namespace topolab::core
