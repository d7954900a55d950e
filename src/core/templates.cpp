#include "templates.h"

#include <QCoreApplication>
#include <QFile>

using namespace Qt::StringLiterals;

namespace topolab::core::Templates {

namespace {

struct TemplateInfo {
    QLatin1StringView name;
    QLatin1StringView resource;
    const char *description;
};

constexpr TemplateInfo kTemplates[] = {
    {"foobar"_L1, ":/templates/foobar.topo.json"_L1,
     QT_TRANSLATE_NOOP("Templates", "www.foobar.com: DNS, one round-robin load balancer, two "
                                    "servers (web, application, codebase), MySQL primary and "
                                    "replica")},
    {"foobar-fixed"_L1, ":/templates/foobar-fixed.topo.json"_L1,
     QT_TRANSLATE_NOOP("Templates", "www.foobar.com, fixed: the same behind a firewall, with an "
                                    "active-passive balancer pair sharing a floating IP")},
};

const TemplateInfo *find(const QString &name)
{
    for (const TemplateInfo &info : kTemplates) {
        if (info.name == name)
            return &info;
    }
    return nullptr;
}

} // namespace

QStringList names()
{
    QStringList result;
    for (const TemplateInfo &info : kTemplates)
        result.append(info.name);
    return result;
}

QString description(const QString &name)
{
    const TemplateInfo *info = find(name);
    return info ? QCoreApplication::translate("Templates", info->description) : QString();
}

TopologyFile::LoadResult load(const QString &name)
{
    const TemplateInfo *info = find(name);
    if (!info)
        return FileError{name,
                         {},
                         QCoreApplication::translate("Templates",
                                                     "there is no template of that name; the "
                                                     "templates are: %1")
                             .arg(names().join(u", "_s))};
    QFile file(info->resource);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("Built-in template %s is missing from the binary", qPrintable(info->resource));
    return TopologyFile::parse(file.readAll(), u"template "_s + name);
}

} // namespace topolab::core::Templates
