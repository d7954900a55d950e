#include "topology.h"

#include "kindcatalog.h"
#include "linkrules.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <cmath>

using namespace Qt::StringLiterals;

namespace topolab::core {

namespace {

// lupdate reads the context from this declaration, so the strings below land in "Topology".
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Topology)
};

// Far beyond any sensible canvas, yet small enough that arithmetic on it stays exact.
constexpr double kMaxCoordinate = 1e7;

Outcome checkName(const QString &name, const QString &what)
{
    if (name.trimmed().isEmpty())
        return Outcome::refused(Tr::tr("The %1 must not be empty.").arg(what));
    if (name.size() > Topology::kMaxNameLength)
        return Outcome::refused(Tr::tr("The %1 is too long: at most %2 characters.")
                                    .arg(what)
                                    .arg(Topology::kMaxNameLength));
    if (std::any_of(name.cbegin(), name.cend(),
                    [](QChar c) { return c.category() == QChar::Other_Control; }))
        return Outcome::refused(Tr::tr("The %1 must not contain control characters.").arg(what));
    return Outcome::ok();
}

} // namespace

Outcome Topology::checkPosition(QPointF position)
{
    const bool finite = std::isfinite(position.x()) && std::isfinite(position.y());
    if (!finite || std::abs(position.x()) > kMaxCoordinate ||
        std::abs(position.y()) > kMaxCoordinate)
        return Outcome::refused(
            Tr::tr("The position must be within ±%1 on both axes.").arg(kMaxCoordinate, 0, 'f', 0));
    return Outcome::ok();
}

namespace {

QString unusedId(const QString &prefix, const auto &isTaken)
{
    for (int n = 1;; ++n) {
        const QString candidate = u"%1-%2"_s.arg(prefix).arg(n);
        if (!isTaken(candidate))
            return candidate;
    }
}

} // namespace

Outcome Topology::checkNodeName(const QString &name)
{
    return checkName(name, Tr::tr("node name"));
}

Outcome Topology::checkGroupName(const QString &group)
{
    return group.isEmpty() ? Outcome::ok() : checkName(group, Tr::tr("group name"));
}

bool isValidId(const QString &id)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"_s);
    return pattern.match(id).hasMatch();
}

Outcome Topology::setName(const QString &name)
{
    if (Outcome checked = checkName(name, Tr::tr("design name")); !checked)
        return checked;
    m_name = name;
    return Outcome::ok();
}

const Node *Topology::node(const QString &id) const
{
    for (const Node &candidate : m_nodes) {
        if (candidate.id == id)
            return &candidate;
    }
    return nullptr;
}

Node *Topology::findNode(const QString &id)
{
    // Non-const iteration detaches the implicitly shared list, so a copy of this Topology is
    // never changed through the returned pointer.
    const auto found = std::find_if(m_nodes.begin(), m_nodes.end(),
                                    [&](const Node &candidate) { return candidate.id == id; });
    return found == m_nodes.end() ? nullptr : &*found;
}

const Link *Topology::link(const QString &id) const
{
    for (const Link &candidate : m_links) {
        if (candidate.id == id)
            return &candidate;
    }
    return nullptr;
}

QList<const Node *> Topology::nodesOfKind(NodeKind kind) const
{
    QList<const Node *> found;
    for (const Node &candidate : m_nodes) {
        if (candidate.kind == kind)
            found.append(&candidate);
    }
    return found;
}

QList<Link> Topology::linksFrom(const QString &nodeId) const
{
    QList<Link> found;
    std::copy_if(m_links.cbegin(), m_links.cend(), std::back_inserter(found),
                 [&](const Link &l) { return l.from == nodeId; });
    return found;
}

QList<Link> Topology::linksTo(const QString &nodeId) const
{
    QList<Link> found;
    std::copy_if(m_links.cbegin(), m_links.cend(), std::back_inserter(found),
                 [&](const Link &l) { return l.to == nodeId; });
    return found;
}

QVariant Topology::property(const QString &nodeId, const QString &key) const
{
    const Node *found = node(nodeId);
    if (!found)
        return {};
    if (const auto value = found->properties.constFind(key); value != found->properties.cend())
        return *value;
    const PropertySpec *spec = KindCatalog::property(found->kind, key);
    return spec ? spec->defaultValue() : QVariant();
}

QString Topology::unusedNodeId(NodeKind kind) const
{
    return unusedId(kindIdPrefix(kind), [this](const QString &id) { return node(id) != nullptr; });
}

QString Topology::unusedLinkId() const
{
    return unusedId(u"link"_s, [this](const QString &id) { return link(id) != nullptr; });
}

Outcome Topology::checkNode(const Node &candidate) const
{
    if (!isValidId(candidate.id))
        return Outcome::refused(
            Tr::tr("\"%1\" is not a valid id: use 1 to 64 letters, digits, '-', "
                   "'_' or '.', starting with a letter or digit.")
                .arg(candidate.id.left(80)));
    if (node(candidate.id))
        return Outcome::refused(
            Tr::tr("The id \"%1\" is already taken by another node.").arg(candidate.id));
    if (Outcome checked = checkNodeName(candidate.name); !checked)
        return checked;
    if (Outcome checked = checkGroupName(candidate.group); !checked)
        return checked;
    if (Outcome checked = checkPosition(candidate.position); !checked)
        return checked;
    for (auto it = candidate.properties.cbegin(); it != candidate.properties.cend(); ++it) {
        const PropertySpec *spec = KindCatalog::property(candidate.kind, it.key());
        if (!spec)
            return Outcome::refused(Tr::tr("%1 nodes have no property \"%2\".")
                                        .arg(kindDisplayName(candidate.kind), it.key()));
        QVariant canonical;
        if (Outcome checked = spec->check(it.value(), &canonical); !checked)
            return checked;
    }
    return Outcome::ok();
}

qsizetype Topology::indexOfNode(const QString &id) const
{
    const auto found = std::find_if(m_nodes.cbegin(), m_nodes.cend(),
                                    [&](const Node &candidate) { return candidate.id == id; });
    return found == m_nodes.cend() ? -1 : found - m_nodes.cbegin();
}

qsizetype Topology::indexOfLink(const QString &id) const
{
    const auto found = std::find_if(m_links.cbegin(), m_links.cend(),
                                    [&](const Link &candidate) { return candidate.id == id; });
    return found == m_links.cend() ? -1 : found - m_links.cbegin();
}

Outcome Topology::addNode(Node candidate, qsizetype index)
{
    if (Outcome checked = checkNode(candidate); !checked)
        return checked;
    QVariantMap properties = KindCatalog::defaultProperties(candidate.kind);
    for (auto it = candidate.properties.cbegin(); it != candidate.properties.cend(); ++it)
        KindCatalog::property(candidate.kind, it.key())->check(it.value(), &properties[it.key()]);
    candidate.properties = std::move(properties);
    const bool inRange = index >= 0 && index <= m_nodes.size();
    m_nodes.insert(inRange ? index : m_nodes.size(), std::move(candidate));
    return Outcome::ok();
}

Outcome Topology::removeNode(const QString &id)
{
    const auto found = std::find_if(m_nodes.begin(), m_nodes.end(),
                                    [&](const Node &candidate) { return candidate.id == id; });
    if (found == m_nodes.end())
        return Outcome::refused(Tr::tr("There is no node \"%1\".").arg(id));
    m_nodes.erase(found);
    m_links.removeIf([&](const Link &l) { return l.from == id || l.to == id; });
    return Outcome::ok();
}

Outcome Topology::renameNode(const QString &id, const QString &name)
{
    Node *target = findNode(id);
    if (!target)
        return Outcome::refused(Tr::tr("There is no node \"%1\".").arg(id));
    if (Outcome checked = checkNodeName(name); !checked)
        return checked;
    target->name = name;
    return Outcome::ok();
}

Outcome Topology::moveNode(const QString &id, QPointF position)
{
    Node *target = findNode(id);
    if (!target)
        return Outcome::refused(Tr::tr("There is no node \"%1\".").arg(id));
    if (Outcome checked = checkPosition(position); !checked)
        return checked;
    target->position = position;
    return Outcome::ok();
}

Outcome Topology::setNodeGroup(const QString &id, const QString &group)
{
    Node *target = findNode(id);
    if (!target)
        return Outcome::refused(Tr::tr("There is no node \"%1\".").arg(id));
    if (Outcome checked = checkGroupName(group); !checked)
        return checked;
    target->group = group;
    return Outcome::ok();
}

Outcome Topology::setNodeProperty(const QString &id, const QString &key, const QVariant &value)
{
    Node *target = findNode(id);
    if (!target)
        return Outcome::refused(Tr::tr("There is no node \"%1\".").arg(id));
    const PropertySpec *spec = KindCatalog::property(target->kind, key);
    if (!spec)
        return Outcome::refused(
            Tr::tr("%1 nodes have no property \"%2\".").arg(kindDisplayName(target->kind), key));
    QVariant canonical;
    if (Outcome checked = spec->check(value, &canonical); !checked)
        return checked;
    // A role change can turn a valid replication link into an invalid one; refuse it rather than
    // leave a link the file loader would reject.
    Node changed = *target;
    changed.properties.insert(key, canonical);
    if (Outcome checked = checkLinksOf(changed); !checked)
        return checked;
    *target = std::move(changed);
    return Outcome::ok();
}

Outcome Topology::checkLinksOf(const Node &changed) const
{
    for (const Link &l : m_links) {
        if (l.from != changed.id && l.to != changed.id)
            continue;
        const Node &from = l.from == changed.id ? changed : *node(l.from);
        const Node &to = l.to == changed.id ? changed : *node(l.to);
        if (Outcome checked = LinkRules::check(from, to); !checked)
            return Outcome::refused(
                Tr::tr("This change would break the link from \"%1\" to \"%2\": %3 "
                       "Remove that link first.")
                    .arg(from.name, to.name, checked.reason()));
    }
    return Outcome::ok();
}

Outcome Topology::checkLink(const Link &candidate) const
{
    if (!isValidId(candidate.id))
        return Outcome::refused(
            Tr::tr("\"%1\" is not a valid link id.").arg(candidate.id.left(80)));
    if (link(candidate.id))
        return Outcome::refused(
            Tr::tr("The id \"%1\" is already taken by another link.").arg(candidate.id));
    const Node *from = node(candidate.from);
    if (!from)
        return Outcome::refused(Tr::tr("The link starts at \"%1\", but there is no such node.")
                                    .arg(candidate.from.left(80)));
    const Node *to = node(candidate.to);
    if (!to)
        return Outcome::refused(Tr::tr("The link ends at \"%1\", but there is no such node.")
                                    .arg(candidate.to.left(80)));
    return LinkRules::check(*from, *to);
}

Outcome Topology::addLink(Link candidate, qsizetype index)
{
    if (Outcome checked = checkLink(candidate); !checked)
        return checked;
    const bool inRange = index >= 0 && index <= m_links.size();
    m_links.insert(inRange ? index : m_links.size(), std::move(candidate));
    return Outcome::ok();
}

Outcome Topology::removeLink(const QString &id)
{
    const auto removed = m_links.removeIf([&](const Link &l) { return l.id == id; });
    return removed ? Outcome::ok() : Outcome::refused(Tr::tr("There is no link \"%1\".").arg(id));
}

} // namespace topolab::core
