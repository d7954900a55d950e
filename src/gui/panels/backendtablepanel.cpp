#include "backendtablepanel.h"

#include "core/kindcatalog.h"
#include "gui/live/backendtablemodel.h"
#include "gui/live/livestatemodel.h"
#include "gui/live/serverstateaction.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using topolab::runtime::BackendTable;
using topolab::runtime::ServerAdminState;

namespace topolab::gui {

namespace {

// The weight is edited within the design's range, so the design can follow the edit.
class WeightDelegate final : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &,
                          const QModelIndex &) const override
    {
        auto *spin = new QSpinBox(parent);
        const core::PropertySpec *spec =
            core::KindCatalog::property(core::NodeKind::WebServer, core::PropertyKey::weight);
        spin->setRange(spec->minimum(), spec->maximum());
        spin->setFrame(false);
        return spin;
    }
};

} // namespace

BackendTablePanel::BackendTablePanel(const LiveStateModel &live, QWidget *parent)
    : QWidget(parent)
    , m_model(new BackendTableModel(live, this))
    , m_pages(new QStackedWidget(this))
    , m_empty(new QLabel(this))
    , m_view(new QTableView(this))
{
    auto *bar = new QToolBar(this);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    for (const ServerStateAction &action : ServerStateAction::all()) {
        QAction *added =
            bar->addAction(action.text, this, [this, state = action.state] { request(state); });
        added->setObjectName(action.id);
        added->setToolTip(action.tip);
        m_actions.insert(action.state, added);
    }

    m_empty->setText(tr("The servers behind the load balancer show here while the cluster runs: "
                        "their state, health checks, connections, errors and latency. Start the "
                        "cluster (F5) to see them."));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setMargin(12);

    m_view->setObjectName(u"backendTable"_s);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::SelectedClicked);
    m_view->setItemDelegateForColumn(BackendTable::Weight, new WeightDelegate(m_view));
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        if (selectedRow() < 0)
            return;
        QMenu menu(this);
        menu.addActions(m_actions.values());
        menu.exec(m_view->viewport()->mapToGlobal(at));
    });

    m_pages->addWidget(m_empty);
    m_pages->addWidget(m_view);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(bar);
    layout->addWidget(m_pages);

    connect(m_model, &BackendTableModel::weightRequested, this,
            &BackendTablePanel::weightRequested);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_pages->setCurrentWidget(m_model->rowCount() > 0 ? static_cast<QWidget *>(m_view)
                                                          : m_empty);
        if (m_model->rowCount() > 0)
            m_view->selectRow(0);
        updateActions();
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, &BackendTablePanel::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &BackendTablePanel::updateActions);
    updateActions();
}

int BackendTablePanel::selectedRow() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void BackendTablePanel::selectServer(const QString &nodeId)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->nodeId(row) == nodeId)
            m_view->selectRow(row);
    }
}

void BackendTablePanel::updateActions()
{
    const int row = selectedRow();
    const ServerAdminState state = m_model->adminState(row);
    for (auto it = m_actions.cbegin(); it != m_actions.cend(); ++it)
        it.value()->setEnabled(row >= 0 && state != it.key());
}

void BackendTablePanel::request(ServerAdminState state)
{
    const int row = selectedRow();
    if (row >= 0)
        emit stateRequested(m_model->nodeId(row), state);
}

} // namespace topolab::gui
