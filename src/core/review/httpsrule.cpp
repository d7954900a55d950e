#include "httpsrule.h"

#include "core/kindcatalog.h"
#include "core/topology.h"
#include "core/topologygraph.h"
#include "reviewtext.h"

namespace topolab::core {

QList<Finding> HttpsRule::check(const Topology &topology) const
{
    QStringList plain;
    for (const Node *server : TopologyGraph::frontServers(topology, true)) {
        if (!topology.property(server->id, PropertyKey::https).toBool())
            plain.append(server->id);
    }
    if (plain.isEmpty())
        return {};
    const QString names = ReviewText::nodeNames(topology, plain);
    return {
        {id(), Severity::Warning, plain,
         tr("No HTTPS: %1 serve(s) plain HTTP", nullptr, static_cast<int>(plain.size())).arg(names),
         tr("Requests and responses, passwords and cookies included, cross the Internet "
            "unencrypted and can be read or changed on the way."),
         tr("Terminate TLS at %1: turn on \"Terminates HTTPS\" (port 443 with a certificate) "
            "and redirect port 80 to HTTPS.")
             .arg(names)}};
}

} // namespace topolab::core
