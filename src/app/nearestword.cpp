#include "nearestword.h"

#include <vector>

namespace topolab::app {

int editDistance(const QString &a, const QString &b)
{
    const qsizetype n = b.size();
    std::vector<int> before(static_cast<size_t>(n + 1)), previous(static_cast<size_t>(n + 1)),
        current(static_cast<size_t>(n + 1));
    for (qsizetype j = 0; j <= n; ++j)
        previous[static_cast<size_t>(j)] = static_cast<int>(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = static_cast<int>(i);
        for (qsizetype j = 1; j <= n; ++j) {
            const auto at = [](qsizetype k) { return static_cast<size_t>(k); };
            const int substitution = previous[at(j - 1)] + (a[i - 1] == b[j - 1] ? 0 : 1);
            int best = std::min({previous[at(j)] + 1, current[at(j - 1)] + 1, substitution});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                best = std::min(best, before[at(j - 2)] + 1);
            current[at(j)] = best;
        }
        before.swap(previous);
        previous.swap(current);
    }
    return previous[static_cast<size_t>(n)];
}

QString nearestWord(const QString &word, const QStringList &candidates)
{
    QString nearest;
    int nearestDistance = 3;
    for (const QString &candidate : candidates) {
        const int distance = editDistance(word, candidate);
        if (distance < nearestDistance) {
            nearest = candidate;
            nearestDistance = distance;
        }
    }
    return nearest;
}

} // namespace topolab::app
