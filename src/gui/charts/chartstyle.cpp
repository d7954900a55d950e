#include "chartstyle.h"

#include <QApplication>
#include <qcustomplot.h>

namespace topolab::gui {

QColor ChartStyle::serverColor(int index)
{
    static const QColor colors[] = {QColor(0x25, 0x63, 0xeb), QColor(0xf9, 0x73, 0x16),
                                    QColor(0x16, 0xa3, 0x4a), QColor(0x93, 0x33, 0xea),
                                    QColor(0xdb, 0x27, 0x77), QColor(0x08, 0x91, 0xb2)};
    return colors[static_cast<size_t>(index) % std::size(colors)];
}

void ChartStyle::styleAxis(QCPAxis *axis, const QString &label)
{
    const QPalette palette = QApplication::palette();
    const QColor text = palette.color(QPalette::WindowText);
    QColor grid = palette.color(QPalette::Mid);
    grid.setAlpha(90);
    axis->setLabel(label);
    axis->setLabelColor(text);
    axis->setTickLabelColor(text);
    axis->setBasePen(QPen(palette.color(QPalette::Mid)));
    axis->setTickPen(QPen(palette.color(QPalette::Mid)));
    axis->setSubTickPen(Qt::NoPen);
    // Small charts: a few round ticks read better than many crowded ones.
    axis->ticker()->setTickCount(4);
    axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
    QFont font = QApplication::font();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    axis->setTickLabelFont(font);
    axis->setLabelFont(font);
}

void ChartStyle::apply(QCustomPlot *plot, const QString &title)
{
    const QPalette palette = QApplication::palette();
    plot->setBackground(palette.color(QPalette::Base));
    plot->axisRect()->setBackground(palette.color(QPalette::Base));
    if (plot->plotLayout()->rowCount() < 2 ||
        !qobject_cast<QCPTextElement *>(plot->plotLayout()->element(0, 0))) {
        plot->plotLayout()->insertRow(0);
        QFont font = QApplication::font();
        font.setBold(true);
        plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, title, font));
    }
    auto *heading = qobject_cast<QCPTextElement *>(plot->plotLayout()->element(0, 0));
    heading->setText(title);
    heading->setTextColor(palette.color(QPalette::WindowText));
    QFont legendFont = QApplication::font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.8);
    plot->legend->setFont(legendFont);
    plot->legend->setTextColor(palette.color(QPalette::WindowText));
    QColor legendBack = palette.color(QPalette::Base);
    legendBack.setAlpha(210);
    plot->legend->setBrush(legendBack);
    plot->legend->setBorderPen(Qt::NoPen);
    plot->legend->setRowSpacing(0);
    plot->legend->setColumnSpacing(10);
    plot->legend->setIconSize(18, 10);
}

} // namespace topolab::gui
