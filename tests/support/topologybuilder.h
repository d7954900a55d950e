#pragma once

#include "core/topology.h"

#include <QTest>

// Builds test designs in a line or two: node ids double as names, links are named after their
// ends. Any refusal fails the test at once, so a broken fixture cannot pass silently.
class TopologyBuilder {
public:
    TopologyBuilder &node(const QString &id, topolab::core::NodeKind kind,
                          const QVariantMap &properties = {})
    {
        const topolab::core::Outcome added = m_topology.addNode({id, kind, id, {}, {}, properties});
        if (!added)
            qFatal("fixture node %s refused: %s", qPrintable(id), qPrintable(added.reason()));
        return *this;
    }

    TopologyBuilder &link(const QString &from, const QString &to)
    {
        const topolab::core::Outcome added =
            m_topology.addLink({m_topology.unusedLinkId(), from, to});
        if (!added)
            qFatal("fixture link %s -> %s refused: %s", qPrintable(from), qPrintable(to),
                   qPrintable(added.reason()));
        return *this;
    }

    topolab::core::Topology build() const { return m_topology; }

private:
    topolab::core::Topology m_topology;
};
