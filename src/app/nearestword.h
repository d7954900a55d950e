#pragma once

#include <QString>
#include <QStringList>

namespace topolab::app {

// Edits (insertions, deletions, substitutions, swaps of neighbours) from `a` to `b`.
int editDistance(const QString &a, const QString &b);
// The candidate two edits away from `word` at most, the nearest first, for a "Did you mean"
// after a typo; empty when none is that near.
QString nearestWord(const QString &word, const QStringList &candidates);

} // namespace topolab::app
