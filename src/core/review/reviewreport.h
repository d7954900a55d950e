#pragma once

#include "finding.h"

#include <QJsonObject>

namespace topolab::core {

class Topology;

// Renders review findings for people (text) and for tools (JSON), as `topolab review` prints them.
namespace ReviewReport {

QString text(const Topology &topology, const QString &source, const QList<Finding> &findings);
QJsonObject json(const Topology &topology, const QString &source, const QList<Finding> &findings);

} // namespace ReviewReport

} // namespace topolab::core
