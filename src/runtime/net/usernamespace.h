#pragma once

#include <QCoreApplication>
#include <QString>

namespace topolab::runtime {

// The lab's user namespace. A lab process enters one of its own, with a network namespace of its
// own (the lab's internet host), before it starts any thread: the kernel refuses a multi-threaded
// process a new user namespace. In it the process is root over the namespaces it makes, and over
// nothing else of the machine; the user's own network is never touched.
class UserNamespace final {
    Q_DECLARE_TR_FUNCTIONS(UserNamespace)

public:
    // Whether a lab can run here, tried in a child process so that a failure leaves this one as it
    // was; otherwise, in plain words, why not and what would allow it. TOPOLAB_LAB=host always
    // says no.
    static bool isAvailable(QString *why);
    // Enters a new user and network namespace; false with the reason when the kernel refuses.
    static bool enter(QString *why);
    // Whether this process runs in a lab's user namespace (entered by enter()).
    static bool isEntered();

private:
    static QString explain(int error, const char *step);
};

} // namespace topolab::runtime
