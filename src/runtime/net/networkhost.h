#pragma once

#include <QCoreApplication>
#include <QProcess>
#include <QString>
#include <memory>

namespace topolab::runtime {

// One machine of the lab: a network namespace of its own, held by a descriptor of the lab process
// rather than by a process, so that it is gone the moment the lab process is, however that ends
// (its processes die with the lab: PR_SET_PDEATHSIG). Made inside the lab's user namespace
// (UserNamespace::enter) or by root.
class NetworkHost final {
    Q_DECLARE_TR_FUNCTIONS(NetworkHost)

public:
    // A new, empty namespace with its loopback up; nullptr with the reason when the kernel refuses.
    static std::unique_ptr<NetworkHost> create(const QString &name, QString *error);
    // Brings up the loopback interface of the namespace this thread is in: it starts down. Only
    // system calls, so that a forked child may call it too.
    static bool raiseLoopback();
    // The namespace this thread is in now (the lab's internet host).
    static std::unique_ptr<NetworkHost> current(const QString &name, QString *error);
    ~NetworkHost();
    NetworkHost(const NetworkHost &) = delete;
    NetworkHost &operator=(const NetworkHost &) = delete;

    const QString &name() const { return m_name; }
    int descriptor() const { return m_fd; }
    // What `ip link … netns` takes for this namespace.
    QString path() const;

    // `process`, when started, runs inside this host (and dies with the lab).
    void place(QProcess &process) const;
    // Where `program` is installed: on PATH, or in /usr/sbin and /sbin, which a normal user's
    // PATH may lack; empty when it is not.
    static QString findTool(const QString &program);
    // Runs `program` inside this host and waits for it (at most 10 s); false with its error
    // output when it fails.
    bool run(const QString &program, const QStringList &arguments, QString *error,
             const QByteArray &input = {}, QByteArray *output = nullptr) const;

    // Sockets this thread makes while a Scope lives are this host's; it leaves the host again at
    // the end of the scope. For the lab's own connections (a health probe, a stats read).
    class Scope final {
    public:
        explicit Scope(const NetworkHost *host);
        ~Scope();
        Scope(const Scope &) = delete;
        Scope &operator=(const Scope &) = delete;
        bool entered() const { return m_entered; }

    private:
        int m_previous = -1;
        bool m_entered = false;
    };

private:
    NetworkHost(QString name, int fd);

    QString m_name;
    int m_fd = -1;
};

} // namespace topolab::runtime
