#include "nftfirewall.h"

#include "core/lab/labaddresses.h"
#include "labnetwork.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

namespace {

using Place = core::FirewallRuleList::Place;

const QString kTable = u"topolab"_s;
const QString &kOutside = LabNetwork::kOutsideInterface;
const QString &kInside = LabNetwork::kInsideInterface;

QString nftString(QString text)
{
    return u"\"%1\""_s.arg(text.remove(u'"').remove(u'\\'));
}

} // namespace

NftFirewall::NftFirewall(const core::ClusterPlan &plan, const LabNetwork &lab)
    : m_plan(plan)
    , m_lab(lab)
{
}

QString NftFirewall::missingTool()
{
    if (!NetworkHost::findTool(u"nft"_s).isEmpty())
        return {};
    return tr("the firewall needs nftables, which is not installed: sudo apt-get install nftables");
}

QString NftFirewall::addressesOf(Place place) const
{
    QStringList addresses;
    const auto add = [&](const QString &nodeId) {
        const QString address = m_lab.addressOf(nodeId);
        if (!address.isEmpty() && !addresses.contains(address))
            addresses.append(address);
    };
    switch (place) {
    case Place::Public:
        addresses.append(m_lab.publicAddress());
        break;
    case Place::Balancers:
        add(m_plan.balancer.nodeId);
        if (m_plan.standby)
            add(m_plan.standby->nodeId);
        break;
    case Place::Servers:
    case Place::Apps:
        for (const core::ClusterPlan::Worker &worker : m_plan.workers) {
            if (place == Place::Servers || worker.hasApp)
                add(worker.nodeId);
        }
        break;
    case Place::Databases:
        for (const auto *database : {&m_plan.primary, &m_plan.replica})
            if (*database)
                add((*database)->nodeId);
        break;
    case Place::Internet:
        addresses.append(core::LabAddresses::kInternetNetwork.text());
        break;
    case Place::Any:
    case Place::Address:
        break;
    }
    // A place with no machine matches nothing: an address no packet has.
    return addresses.isEmpty() ? u"0.0.0.0/32"_s : addresses.join(u", "_s);
}

QString NftFirewall::match(const core::FirewallRuleList::Endpoint &endpoint,
                           const char *direction) const
{
    if (endpoint.place == Place::Any)
        return {};
    const QString addresses =
        endpoint.place == Place::Address ? endpoint.address : addressesOf(endpoint.place);
    return u"ip %1 { %2 } "_s.arg(QLatin1StringView(direction), addresses);
}

QString NftFirewall::ruleset() const
{
    const core::ClusterPlan::Firewall &wall = *m_plan.firewall;
    QStringList counters = {u"counter allowed { comment \"to the public ports\" }"_s,
                            u"counter dropped { comment \"everything else from the internet\" }"_s};
    QStringList rules;
    QStringList ports;
    for (int port : wall.publicPorts)
        ports.append(QString::number(port));
    rules.append(u"iifname \"%1\" ip daddr %2 tcp dport { %3 } counter name allowed accept"_s.arg(
        kOutside, m_lab.publicAddress(), ports.join(u", "_s)));
    for (qsizetype i = 0; i < wall.rules.size(); ++i) {
        const core::FirewallRuleList::Rule &rule = wall.rules.at(i);
        const QString name = u"rule_%1"_s.arg(i + 1);
        counters.append(u"counter %1 { comment %2 }"_s.arg(name, nftString(rule.text)));
        QStringList rulePorts;
        for (int port : rule.ports)
            rulePorts.append(QString::number(port));
        rules.append(u"%1%2%3 dport { %4 } counter name %5 %6"_s.arg(
            match(rule.from, "saddr"), match(rule.to, "daddr"), rule.protocol,
            rulePorts.join(u", "_s), name,
            rule.action == core::FirewallRuleList::Action::Allow ? u"accept"_s : u"drop"_s));
    }
    const QString fromInternet = u"iifname \"%1\""_s.arg(kOutside);
    const QString rest = wall.dropByDefault ? u"%1 counter name dropped drop"_s.arg(fromInternet)
                                            : u"%1 accept"_s.arg(fromInternet);
    // Machines of the private network talk only over the links drawn between them: what they
    // send to each other through the firewall is dropped.
    const QString hairpin =
        u"iifname \"%1\" oifname \"%1\" counter name dropped drop"_s.arg(kInside);
    return u"flush ruleset\n"
           "table inet %1 {\n"
           "  %2\n"
           "  chain forward {\n"
           "    type filter hook forward priority filter; policy accept;\n"
           "    ct state established,related accept\n"
           "    ct state invalid counter name dropped drop\n"
           "    %3\n"
           "    %4\n"
           "    %5\n"
           "  }\n"
           "  chain input {\n"
           "    type filter hook input priority filter; policy accept;\n"
           "    iif lo accept\n"
           "    ct state established,related accept\n"
           "    %6\n"
           "  }\n"
           "}\n"_s.arg(kTable, counters.join(u"\n  "_s), rules.join(u"\n    "_s), rest, hairpin,
                      wall.dropByDefault ? u"%1 counter name dropped drop"_s.arg(fromInternet)
                                         : QString());
}

bool NftFirewall::apply(QString *error) const
{
    const LabNetwork::Machine *wall = m_lab.firewall();
    if (!wall) {
        *error = tr("the lab has no firewall host");
        return false;
    }
    const QByteArray text = ruleset().toUtf8();
    QString why;
    // The check first: a ruleset nft refuses is reported as nft words it, and nothing is loaded.
    if (!wall->host->run(u"nft"_s, {u"-c"_s, u"-f"_s, u"-"_s}, &why, text) ||
        !wall->host->run(u"nft"_s, {u"-f"_s, u"-"_s}, &why, text)) {
        *error = tr("nftables refused the firewall's rules: %1").arg(why);
        return false;
    }
    return true;
}

qint64 NftFirewall::droppedPackets() const
{
    const LabNetwork::Machine *wall = m_lab.firewall();
    QByteArray output;
    QString error;
    if (!wall || !wall->host->run(u"nft"_s, {u"-j"_s, u"list"_s, u"counters"_s}, &error, {},
                                  &output))
        return -1;
    QSet<QString> dropping = {u"dropped"_s};
    for (qsizetype i = 0; i < m_plan.firewall->rules.size(); ++i) {
        if (m_plan.firewall->rules.at(i).action == core::FirewallRuleList::Action::Drop)
            dropping.insert(u"rule_%1"_s.arg(i + 1));
    }
    qint64 dropped = 0;
    for (const QJsonValue &item :
         QJsonDocument::fromJson(output).object().value(u"nftables"_s).toArray()) {
        const QJsonObject counter = item.toObject().value(u"counter"_s).toObject();
        if (dropping.contains(counter.value(u"name"_s).toString()))
            dropped += counter.value(u"packets"_s).toInteger();
    }
    return dropped;
}

} // namespace topolab::runtime
