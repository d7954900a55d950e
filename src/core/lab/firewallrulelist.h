#pragma once

#include <QCoreApplication>
#include <QList>
#include <QStringList>
#include <variant>

namespace topolab::core {

// A firewall's own rules, as the user writes them in the inspector ("allow tcp 3306 from app to
// database; drop tcp 22"), parsed into values the runtime turns into nftables rules. Each rule
// names a protocol and ports and, optionally, where the packets come from and go to: the
// internet, the public address (the balancer the internet reaches), the balancers, the servers,
// the application servers, the databases, any, or an IPv4 address or network.
class FirewallRuleList final {
    Q_DECLARE_TR_FUNCTIONS(FirewallRuleList)

public:
    enum class Action { Allow, Drop };
    enum class Place { Any, Internet, Public, Balancers, Servers, Apps, Databases, Address };

    struct Endpoint {
        Place place = Place::Any;
        QString address; // for Place::Address: "10.20.0.5" or "10.20.0.0/24"
    };
    struct Rule {
        QString text; // as written, for messages and the nft comment
        Action action = Action::Allow;
        QString protocol; // "tcp" or "udp"
        QList<int> ports;
        Endpoint from;
        Endpoint to;
    };

    // The rules, or one message per rule that does not parse, naming it by number and text.
    static std::variant<QList<Rule>, QStringList> parse(const QString &text);
    // What a rule looks like, for messages and the inspector's tooltip.
    static QString syntax();
};

} // namespace topolab::core
