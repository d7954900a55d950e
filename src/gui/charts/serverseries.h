#pragma once

#include <QColor>
#include <QList>
#include <QString>

namespace topolab::gui {

// One server of the running cluster as the charts and the canvas show it: the balancer's name
// for it (X-Served-By), the label the user knows it by, and its colour.
struct ServerSeries {
    QString backend;
    QString label;
    QColor color;

    friend bool operator==(const ServerSeries &, const ServerSeries &) = default;
};

using ServerList = QList<ServerSeries>;

} // namespace topolab::gui
