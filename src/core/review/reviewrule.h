#pragma once

#include "finding.h"

namespace topolab::core {

class Topology;

// One check of the design review. A rule is stateless and fast: the review reruns every rule on
// each edit.
class ReviewRule {
public:
    virtual ~ReviewRule() = default;

    // Stable id, shown with each finding and used by `topolab review --format json`.
    virtual QString id() const = 0;
    virtual QList<Finding> check(const Topology &topology) const = 0;

protected:
    ReviewRule() = default;
    ReviewRule(const ReviewRule &) = default;
    ReviewRule &operator=(const ReviewRule &) = default;
};

} // namespace topolab::core
