#pragma once

#include "node.h"
#include "outcome.h"

#include <QList>

namespace topolab::core {

// A whole design as a plain value: nodes, links and the design's name. Every mutation checks the
// model's invariants and refuses with a reason instead of breaking them, so any Topology that
// exists is valid: ids are unique, properties are typed and in range, and every link connects two
// existing nodes in a direction LinkRules allows. Undo commands, the file loader and the CLI all go
// through this API. Observers use TopologyDocument, which wraps one and emits change events.
class Topology final {
public:
    static constexpr int kMaxNameLength = 80;

    const QString &name() const { return m_name; }
    Outcome setName(const QString &name);

    const QList<Node> &nodes() const { return m_nodes; }
    const QList<Link> &links() const { return m_links; }
    bool isEmpty() const { return m_nodes.isEmpty(); }

    const Node *node(const QString &id) const;
    const Link *link(const QString &id) const;
    QList<const Node *> nodesOfKind(NodeKind kind) const;
    QList<Link> linksFrom(const QString &nodeId) const;
    QList<Link> linksTo(const QString &nodeId) const;
    // A property's value, falling back to the kind's default; invalid for an unknown node or key.
    QVariant property(const QString &nodeId, const QString &key) const;

    // Ids that no node (or link) has yet, in the readable form "web-3" (or "link-12").
    QString unusedNodeId(NodeKind kind) const;
    QString unusedLinkId() const;

    qsizetype indexOfNode(const QString &id) const;
    qsizetype indexOfLink(const QString &id) const;

    // Adds a node at `index` (the end when -1), so that undoing a removal restores the order too;
    // properties it does not set take the kind's defaults.
    Outcome addNode(Node node, qsizetype index = -1);
    // Removes a node together with every link that touches it.
    Outcome removeNode(const QString &id);
    Outcome renameNode(const QString &id, const QString &name);
    Outcome moveNode(const QString &id, QPointF position);
    Outcome setNodeGroup(const QString &id, const QString &group);
    Outcome setNodeProperty(const QString &id, const QString &key, const QVariant &value);

    Outcome addLink(Link link, qsizetype index = -1);
    Outcome removeLink(const QString &id);

    // The checks behind addNode/addLink, for callers that want to ask before they act.
    Outcome checkNode(const Node &node) const;
    Outcome checkLink(const Link &link) const;
    static Outcome checkNodeName(const QString &name);
    static Outcome checkGroupName(const QString &group);
    static Outcome checkPosition(QPointF position);

    friend bool operator==(const Topology &, const Topology &) = default;

private:
    Node *findNode(const QString &id);
    Outcome checkLinksOf(const Node &changed) const;

    QString m_name;
    QList<Node> m_nodes;
    QList<Link> m_links;
};

// Ids name nodes and links in files and on the command line: 1 to 64 letters, digits, '-', '_' or
// '.', starting with a letter or digit.
bool isValidId(const QString &id);

} // namespace topolab::core
