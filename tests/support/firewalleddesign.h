#pragma once

#include <QJsonArray>
#include <QJsonObject>

// The www.foobar.com design (as JSON) with a firewall "fw" between its DNS name and its balancer
// "lb"; `rules`, if given, are the firewall's own rules.
inline QJsonObject withFirewallInFront(QJsonObject design, const QString &rules = {})
{
    using namespace Qt::StringLiterals;
    QJsonArray nodes = design.value(u"nodes"_s).toArray();
    QJsonObject properties;
    if (!rules.isNull())
        properties.insert(u"rules"_s, rules);
    nodes.append(QJsonObject{{u"id"_s, u"fw"_s}, {u"kind"_s, u"firewall"_s},
                             {u"name"_s, u"Firewall"_s}, {u"properties"_s, properties}});
    QJsonArray links;
    for (const QJsonValue &value : design.value(u"links"_s).toArray()) {
        QJsonObject link = value.toObject();
        if (link.value(u"from"_s) == u"dns"_s)
            link.insert(u"to"_s, u"fw"_s);
        links.append(link);
    }
    links.append(QJsonObject{{u"id"_s, u"link-fw"_s}, {u"from"_s, u"fw"_s}, {u"to"_s, u"lb"_s}});
    design.insert(u"nodes"_s, nodes);
    design.insert(u"links"_s, links);
    return design;
}
