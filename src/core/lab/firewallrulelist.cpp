#include "firewallrulelist.h"

#include "ipv4.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace topolab::core {

namespace {

struct PlaceName {
    QLatin1StringView name;
    FirewallRuleList::Place place;
};

constexpr PlaceName kPlaces[] = {
    {"any"_L1, FirewallRuleList::Place::Any},
    {"internet"_L1, FirewallRuleList::Place::Internet},
    {"public"_L1, FirewallRuleList::Place::Public},
    {"balancers"_L1, FirewallRuleList::Place::Balancers},
    {"servers"_L1, FirewallRuleList::Place::Servers},
    {"app"_L1, FirewallRuleList::Place::Apps},
    {"database"_L1, FirewallRuleList::Place::Databases},
};

// "app", "10.20.0.5" or "10.20.0.0/24"; nullopt when it is none of them.
std::optional<FirewallRuleList::Endpoint> endpoint(const QString &word)
{
    for (const PlaceName &known : kPlaces) {
        if (word == known.name)
            return FirewallRuleList::Endpoint{known.place, {}};
    }
    const qsizetype slash = word.indexOf(u'/');
    const QString address = slash < 0 ? word : word.left(slash);
    if (!Ipv4::parse(address))
        return std::nullopt;
    if (slash >= 0) {
        bool ok = false;
        const int prefix = word.mid(slash + 1).toInt(&ok);
        if (!ok || prefix < 0 || prefix > 32)
            return std::nullopt;
    }
    return FirewallRuleList::Endpoint{FirewallRuleList::Place::Address, word};
}

// Empty when the rule parses; otherwise why not.
QString parseRule(const QStringList &words, FirewallRuleList::Rule *rule)
{
    using Tr = FirewallRuleList;
    if (words.size() < 3)
        return Tr::tr("a rule needs at least an action, a protocol and ports");
    if (words[0] == u"allow"_s)
        rule->action = FirewallRuleList::Action::Allow;
    else if (words[0] == u"drop"_s)
        rule->action = FirewallRuleList::Action::Drop;
    else
        return Tr::tr("\"%1\" is not an action: write allow or drop").arg(words[0]);
    if (words[1] != u"tcp"_s && words[1] != u"udp"_s)
        return Tr::tr("\"%1\" is not a protocol: write tcp or udp").arg(words[1]);
    rule->protocol = words[1];
    for (const QString &part : words[2].split(u',')) {
        bool ok = false;
        const int port = part.toInt(&ok);
        if (!ok || port < 1 || port > 65535)
            return Tr::tr("\"%1\" is not a port from 1 to 65535").arg(part);
        rule->ports.append(port);
    }
    for (qsizetype i = 3; i < words.size(); i += 2) {
        const bool from = words[i] == u"from"_s;
        if (!from && words[i] != u"to"_s)
            return Tr::tr("\"%1\" is not understood here: write from or to").arg(words[i]);
        if (i + 1 >= words.size())
            return Tr::tr("\"%1\" needs a place after it").arg(words[i]);
        const std::optional<FirewallRuleList::Endpoint> place = endpoint(words[i + 1]);
        if (!place)
            return Tr::tr("\"%1\" is not a place: write internet, public, balancers, servers, "
                          "app, database, any, or an address such as 10.20.0.5 or 10.20.0.0/24")
                .arg(words[i + 1]);
        (from ? rule->from : rule->to) = *place;
    }
    return {};
}

} // namespace

QString FirewallRuleList::syntax()
{
    return tr("allow|drop tcp|udp PORTS [from PLACE] [to PLACE], separated by \";\"; a place is "
              "internet, public, balancers, servers, app, database, any, or an address");
}

std::variant<QList<FirewallRuleList::Rule>, QStringList> FirewallRuleList::parse(const QString &text)
{
    static const QRegularExpression spaces(u"\\s+"_s);
    QList<Rule> rules;
    QStringList errors;
    int number = 0;
    for (const QString &part : text.split(u';')) {
        const QString written = part.simplified();
        if (written.isEmpty())
            continue;
        ++number;
        Rule rule;
        rule.text = written;
        const QString why = parseRule(written.toLower().split(spaces), &rule);
        if (why.isEmpty())
            rules.append(rule);
        else
            errors.append(tr("rule %1 \"%2\": %3").arg(number).arg(written, why));
    }
    if (!errors.isEmpty())
        return errors;
    return rules;
}

} // namespace topolab::core
