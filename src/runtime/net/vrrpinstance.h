#pragma once

#include "runtime/process/childprocess.h"

#include <QCoreApplication>
#include <QObject>

namespace topolab::runtime {

class NetworkHost;

// One balancer's half of a floating IP: keepalived in the balancer's host, speaking VRRP (v3,
// unicast to its peer) and holding the address while it is master. The balancer's health is
// Topolab's to tell (setHealthy, through a track_file): keepalived's own check scripts never run
// in a user namespace (docs/lab-research.md), and a frozen balancer must lose the address too.
class VrrpInstance final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VrrpInstance)

public:
    enum class Role { Stopped, Backup, Master, Fault };
    struct Options {
        QString name;   // the balancer's, for the router id
        QString folder; // its configuration, health file and pid files
        const NetworkHost *host = nullptr;
        QString address; // its own
        QString peer;    // the other balancer's
        QString floating;
        int priority = 100;
        bool preempt = true;
    };

    explicit VrrpInstance(Options options, QObject *parent = nullptr);
    ~VrrpInstance() override;

    // Why a floating IP cannot run here, or "" when keepalived is installed.
    static QString missingTool();
    QString configuration() const;
    bool start(QString *error);
    void stop();
    // What keepalived tracks: false puts it in FAULT, which gives the address up. Safe from any
    // thread (a HealthProbe's).
    void setHealthy(bool healthy);
    Role role() const { return m_role; }
    // Reads what keepalived says within `ms`, for a caller without an event loop to spare.
    void waitForOutput(int ms);
    static QString roleName(Role role);

signals:
    void roleChanged(topolab::runtime::VrrpInstance::Role role);
    void logLine(const QString &line);
    void exitedUnexpectedly(const QString &why);

private:
    void readOutput();
    QString path(const char *file) const;

    Options m_options;
    ChildProcess m_child;
    Role m_role = Role::Stopped;
    QByteArray m_pending;
};

} // namespace topolab::runtime
