#pragma once

#include "reviewrule.h"

#include <memory>
#include <vector>

namespace topolab::core {

// Runs every review rule over a design and returns the findings, errors first.
class DesignReview final {
public:
    DesignReview();
    ~DesignReview();
    DesignReview(DesignReview &&) noexcept;
    DesignReview &operator=(DesignReview &&) noexcept;

    const std::vector<std::unique_ptr<ReviewRule>> &rules() const { return m_rules; }
    QList<Finding> run(const Topology &topology) const;

    static int count(const QList<Finding> &findings, Severity severity);

private:
    std::vector<std::unique_ptr<ReviewRule>> m_rules;
};

} // namespace topolab::core
