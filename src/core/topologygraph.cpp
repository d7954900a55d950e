#include "topologygraph.h"

#include <QQueue>

namespace topolab::core::TopologyGraph {

bool isHttpServer(NodeKind kind)
{
    return kind == NodeKind::LoadBalancer || kind == NodeKind::WebServer ||
           kind == NodeKind::AppServer;
}

bool isServer(NodeKind kind)
{
    return isHttpServer(kind) || kind == NodeKind::Database;
}

QStringList entryPoints(const Topology &topology)
{
    QStringList entries;
    for (const Node &node : topology.nodes()) {
        if (node.kind == NodeKind::Dns || node.kind == NodeKind::Client)
            entries.append(node.id);
    }
    if (!entries.isEmpty())
        return entries;
    for (const Node &node : topology.nodes()) {
        if (node.kind == NodeKind::Monitoring)
            continue;
        const QList<Link> incoming = topology.linksTo(node.id);
        const bool entered = std::any_of(incoming.cbegin(), incoming.cend(), [&](const Link &l) {
            return topology.node(l.from)->kind != NodeKind::Monitoring;
        });
        if (!entered)
            entries.append(node.id);
    }
    return entries;
}

QSet<QString> reachableFrom(const Topology &topology, const QStringList &roots)
{
    QSet<QString> seen(roots.cbegin(), roots.cend());
    QQueue<QString> queue;
    for (const QString &root : roots)
        queue.enqueue(root);
    while (!queue.isEmpty()) {
        for (const Link &link : topology.linksFrom(queue.dequeue())) {
            if (!seen.contains(link.to)) {
                seen.insert(link.to);
                queue.enqueue(link.to);
            }
        }
    }
    return seen;
}

QList<const Node *> frontServers(const Topology &topology, bool throughFirewalls)
{
    QList<const Node *> front;
    QSet<QString> seen;
    QQueue<QString> queue;
    for (const QString &entry : entryPoints(topology))
        queue.enqueue(entry);
    while (!queue.isEmpty()) {
        const QString id = queue.dequeue();
        if (seen.contains(id))
            continue;
        seen.insert(id);
        const Node *node = topology.node(id);
        if (isHttpServer(node->kind)) {
            front.append(node);
            continue;
        }
        const bool passes = node->kind == NodeKind::Dns || node->kind == NodeKind::Client ||
                            (throughFirewalls && node->kind == NodeKind::Firewall);
        if (!passes)
            continue;
        for (const Link &link : topology.linksFrom(id))
            queue.enqueue(link.to);
    }
    return front;
}

} // namespace topolab::core::TopologyGraph
