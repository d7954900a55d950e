#pragma once

#include <utility>

namespace topolab::runtime {

// Tells a member function that called out (to a listener that may delete the object) whether its
// object still exists. Used where QPointer was made for every socket event: each QPointer takes
// and drops a reference with atomic operations, a few percent of the balancer's time, where this
// is a pointer on the stack. Same thread only.
class DeletionWatch final {
public:
    class Scope final {
    public:
        explicit Scope(DeletionWatch &watch)
            : m_watch(watch)
            , m_outer(std::exchange(watch.m_innermost, this))
        {
        }
        ~Scope()
        {
            if (!m_deleted)
                m_watch.m_innermost = m_outer;
        }
        Scope(const Scope &) = delete;
        Scope &operator=(const Scope &) = delete;

        bool deleted() const { return m_deleted; }

    private:
        friend class DeletionWatch;
        DeletionWatch &m_watch;
        Scope *m_outer;
        bool m_deleted = false;
    };

    DeletionWatch() = default;
    DeletionWatch(const DeletionWatch &) = delete;
    DeletionWatch &operator=(const DeletionWatch &) = delete;
    ~DeletionWatch()
    {
        for (Scope *scope = m_innermost; scope; scope = scope->m_outer)
            scope->m_deleted = true;
    }

private:
    Scope *m_innermost = nullptr;
};

} // namespace topolab::runtime
