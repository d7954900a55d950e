#pragma once

#include "topology.h"
#include "topologychange.h"

#include <QObject>
#include <functional>

namespace topolab::core {

// The topology being edited: owns one Topology, forwards each mutation to it and announces every
// change through a single signal of typed events, in the order they happen. Views and the design
// review listen; undo commands call the mutators. The document never holds a state the Topology
// refused.
class TopologyDocument final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TopologyDocument)

public:
    explicit TopologyDocument(QObject *parent = nullptr);

    const Topology &topology() const { return m_topology; }
    // Replaces the whole design (new, open, template); emits Reset.
    void reset(Topology topology);

    Outcome setName(const QString &name);
    Outcome addNode(const Node &node, qsizetype index = -1);
    Outcome removeNode(const QString &id);
    Outcome renameNode(const QString &id, const QString &name);
    Outcome moveNode(const QString &id, QPointF position);
    Outcome setNodeGroup(const QString &id, const QString &group);
    Outcome setNodeProperty(const QString &id, const QString &key, const QVariant &value);
    Outcome addLink(const Link &link, qsizetype index = -1);
    Outcome removeLink(const QString &id);

signals:
    void changed(const topolab::core::TopologyChange &change);

private:
    Outcome changeNode(const QString &id, TopologyChange::Aspect aspect,
                       const std::function<Outcome(Topology &)> &change,
                       const QString &property = {});

    Topology m_topology;
};

} // namespace topolab::core
