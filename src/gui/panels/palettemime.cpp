#include "palettemime.h"

#include <QMimeData>

namespace topolab::gui {

QMimeData *PaletteMime::create(core::NodeKind kind)
{
    auto *data = new QMimeData;
    data->setData(QString::fromLatin1(kType), core::kindId(kind).toUtf8());
    return data;
}

std::optional<core::NodeKind> PaletteMime::kindOf(const QMimeData *data)
{
    if (!data || !data->hasFormat(QString::fromLatin1(kType)))
        return std::nullopt;
    return core::kindFromId(QString::fromUtf8(data->data(QString::fromLatin1(kType))));
}

} // namespace topolab::gui
