#pragma once

#include "topologyfile.h"

namespace topolab::core {

// The designs shipped inside the binary, such as the classic www.foobar.com stack.
namespace Templates {

QStringList names();
QString description(const QString &name);
// Loads a template; fails only for an unknown name.
TopologyFile::LoadResult load(const QString &name);

} // namespace Templates

} // namespace topolab::core
