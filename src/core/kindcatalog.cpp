#include "kindcatalog.h"

#include "balancingalgorithm.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace topolab::core::KindCatalog {

namespace {

using Spec = PropertySpec;

QHash<NodeKind, QList<PropertySpec>> buildCatalog()
{
    const auto port = [](int defaultPort) {
        return Spec::integer(PropertyKey::port, QT_TRANSLATE_NOOP("KindCatalog", "Port"),
                             defaultPort, 1, 65535);
    };
    // Empty: Topolab chooses one (LabAddresses).
    const auto address = Spec::text(PropertyKey::address,
                                    QT_TRANSLATE_NOOP("KindCatalog", "Lab address"), QString(),
                                    Spec::TextFormat::Ipv4Address);
    const auto https = Spec::boolean(PropertyKey::https,
                                     QT_TRANSLATE_NOOP("KindCatalog", "Terminates HTTPS"), false);
    return {
        {NodeKind::Client, {}},
        {NodeKind::Dns,
         {Spec::text(PropertyKey::hostname, QT_TRANSLATE_NOOP("KindCatalog", "Host name"),
                     u"www.foobar.com"_s, Spec::TextFormat::Hostname),
          Spec::integer(u"ttl"_s, QT_TRANSLATE_NOOP("KindCatalog", "Record TTL"), 3600, 0, 604800,
                        QT_TRANSLATE_NOOP("KindCatalog", "seconds"))}},
        {NodeKind::LoadBalancer,
         {Spec::choice(PropertyKey::algorithm, QT_TRANSLATE_NOOP("KindCatalog", "Algorithm"),
                       balancingAlgorithmNames(),
                       balancingAlgorithmName(BalancingAlgorithm::RoundRobin)),
          port(8080), https, address,
          Spec::integer(u"healthIntervalMs"_s,
                        QT_TRANSLATE_NOOP("KindCatalog", "Health check interval"), 1000, 100, 60000,
                        QT_TRANSLATE_NOOP("KindCatalog", "milliseconds")),
          Spec::integer(u"healthRise"_s,
                        QT_TRANSLATE_NOOP("KindCatalog", "Successful checks to mark up"), 2, 1, 10),
          Spec::integer(u"healthFall"_s,
                        QT_TRANSLATE_NOOP("KindCatalog", "Failed checks to mark down"), 2, 1, 10),
          // An active-passive pair shares a floating IP through VRRP (keepalived): the standby
          // takes it when the active stops answering. The highest priority holds it.
          Spec::boolean(PropertyKey::standby,
                        QT_TRANSLATE_NOOP("KindCatalog", "Standby of the active balancer"), false),
          Spec::integer(PropertyKey::priority, QT_TRANSLATE_NOOP("KindCatalog", "VRRP priority"),
                        150, 1, 254),
          Spec::boolean(PropertyKey::preempt,
                        QT_TRANSLATE_NOOP("KindCatalog", "Takes the floating IP back (preempt)"),
                        true),
          // Empty: Topolab chooses one (LabAddresses). Only the active balancer's counts.
          Spec::text(PropertyKey::floatingIp, QT_TRANSLATE_NOOP("KindCatalog", "Floating IP"),
                     QString(), Spec::TextFormat::Ipv4Address)}},
        {NodeKind::WebServer,
         {port(8081), https,
          Spec::integer(PropertyKey::weight, QT_TRANSLATE_NOOP("KindCatalog", "Balancing weight"),
                        1, 1, 100),
          address}},
        {NodeKind::AppServer, {port(9001), https}},
        {NodeKind::Codebase,
         {Spec::text(u"root"_s, QT_TRANSLATE_NOOP("KindCatalog", "Site folder"), u"foobar"_s)}},
        {NodeKind::Database,
         {Spec::choice(PropertyKey::role, QT_TRANSLATE_NOOP("KindCatalog", "Role"),
                       {DatabaseRole::primary, DatabaseRole::replica}, DatabaseRole::primary),
          port(3306),
          Spec::choice(u"engine"_s, QT_TRANSLATE_NOOP("KindCatalog", "Engine"),
                       {u"mariadb"_s, u"mysql"_s}, u"mariadb"_s),
          // An existing server elsewhere instead of one Topolab starts; its password comes from
          // the environment (TOPOLAB_DB_PASSWORD), never from the design file.
          Spec::boolean(PropertyKey::external,
                        QT_TRANSLATE_NOOP("KindCatalog", "External server (not started here)"),
                        false),
          Spec::text(u"host"_s, QT_TRANSLATE_NOOP("KindCatalog", "Host (external server)"),
                     u"127.0.0.1"_s, Spec::TextFormat::Hostname),
          Spec::text(u"user"_s, QT_TRANSLATE_NOOP("KindCatalog", "Application user"),
                     u"foobar_app"_s),
          Spec::text(u"schema"_s, QT_TRANSLATE_NOOP("KindCatalog", "Database name"), u"foobar"_s),
          address}},
        {NodeKind::Firewall,
         {Spec::text(u"allowPorts"_s, QT_TRANSLATE_NOOP("KindCatalog", "Allowed ports (to the public address)"),
                     u"80,443"_s, Spec::TextFormat::PortList),
          Spec::choice(u"defaultPolicy"_s, QT_TRANSLATE_NOOP("KindCatalog", "Default policy"),
                       {u"deny"_s, u"allow"_s}, u"deny"_s),
          // Beside the allowed ports (to the public address) and the established traffic
          // every firewall lets through; FirewallRuleList reads them.
          Spec::text(PropertyKey::rules, QT_TRANSLATE_NOOP("KindCatalog", "Rules"),
                     u"allow tcp 3306 from app to database"_s, Spec::TextFormat::RuleList),
          address}},
        {NodeKind::Monitoring,
         {Spec::integer(u"intervalS"_s, QT_TRANSLATE_NOOP("KindCatalog", "Collection interval"), 10,
                        1, 3600, QT_TRANSLATE_NOOP("KindCatalog", "seconds"))}},
    };
}

const QHash<NodeKind, QList<PropertySpec>> &catalog()
{
    static const QHash<NodeKind, QList<PropertySpec>> specs = buildCatalog();
    return specs;
}

} // namespace

const QList<PropertySpec> &properties(NodeKind kind)
{
    return *catalog().find(kind);
}

const PropertySpec *property(NodeKind kind, const QString &key)
{
    for (const PropertySpec &spec : properties(kind)) {
        if (spec.key() == key)
            return &spec;
    }
    return nullptr;
}

QVariantMap defaultProperties(NodeKind kind)
{
    QVariantMap values;
    for (const PropertySpec &spec : properties(kind))
        values.insert(spec.key(), spec.defaultValue());
    return values;
}

QString headlineProperty(NodeKind kind)
{
    switch (kind) {
    case NodeKind::LoadBalancer:
        return PropertyKey::algorithm;
    case NodeKind::Database:
        return PropertyKey::role;
    case NodeKind::Dns:
        return PropertyKey::hostname;
    case NodeKind::WebServer:
    case NodeKind::AppServer:
        return PropertyKey::port;
    case NodeKind::Client:
    case NodeKind::Codebase:
    case NodeKind::Firewall:
    case NodeKind::Monitoring:
        return {};
    }
    Q_UNREACHABLE();
}

bool listens(NodeKind kind)
{
    return property(kind, PropertyKey::port) != nullptr;
}

} // namespace topolab::core::KindCatalog
