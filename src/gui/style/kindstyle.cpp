#include "kindstyle.h"

#include "tintedsvgiconengine.h"

#include <QCoreApplication>
#include <QHash>

using namespace Qt::StringLiterals;
using namespace topolab::core;

namespace topolab::gui {

QColor kindColor(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Client:
        return QColor(0x64, 0x74, 0x8b);
    case NodeKind::Dns:
        return QColor(0x0e, 0xa5, 0xe9);
    case NodeKind::LoadBalancer:
        return QColor(0x8b, 0x5c, 0xf6);
    case NodeKind::WebServer:
        return QColor(0x22, 0xc5, 0x5e);
    case NodeKind::AppServer:
        return QColor(0xf5, 0x9e, 0x0b);
    case NodeKind::Codebase:
        return QColor(0x78, 0x71, 0x6c);
    case NodeKind::Database:
        return QColor(0x25, 0x63, 0xeb);
    case NodeKind::Firewall:
        return QColor(0xef, 0x44, 0x44);
    case NodeKind::Monitoring:
        return QColor(0xec, 0x48, 0x99);
    }
    Q_UNREACHABLE();
}

QIcon kindIcon(NodeKind kind)
{
    // Cached: cards paint their icon on every repaint, and the engine keeps the parsed SVG.
    static QHash<int, QIcon> icons;
    QIcon &icon = icons[static_cast<int>(kind)];
    if (icon.isNull())
        icon = QIcon(
            new TintedSvgIconEngine(u":/icons/kinds/%1.svg"_s.arg(kindId(kind)), kindColor(kind)));
    return icon;
}

QString kindDescription(NodeKind kind)
{
    const char *text = nullptr;
    switch (kind) {
    case NodeKind::Client:
        text = QT_TRANSLATE_NOOP("KindStyle", "Where requests come from: browsers, curl, wrk.");
        break;
    case NodeKind::Dns:
        text = QT_TRANSLATE_NOOP("KindStyle", "Resolves the site's name to the entry point.");
        break;
    case NodeKind::LoadBalancer:
        text = QT_TRANSLATE_NOOP("KindStyle",
                                 "Spreads requests over the web servers behind it (HAProxy).");
        break;
    case NodeKind::WebServer:
        text = QT_TRANSLATE_NOOP("KindStyle",
                                 "Serves static files and forwards dynamic requests (nginx).");
        break;
    case NodeKind::AppServer:
        text = QT_TRANSLATE_NOOP("KindStyle", "Runs the application code behind the web server.");
        break;
    case NodeKind::Codebase:
        text = QT_TRANSLATE_NOOP("KindStyle", "The site's files and application code.");
        break;
    case NodeKind::Database:
        text = QT_TRANSLATE_NOOP("KindStyle",
                                 "MySQL: the primary takes writes, a replica copies it and "
                                 "serves reads.");
        break;
    case NodeKind::Firewall:
        text = QT_TRANSLATE_NOOP("KindStyle", "Lets only the traffic you allow through.");
        break;
    case NodeKind::Monitoring:
        text = QT_TRANSLATE_NOOP("KindStyle", "Collects metrics and logs and alerts on failure.");
        break;
    }
    return QCoreApplication::translate("KindStyle", text);
}

QIcon actionIcon(const QString &name)
{
    return QIcon(new TintedSvgIconEngine(u":/icons/actions/%1.svg"_s.arg(name)));
}

} // namespace topolab::gui
