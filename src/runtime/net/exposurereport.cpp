#include "exposurereport.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

namespace {

constexpr quint16 kHttp = 80;
constexpr quint16 kHttps = 443;
constexpr quint16 kSsh = 22;

QString where(const ExposureReport::Result &result)
{
    return u"%1 %2:%3"_s.arg(result.target.machine, result.target.address).arg(result.target.port);
}

} // namespace

ExposureReport ExposureReport::oneHost(const QString &reason)
{
    ExposureReport report;
    report.error = tr("Cannot scan: the design runs as one host, where every port is the "
                      "desktop's own. %1")
                       .arg(reason)
                       .trimmed();
    return report;
}

QString ExposureReport::outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Open:
        return u"open"_s;
    case Outcome::Refused:
        return u"closed"_s;
    case Outcome::Filtered:
        return u"filtered"_s;
    }
    return {};
}

std::optional<ExposureReport::Outcome> ExposureReport::outcomeFromName(const QString &name)
{
    for (Outcome outcome : {Outcome::Open, Outcome::Refused, Outcome::Filtered})
        if (outcomeName(outcome) == name)
            return outcome;
    return std::nullopt;
}

bool ExposureReport::isSite(const Target &target) const
{
    return target.address == site && (target.port == kHttp || target.port == kHttps);
}

QList<ExposureReport::Result> ExposureReport::open() const
{
    QList<Result> found;
    for (const Result &result : results)
        if (result.outcome == Outcome::Open)
            found.append(result);
    return found;
}

QList<ExposureReport::Result> ExposureReport::exposed() const
{
    QList<Result> found;
    for (const Result &result : open())
        if (!isSite(result.target))
            found.append(result);
    // The databases first: they are what an attacker wants.
    std::stable_partition(found.begin(), found.end(),
                          [](const Result &result) { return result.target.role == u"database"; });
    return found;
}

qsizetype ExposureReport::count(Outcome outcome) const
{
    return std::count_if(results.cbegin(), results.cend(),
                         [outcome](const Result &result) { return result.outcome == outcome; });
}

QString ExposureReport::verdict() const
{
    if (!error.isEmpty())
        return error;
    const QList<Result> beyond = exposed();
    if (beyond.isEmpty()) {
        QStringList served;
        for (const Result &result : open())
            served.append(where(result));
        if (served.isEmpty())
            return tr("The internet reaches nothing of the lab, not even the site: is the "
                      "balancer or the firewall down?");
        return tr("The internet reaches only the site: %1.").arg(served.join(u", "_s));
    }
    constexpr qsizetype kNamed = 3;
    QStringList named;
    for (const Result &result : beyond.mid(0, kNamed))
        named.append(where(result));
    const QString list =
        beyond.size() > kNamed
            ? tr("%1 and %2 more").arg(named.join(u", "_s)).arg(beyond.size() - kNamed)
            : named.join(u", "_s);
    const auto databases = std::count_if(beyond.cbegin(), beyond.cend(), [](const Result &r) {
        return r.target.role == u"database";
    });
    const QString what =
        databases > 1 ? tr("Besides the site, the internet reaches %1 — the databases "
                           "among them, where anyone may try passwords.")
                            .arg(list)
        : databases == 1 ? tr("Besides the site, the internet reaches %1 — a database among "
                              "them, where anyone may try passwords.")
                               .arg(list)
                         : tr("Besides the site, the internet reaches %1.").arg(list);
    const QString fix = firewall
                            ? tr("The firewall lets them through: its default policy or one of "
                                 "its rules allows more than the web ports.")
                            : tr("Put a firewall in front of the balancer that lets only the web "
                                 "ports in.");
    return what + u' ' + fix;
}

QString ExposureReport::serviceOf(const Target &target)
{
    if (target.port == kSsh)
        return tr("SSH");
    if (target.port == kHttps)
        return tr("HTTPS");
    if (target.role == u"database")
        return tr("MySQL");
    return tr("HTTP");
}

} // namespace topolab::runtime
