#include "palettepanel.h"

#include "core/kindcatalog.h"
#include "gui/canvas/nodeitem.h"
#include "gui/style/kindstyle.h"
#include "palettemime.h"

#include <QDrag>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using namespace topolab::core;

namespace topolab::gui {

namespace {

constexpr int kKindRole = Qt::UserRole + 1;

// A list whose entries drag out as node kinds rather than as list items.
class PaletteList final : public QListWidget {
public:
    using QListWidget::QListWidget;

protected:
    // Dragging a kind out copies it; a move would make the view remove the entry afterwards.
    Qt::DropActions supportedDropActions() const override { return Qt::CopyAction; }
    QStringList mimeTypes() const override { return {QString::fromLatin1(PaletteMime::kType)}; }
    QMimeData *mimeData(const QList<QListWidgetItem *> &items) const override
    {
        if (items.isEmpty())
            return nullptr;
        return PaletteMime::create(static_cast<NodeKind>(items.first()->data(kKindRole).toInt()));
    }

    // The drag shows the card that the drop will create, held by its centre.
    void startDrag(Qt::DropActions) override
    {
        QListWidgetItem *item = currentItem();
        if (!item)
            return;
        const auto kind = static_cast<NodeKind>(item->data(kKindRole).toInt());
        Node preview;
        preview.kind = kind;
        preview.name = kindDisplayName(kind);
        preview.properties = KindCatalog::defaultProperties(kind);
        NodeItem card(preview);
        const qreal ratio = devicePixelRatioF();
        QPixmap pixmap((card.boundingRect().size() * ratio).toSize());
        pixmap.setDevicePixelRatio(ratio);
        pixmap.fill(Qt::transparent);
        {
            QPainter painter(&pixmap);
            painter.setOpacity(0.85);
            painter.translate(-card.boundingRect().topLeft());
            QStyleOptionGraphicsItem option;
            option.palette = palette();
            card.paint(&painter, &option, nullptr);
        }
        auto *drag = new QDrag(this);
        drag->setMimeData(PaletteMime::create(kind));
        drag->setPixmap(pixmap);
        drag->setHotSpot((-card.boundingRect().topLeft() +
                          QPointF(NodeItem::kSize.width(), NodeItem::kSize.height()) / 2)
                             .toPoint());
        drag->exec(Qt::CopyAction, Qt::CopyAction);
    }
};

} // namespace

PalettePanel::PalettePanel(QWidget *parent)
    : QWidget(parent)
    , m_search(new QLineEdit(this))
    , m_list(new PaletteList(this))
{
    m_search->setPlaceholderText(tr("Search components"));
    m_search->setClearButtonEnabled(true);
    m_list->setObjectName(u"paletteList"_s);
    m_list->setDragEnabled(true);
    m_list->setDragDropMode(QAbstractItemView::DragOnly);
    m_list->setDefaultDropAction(Qt::CopyAction);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setIconSize(QSize(28, 28));
    m_list->setSpacing(2);
    m_list->setUniformItemSizes(true);
    for (NodeKind kind : allNodeKinds()) {
        auto *item = new QListWidgetItem(kindIcon(kind), kindDisplayName(kind), m_list);
        item->setData(kKindRole, static_cast<int>(kind));
        item->setToolTip(tr("%1\n%2\nDrag onto the canvas, or double-click to add.")
                             .arg(kindDisplayName(kind), kindDescription(kind)));
    }

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_search);
    layout->addWidget(m_list);

    connect(m_search, &QLineEdit::textChanged, this, &PalettePanel::setFilter);
    const auto add = [this](QListWidgetItem *item) {
        if (item)
            emit addRequested(static_cast<NodeKind>(item->data(kKindRole).toInt()));
    };
    connect(m_list, &QListWidget::itemActivated, this, add);
    // Enter in the search field adds the one visible match, keyboard only.
    connect(m_search, &QLineEdit::returnPressed, this, [this, add] {
        for (int row = 0; row < m_list->count(); ++row) {
            if (!m_list->item(row)->isHidden()) {
                add(m_list->item(row));
                return;
            }
        }
    });
}

void PalettePanel::setFilter(const QString &text)
{
    const QString needle = text.trimmed();
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem *item = m_list->item(row);
        const NodeKind kind = static_cast<NodeKind>(item->data(kKindRole).toInt());
        const bool match = needle.isEmpty() || item->text().contains(needle, Qt::CaseInsensitive) ||
                           kindDescription(kind).contains(needle, Qt::CaseInsensitive) ||
                           kindId(kind).contains(needle, Qt::CaseInsensitive);
        item->setHidden(!match);
    }
    if (m_search->text() != text)
        m_search->setText(text);
}

} // namespace topolab::gui
