#include "labnetwork.h"

#include "core/lab/labaddresses.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

namespace {

using core::LabAddresses;

const QString &kInside = LabNetwork::kInsideInterface;
const QString &kOutside = LabNetwork::kOutsideInterface;

bool writeSysctl(const NetworkHost &host, const QString &path, const QByteArray &value,
                 QString *error)
{
    // /proc/sys/net shows the namespace of the thread that opens it.
    const NetworkHost::Scope inside(&host);
    QFile file(path);
    if (!inside.entered() || !file.open(QIODevice::WriteOnly) || file.write(value) != value.size()) {
        *error = LabNetwork::tr("Cannot set %1 in host %2: %3")
                     .arg(path, host.name(), file.errorString());
        return false;
    }
    return true;
}

} // namespace

std::unique_ptr<LabNetwork> LabNetwork::build(const core::ClusterPlan &plan, QString *error)
{
    std::unique_ptr<LabNetwork> lab(new LabNetwork);
    lab->m_internet = NetworkHost::current(u"internet"_s, error);
    if (!lab->m_internet)
        return nullptr;
    lab->m_switch = NetworkHost::create(u"switch"_s, error);
    if (!lab->m_switch)
        return nullptr;
    const auto add = [&](const QString &name, QStringList nodeIds, const QString &address,
                         const QString &role) {
        Machine machine{name, std::move(nodeIds), address, role, nullptr, {}};
        machine.host = NetworkHost::create(name, error);
        if (!machine.host)
            return false;
        lab->m_machines.push_back(std::move(machine));
        return true;
    };
    if (plan.firewall && !add(plan.firewall->name, {plan.firewall->nodeId},
                              plan.firewall->address, u"firewall"_s))
        return nullptr;
    for (const core::ClusterPlan::Balancer *balancer : {&plan.balancer, plan.standby ? &*plan.standby : nullptr}) {
        if (balancer &&
            !add(balancer->name, {balancer->nodeId}, balancer->address, u"balancer"_s))
            return nullptr;
    }
    for (const core::ClusterPlan::Worker &worker : plan.workers) {
        QStringList ids = {worker.nodeId};
        if (!worker.appNodeId.isEmpty())
            ids.append(worker.appNodeId);
        if (!add(worker.label, ids, worker.address, u"server"_s))
            return nullptr;
    }
    for (const auto *database : {&plan.primary, &plan.replica}) {
        if (*database && !(*database)->external &&
            !add((*database)->name, {(*database)->nodeId}, (*database)->address,
                 u"database"_s))
            return nullptr;
    }
    // A pair's floating IP moves between the two; the wires reach it wherever it is.
    lab->m_publicAddress = plan.standby ? plan.floatingAddress : plan.balancer.address;
    if (!lab->wire(plan, error))
        return nullptr;
    return lab;
}

LabNetwork::~LabNetwork()
{
    QString ignored;
    if (m_wired)
        m_internet->run(u"ip"_s, {u"link"_s, u"del"_s, u"inet0"_s}, &ignored);
}

qsizetype LabNetwork::indexOf(const QString &nodeId) const
{
    for (size_t i = 0; i < m_machines.size(); ++i) {
        if (m_machines[i].nodeIds.contains(nodeId))
            return static_cast<qsizetype>(i);
    }
    return -1;
}

const NetworkHost *LabNetwork::hostOf(const QString &nodeId) const
{
    const qsizetype i = indexOf(nodeId);
    return i < 0 ? nullptr : m_machines[static_cast<size_t>(i)].host.get();
}

QString LabNetwork::addressOf(const QString &nodeId) const
{
    const qsizetype i = indexOf(nodeId);
    return i < 0 ? QString() : m_machines[static_cast<size_t>(i)].address;
}

const LabNetwork::Machine *LabNetwork::firewall() const
{
    for (const Machine &machine : m_machines) {
        if (machine.role == u"firewall"_s)
            return &machine;
    }
    return nullptr;
}

bool LabNetwork::closeFirewall(QString *error) const
{
    const Machine *wall = firewall();
    return !wall || writeSysctl(*wall->host, u"/proc/sys/net/ipv4/ip_forward"_s, "0", error);
}

QString LabNetwork::internetAddress() const
{
    return core::Ipv4::format(LabAddresses::kInternetHost);
}

bool LabNetwork::wire(const core::ClusterPlan &plan, QString *error)
{
    // The drawing's links, both ways.
    const auto link = [this](const QString &a, const QString &b) {
        const qsizetype first = indexOf(a);
        const qsizetype second = indexOf(b);
        if (first < 0 || second < 0 || first == second)
            return;
        m_machines[static_cast<size_t>(first)].peers.append(
            m_machines[static_cast<size_t>(second)].address);
        m_machines[static_cast<size_t>(second)].peers.append(
            m_machines[static_cast<size_t>(first)].address);
    };
    // The pair's VRRP adverts go between the two balancers.
    if (plan.standby)
        link(plan.balancer.nodeId, plan.standby->nodeId);
    for (const core::ClusterPlan::Worker &worker : plan.workers) {
        link(plan.balancer.nodeId, worker.nodeId);
        if (plan.standby)
            link(plan.standby->nodeId, worker.nodeId);
        if (worker.hasApp) {
            for (const auto *database : {&plan.primary, &plan.replica})
                if (*database)
                    link(worker.nodeId, (*database)->nodeId);
        }
    }
    if (plan.primary && plan.replica)
        link(plan.primary->nodeId, plan.replica->nodeId);

    const Machine *wall = firewall();
    const QString internet = internetAddress();
    const QString gateway = wall ? wall->address : internet;
    m_wired = true;
    QByteArray switchCommands = "link add name br0 type bridge\nlink set br0 up\n";
    QByteArray internetCommands;
    const QByteArray inside = kInside.toUtf8();
    QList<QByteArray> machineCommands;
    int port = 0;
    for (const Machine &machine : m_machines) {
        const QByteArray plug = "p" + QByteArray::number(++port);
        switchCommands += "link add name " + plug + " type veth peer name " + kInside.toUtf8() +
                          " netns " + machine.host->path().toUtf8() + "\nlink set " + plug +
                          " master br0 up\n";
        QByteArray commands = "link set " + inside + " up\n";
        if (&machine == wall) {
            commands += "addr add " + machine.address.toUtf8() + "/" +
                        QByteArray::number(LabAddresses::kPrivateNetwork.prefix) + " dev " + inside + "\n";
        } else {
            // From its own address always: a balancer holding the floating IP has two.
            const QByteArray own = machine.address.toUtf8();
            const QByteArray route = "/32 dev " + inside + " src " + own + "\n";
            commands += "addr add " + own + "/32 dev " + inside + "\n";
            for (const QString &peer : machine.peers)
                commands += "route add " + peer.toUtf8() + route;
            commands += "route add " + gateway.toUtf8() + route + "route add default via " +
                        gateway.toUtf8() + " dev " + inside + " src " + own + "\n";
            if (!wall)
                internetCommands += "route add " + own + "/32 dev inet0\n";
        }
        machineCommands.append(commands);
    }
    if (!m_switch->run(u"ip"_s, {u"-batch"_s, u"-"_s}, error, switchCommands))
        return false;
    if (wall) {
        // The internet is wired to the firewall's outside only.
        const QString outside = core::Ipv4::format(LabAddresses::kFirewallOutside);
        const QByteArray prefix = QByteArray::number(LabAddresses::kInternetNetwork.prefix);
        internetCommands = "link add name inet0 type veth peer name " + kOutside.toUtf8() +
                           " netns " + wall->host->path().toUtf8() + "\nlink set inet0 up\naddr add " +
                           internet.toUtf8() + "/" + prefix + " dev inet0\nroute add " +
                           LabAddresses::kPrivateNetwork.text().toUtf8() + " via " +
                           outside.toUtf8() + "\n";
        if (!m_internet->run(u"ip"_s, {u"-batch"_s, u"-"_s}, error, internetCommands))
            return false;
        if (!wall->host->run(u"ip"_s, {u"-batch"_s, u"-"_s}, error,
                             "link set " + kOutside.toUtf8() + " up\naddr add " + outside.toUtf8() +
                                 "/" + prefix + " dev " + kOutside.toUtf8() + "\n"))
            return false;
        if (!writeSysctl(*wall->host, u"/proc/sys/net/ipv4/ip_forward"_s, "1", error))
            return false;
    } else {
        // No firewall: the internet sits on the same wire as every machine.
        if (plan.standby)
            internetCommands += "route add " + m_publicAddress.toUtf8() + "/32 dev inet0\n";
        internetCommands = "link add name inet0 type veth peer name p0 netns " +
                           m_switch->path().toUtf8() + "\nlink set inet0 up\naddr add " +
                           internet.toUtf8() + "/32 dev inet0\n" + internetCommands;
        if (!m_internet->run(u"ip"_s, {u"-batch"_s, u"-"_s}, error, internetCommands) ||
            !m_switch->run(u"ip"_s, {u"-batch"_s, u"-"_s}, error, "link set p0 master br0 up\n"))
            return false;
    }
    for (size_t i = 0; i < m_machines.size(); ++i) {
        if (!m_machines[i].host->run(u"ip"_s, {u"-batch"_s, u"-"_s}, error,
                                     machineCommands.at(static_cast<qsizetype>(i))))
            return false;
    }
    return true;
}

} // namespace topolab::runtime
