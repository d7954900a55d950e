#include "topologydocument.h"

namespace topolab::core {

using Type = TopologyChange::Type;

TopologyDocument::TopologyDocument(QObject *parent)
    : QObject(parent)
{
}

void TopologyDocument::reset(Topology topology)
{
    m_topology = std::move(topology);
    emit changed({Type::Reset, {}});
}

Outcome TopologyDocument::setName(const QString &name)
{
    Outcome done = m_topology.setName(name);
    if (done)
        emit changed({Type::NameChanged, {}});
    return done;
}

Outcome TopologyDocument::addNode(const Node &node, qsizetype index)
{
    Outcome done = m_topology.addNode(node, index);
    if (done)
        emit changed({Type::NodeAdded, node.id});
    return done;
}

Outcome TopologyDocument::removeNode(const QString &id)
{
    if (!m_topology.node(id))
        return m_topology.removeNode(id);
    // Attached links go first, each with its own events, so a view never draws a link whose end
    // has vanished.
    QList<Link> attached = m_topology.linksFrom(id) + m_topology.linksTo(id);
    for (const Link &link : attached)
        removeLink(link.id);
    emit changed({Type::NodeAboutToBeRemoved, id});
    Outcome done = m_topology.removeNode(id);
    emit changed({Type::NodeRemoved, id});
    return done;
}

Outcome TopologyDocument::changeNode(const QString &id, TopologyChange::Aspect aspect,
                                     const std::function<Outcome(Topology &)> &change,
                                     const QString &property)
{
    Outcome done = change(m_topology);
    if (done)
        emit changed({Type::NodeChanged, id, aspect, property});
    return done;
}

Outcome TopologyDocument::renameNode(const QString &id, const QString &name)
{
    return changeNode(id, TopologyChange::Aspect::Name,
                      [&](Topology &t) { return t.renameNode(id, name); });
}

Outcome TopologyDocument::moveNode(const QString &id, QPointF position)
{
    return changeNode(id, TopologyChange::Aspect::Position,
                      [&](Topology &t) { return t.moveNode(id, position); });
}

Outcome TopologyDocument::setNodeGroup(const QString &id, const QString &group)
{
    return changeNode(id, TopologyChange::Aspect::Group,
                      [&](Topology &t) { return t.setNodeGroup(id, group); });
}

Outcome TopologyDocument::setNodeProperty(const QString &id, const QString &key,
                                          const QVariant &value)
{
    return changeNode(
        id, TopologyChange::Aspect::Properties,
        [&](Topology &t) { return t.setNodeProperty(id, key, value); }, key);
}

Outcome TopologyDocument::addLink(const Link &link, qsizetype index)
{
    Outcome done = m_topology.addLink(link, index);
    if (done)
        emit changed({Type::LinkAdded, link.id});
    return done;
}

Outcome TopologyDocument::removeLink(const QString &id)
{
    if (!m_topology.link(id))
        return m_topology.removeLink(id);
    emit changed({Type::LinkAboutToBeRemoved, id});
    Outcome done = m_topology.removeLink(id);
    emit changed({Type::LinkRemoved, id});
    return done;
}

} // namespace topolab::core
