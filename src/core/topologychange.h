#pragma once

#include <QFlags>
#include <QString>

namespace topolab::core {

// What changed in a TopologyDocument; views switch on the type and look the id up in the model.
// A NodeChanged says which of the node's aspects changed, so a view updates only that: a card
// dragged across the canvas need not rerun the design review or restyle the inspector.
struct TopologyChange {
    enum class Type {
        NodeAdded,
        NodeAboutToBeRemoved,
        NodeRemoved,
        NodeChanged,
        LinkAdded,
        LinkAboutToBeRemoved,
        LinkRemoved,
        NameChanged,
        Reset,
    };
    enum class Aspect {
        None = 0,
        Position = 0x1,
        Name = 0x2,
        Group = 0x4,
        Properties = 0x8,
    };
    Q_DECLARE_FLAGS(Aspects, Aspect)

    Type type;
    QString id;
    Aspects aspects = {};
    // The property that changed, when `aspects` is Properties.
    QString property = {};

    // Anything but a move: what the design review and a running cluster care about.
    bool changesMeaning() const
    {
        return type != Type::NodeChanged || aspects != Aspects(Aspect::Position);
    }

    friend bool operator==(const TopologyChange &, const TopologyChange &) = default;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(TopologyChange::Aspects)

} // namespace topolab::core
