#pragma once

#include <QColor>

class QCustomPlot;
class QCPAxis;

namespace topolab::gui {

// One look for every chart: the window's palette for background, axes and text, and one colour
// per server that the canvas uses for the same server's traffic.
namespace ChartStyle {

QColor serverColor(int index);
void apply(QCustomPlot *plot, const QString &title);
void styleAxis(QCPAxis *axis, const QString &label);

} // namespace ChartStyle

} // namespace topolab::gui
