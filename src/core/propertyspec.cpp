#include "propertyspec.h"

#include "lab/ipv4.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <cmath>

using namespace Qt::StringLiterals;

namespace topolab::core {

namespace {

// lupdate reads the context from this declaration, so the strings below land in "PropertySpec".
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(PropertySpec)
};

constexpr int kMaxTextLength = 255;

bool isHostname(const QString &text)
{
    // RFC 1123: dot-separated labels of letters, digits and inner hyphens, at most 253 characters.
    static const QRegularExpression label(u"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$"_s);
    if (text.isEmpty() || text.size() > 253)
        return false;
    const QStringList labels = text.split(u'.');
    return std::all_of(labels.cbegin(), labels.cend(),
                       [](const QString &part) { return label.match(part).hasMatch(); });
}

bool isPortList(const QString &text)
{
    const QStringList parts = text.split(u',');
    return std::all_of(parts.cbegin(), parts.cend(), [](const QString &part) {
        bool ok = false;
        const int port = part.trimmed().toInt(&ok);
        return ok && port >= 1 && port <= 65535;
    });
}

// Describes what the user supplied, so that a message can say "not the text "80"".
QString describeValue(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::QString:
        return Tr::tr("the text \"%1\"").arg(value.toString().left(40));
    case QMetaType::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QMetaType::Double:
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
        return Tr::tr("the number %1").arg(value.toString());
    case QMetaType::Nullptr:
        return Tr::tr("null");
    default:
        return value.isValid()
                   ? Tr::tr("a value of type %1").arg(QString::fromLatin1(value.typeName()))
                   : Tr::tr("nothing");
    }
}

} // namespace

PropertySpec::PropertySpec(QString key, const char *label, Type type, QVariant defaultValue)
    : m_key(std::move(key))
    , m_label(label)
    , m_type(type)
    , m_default(std::move(defaultValue))
{
}

PropertySpec PropertySpec::integer(QString key, const char *label, int defaultValue, int minimum,
                                   int maximum, const char *unit)
{
    PropertySpec spec(std::move(key), label, Type::Integer, defaultValue);
    spec.m_minimum = minimum;
    spec.m_maximum = maximum;
    spec.m_unit = unit;
    return spec;
}

PropertySpec PropertySpec::boolean(QString key, const char *label, bool defaultValue)
{
    return PropertySpec(std::move(key), label, Type::Boolean, defaultValue);
}

PropertySpec PropertySpec::choice(QString key, const char *label, QStringList choices,
                                  QString defaultValue)
{
    PropertySpec spec(std::move(key), label, Type::Choice, std::move(defaultValue));
    spec.m_choices = std::move(choices);
    return spec;
}

PropertySpec PropertySpec::text(QString key, const char *label, QString defaultValue,
                                TextFormat format)
{
    PropertySpec spec(std::move(key), label, Type::Text, std::move(defaultValue));
    spec.m_format = format;
    return spec;
}

QString PropertySpec::unit() const
{
    return m_unit ? QCoreApplication::translate("KindCatalog", m_unit) : QString();
}

QString PropertySpec::label() const
{
    return QCoreApplication::translate("KindCatalog", m_label);
}

QString PropertySpec::describeValidValues() const
{
    switch (m_type) {
    case Type::Integer:
        return !m_unit ? Tr::tr("a whole number from %1 to %2").arg(m_minimum).arg(m_maximum)
                       : Tr::tr("a whole number of %3 from %1 to %2")
                             .arg(m_minimum)
                             .arg(m_maximum)
                             .arg(unit());
    case Type::Boolean:
        return Tr::tr("true or false");
    case Type::Choice:
        return Tr::tr("one of %1").arg(m_choices.join(u", "_s));
    case Type::Text:
        switch (m_format) {
        case TextFormat::Hostname:
            return Tr::tr("a host name such as www.example.com");
        case TextFormat::PortList:
            return Tr::tr("a comma-separated list of ports such as 80,443");
        case TextFormat::Ipv4Address:
            return Tr::tr("an IPv4 address such as 10.20.0.21, or nothing to let Topolab choose");
        case TextFormat::RuleList:
            return Tr::tr("rules separated by \";\", up to %1 characters").arg(kMaxTextLength);
        case TextFormat::Plain:
            break;
        }
        return Tr::tr("a text of 1 to %1 characters").arg(kMaxTextLength);
    }
    Q_UNREACHABLE();
}

Outcome PropertySpec::check(const QVariant &value, QVariant *canonical) const
{
    const auto refuse = [&] {
        return Outcome::refused(Tr::tr("\"%1\" must be %2, not %3")
                                    .arg(m_key, describeValidValues(), describeValue(value)));
    };
    switch (m_type) {
    case Type::Integer: {
        const int typeId = value.typeId();
        if (typeId != QMetaType::Int && typeId != QMetaType::LongLong &&
            typeId != QMetaType::UInt && typeId != QMetaType::ULongLong &&
            typeId != QMetaType::Double)
            return refuse();
        const double number = value.toDouble();
        if (!std::isfinite(number) || number != std::floor(number) || number < m_minimum ||
            number > m_maximum)
            return refuse();
        *canonical = static_cast<int>(number);
        return Outcome::ok();
    }
    case Type::Boolean:
        if (value.typeId() != QMetaType::Bool)
            return refuse();
        *canonical = value.toBool();
        return Outcome::ok();
    case Type::Choice:
        if (value.typeId() != QMetaType::QString || !m_choices.contains(value.toString()))
            return refuse();
        *canonical = value.toString();
        return Outcome::ok();
    case Type::Text:
        if (value.typeId() != QMetaType::QString || !checkText(value.toString()))
            return refuse();
        *canonical = value.toString();
        return Outcome::ok();
    }
    Q_UNREACHABLE();
}

Outcome PropertySpec::checkText(const QString &text) const
{
    bool valid = false;
    switch (m_format) {
    case TextFormat::Hostname:
        valid = isHostname(text);
        break;
    case TextFormat::PortList:
        valid = isPortList(text);
        break;
    case TextFormat::Ipv4Address:
        valid = text.trimmed().isEmpty() || Ipv4::parse(text).has_value();
        break;
    case TextFormat::Plain:
    case TextFormat::RuleList:
        valid = (m_format == TextFormat::RuleList || !text.trimmed().isEmpty()) &&
                text.size() <= kMaxTextLength &&
                std::none_of(text.cbegin(), text.cend(),
                             [](QChar c) { return c.category() == QChar::Other_Control; });
        break;
    }
    return valid ? Outcome::ok() : Outcome::refused(describeValidValues());
}

} // namespace topolab::core
