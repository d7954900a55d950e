#include "linkrules.h"

#include "kindcatalog.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace topolab::core::LinkRules {

namespace {

// lupdate reads the context from this declaration, so the strings below land in "LinkRules".
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(LinkRules)
};

bool isReplica(const Node &node)
{
    return node.kind == NodeKind::Database &&
           node.properties.value(PropertyKey::role).toString() == DatabaseRole::replica;
}

QString describeKinds(const QList<NodeKind> &kinds)
{
    QStringList names;
    for (NodeKind kind : kinds)
        names.append(kindDisplayName(kind).toLower());
    return names.join(u", "_s);
}

Outcome checkReplication(const Node &from, const Node &to)
{
    if (isReplica(from))
        return Outcome::refused(
            Tr::tr("\"%1\" is a replica: it copies from a primary and sends nothing on. "
                   "Draw replication from the primary to the replica.")
                .arg(from.name));
    if (!isReplica(to))
        return Outcome::refused(
            Tr::tr("A link between databases means replication from a primary to a replica, but "
                   "\"%1\" is a primary. Set its role to replica first.")
                .arg(to.name));
    return Outcome::ok();
}

} // namespace

QList<NodeKind> allowedTargets(NodeKind kind)
{
    using K = NodeKind;
    switch (kind) {
    case K::Client:
        return {K::Dns, K::Firewall, K::LoadBalancer, K::WebServer};
    case K::Dns:
        return {K::Firewall, K::LoadBalancer, K::WebServer};
    case K::Firewall:
        return {K::LoadBalancer, K::WebServer, K::AppServer};
    case K::LoadBalancer:
        return {K::WebServer, K::AppServer};
    case K::WebServer:
        return {K::AppServer, K::Codebase};
    case K::AppServer:
        return {K::Codebase, K::Database};
    case K::Database:
        return {K::Database};
    case K::Monitoring:
        return {K::Firewall, K::LoadBalancer, K::WebServer, K::AppServer, K::Database};
    case K::Codebase:
        return {};
    }
    Q_UNREACHABLE();
}

Outcome check(const Node &from, const Node &to)
{
    if (from.id == to.id)
        return Outcome::refused(Tr::tr("A node cannot link to itself."));
    const QList<NodeKind> targets = allowedTargets(from.kind);
    if (!targets.contains(to.kind)) {
        if (allowedTargets(to.kind).contains(from.kind))
            return Outcome::refused(
                Tr::tr("Links follow requests, so this one points the wrong way: "
                       "draw it from \"%1\" to \"%2\".")
                    .arg(to.name, from.name));
        if (targets.isEmpty())
            return Outcome::refused(
                Tr::tr("\"%1\" (%2) is where requests end: it links to nothing.")
                    .arg(from.name, kindDisplayName(from.kind)));
        return Outcome::refused(Tr::tr("\"%1\" (%2) cannot link to \"%3\" (%4). %2 nodes link only "
                                       "to: %5.")
                                    .arg(from.name, kindDisplayName(from.kind), to.name,
                                         kindDisplayName(to.kind), describeKinds(targets)));
    }
    if (from.kind == NodeKind::Database)
        return checkReplication(from, to);
    return Outcome::ok();
}

} // namespace topolab::core::LinkRules
