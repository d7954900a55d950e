#include "sceneexporter.h"

#include "gui/canvas/topologyscene.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QGraphicsItem>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QPalette>
#include <QSaveFile>
#include <QSvgGenerator>

namespace topolab::gui {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(SceneExporter)
};

constexpr qreal kMargin = 32;

// Clears the selection while the picture is drawn and restores it afterwards.
class CleanDrawing final {
public:
    explicit CleanDrawing(TopologyScene &scene)
        : m_scene(scene)
        , m_selected(scene.selectedItems())
    {
        m_scene.clearSelection();
    }
    ~CleanDrawing()
    {
        for (QGraphicsItem *item : std::as_const(m_selected))
            item->setSelected(true);
    }
    Q_DISABLE_COPY_MOVE(CleanDrawing)

private:
    TopologyScene &m_scene;
    QList<QGraphicsItem *> m_selected;
};

QRectF exportArea(const TopologyScene &scene)
{
    const QRectF bounds = scene.designBounds();
    return bounds.isNull() ? QRectF() : bounds.adjusted(-kMargin, -kMargin, kMargin, kMargin);
}

} // namespace

std::optional<QString> SceneExporter::exportPng(TopologyScene &scene, const QString &path)
{
    const QRectF area = exportArea(scene);
    if (area.isEmpty())
        return Tr::tr("The design is empty; there is nothing to export.");
    CleanDrawing clean(scene);
    constexpr qreal kScale = 2;
    QImage image((area.size() * kScale).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.setDotsPerMeterX(qRound(96 * kScale / 0.0254));
    image.setDotsPerMeterY(qRound(96 * kScale / 0.0254));
    image.fill(scene.palette().base().color());
    {
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        scene.render(&painter, QRectF(QPointF(0, 0), image.size()), area);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Tr::tr("Cannot write %1: %2").arg(path, file.errorString());
    QImageWriter writer(&file, "png");
    if (!writer.write(image))
        return Tr::tr("Cannot write %1: %2").arg(path, writer.errorString());
    if (!file.flush() || !file.commit())
        return Tr::tr("Cannot write %1: %2").arg(path, file.errorString());
    return std::nullopt;
}

std::optional<QString> SceneExporter::exportSvg(TopologyScene &scene, const QString &path,
                                                const QString &title)
{
    const QRectF area = exportArea(scene);
    if (area.isEmpty())
        return Tr::tr("The design is empty; there is nothing to export.");
    CleanDrawing clean(scene);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Tr::tr("Cannot write %1: %2").arg(path, file.errorString());
    QSvgGenerator generator;
    generator.setOutputDevice(&file);
    generator.setSize(area.size().toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), area.size()));
    generator.setTitle(title);
    generator.setDescription(Tr::tr("Drawn by Topolab"));
    {
        QPainter painter(&generator);
        painter.fillRect(QRectF(QPointF(0, 0), area.size()), scene.palette().base());
        scene.render(&painter, QRectF(QPointF(0, 0), area.size()), area);
    }
    if (!file.flush() || !file.commit())
        return Tr::tr("Cannot write %1: %2").arg(path, file.errorString());
    return std::nullopt;
}

} // namespace topolab::gui
