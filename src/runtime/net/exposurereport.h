#pragma once

#include <QCoreApplication>
#include <QList>
#include <QMetaType>
#include <QString>
#include <optional>

namespace topolab::runtime {

// What an exposure scan found: for every address and port of the lab it asked, whether the
// internet host's connection was accepted, refused or went unanswered. It tells the site's own
// web ports (80 and 443 on its public address, where the internet is meant to arrive) from every
// other port that answered, which the internet should not reach.
struct ExposureReport {
    Q_DECLARE_TR_FUNCTIONS(ExposureReport)

public:
    enum class Outcome { Open, Refused, Filtered };
    struct Target {
        QString machine; // as the lab lists it
        QString address;
        quint16 port = 0;
        QString role; // the machine's: "balancer", "server", "database", "firewall", "floating"
    };
    struct Result {
        Target target;
        Outcome outcome = Outcome::Filtered;
    };

    QString from; // the internet host's address
    QString site; // the site's public address: the balancer's, or the pair's floating IP
    bool firewall = false; // a firewall stands between the internet and the lab
    QList<Result> results;
    // Why there was nothing to scan (the design runs as one host); empty after a scan.
    QString error;

    // The report where there is no internet to scan from: every port is the desktop's own.
    static ExposureReport oneHost(const QString &reason);

    static QString outcomeName(Outcome outcome);
    static std::optional<Outcome> outcomeFromName(const QString &name);
    // The web and HTTPS ports on the site's public address: what the internet is meant to reach.
    bool isSite(const Target &target) const;
    QList<Result> open() const;
    // What answered beyond the site's own ports.
    QList<Result> exposed() const;
    qsizetype count(Outcome outcome) const;
    // One sentence: what the internet reaches besides the site, databases first, and what to do.
    QString verdict() const;
    // What probably listens there, from the machine's role and the port: "MySQL", "HTTP" …
    static QString serviceOf(const Target &target);
};

} // namespace topolab::runtime

Q_DECLARE_METATYPE(topolab::runtime::ExposureReport)
