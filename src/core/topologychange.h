#pragma once

#include <QString>

namespace topolab::core {

// What changed in a TopologyDocument; views switch on the type and look the id up in the model.
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

    Type type;
    QString id;

    friend bool operator==(const TopologyChange &, const TopologyChange &) = default;
};

} // namespace topolab::core
