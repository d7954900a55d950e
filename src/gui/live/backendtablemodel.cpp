#include "backendtablemodel.h"

#include "livesession.h"
#include "livestatemodel.h"

namespace topolab::gui {

using runtime::BackendTable;

BackendTableModel::BackendTableModel(const LiveStateModel &live, QObject *parent)
    : QAbstractTableModel(parent)
    , m_live(live)
{
    const auto reset = [this] {
        beginResetModel();
        m_rows = static_cast<int>(m_live.servers().size());
        m_weights.clear();
        endResetModel();
    };
    connect(&live, &LiveStateModel::begun, this, reset);
    connect(&live, &LiveStateModel::ended, this, reset);
    connect(&live, &LiveStateModel::trafficChanged, this, [this] {
        if (m_rows == 0)
            return;
        // Not the weight, unless it changed: that would reset a weight being typed in.
        emit dataChanged(index(0, 0), index(m_rows - 1, BackendTable::Weight - 1));
        emit dataChanged(index(0, BackendTable::Weight + 1),
                         index(m_rows - 1, BackendTable::ColumnCount - 1));
        for (int row = 0; row < m_rows; ++row) {
            const int weight = m_live.servers().at(row).live.weight;
            if (m_weights.value(row, -1) != weight) {
                m_weights.insert(row, weight);
                emit dataChanged(index(row, BackendTable::Weight),
                                 index(row, BackendTable::Weight));
            }
        }
    });
    // A server's state cell shows its process too (a worker killed is down before a check says).
    connect(&live, &LiveStateModel::nodeChanged, this, [this](const QString &nodeId) {
        for (int row = 0; row < m_rows; ++row) {
            if (m_live.servers().at(row).nodeId == nodeId)
                emit dataChanged(index(row, BackendTable::State), index(row, BackendTable::State));
        }
    });
}

int BackendTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int BackendTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : BackendTable::ColumnCount;
}

QVariant BackendTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows)
        return {};
    const LiveStateModel::Server &server = m_live.servers().at(index.row());
    const auto column = static_cast<BackendTable::Column>(index.column());
    switch (role) {
    case Qt::DisplayRole: {
        // Its process's state says first what the checks find out later (a worker killed or
        // frozen is down before the balancer notices).
        const runtime::NodeState process = m_live.state(server.nodeId);
        const bool running =
            process == runtime::NodeState::Healthy || process == runtime::NodeState::Degraded;
        if (column == BackendTable::State && (!running || server.sampledMs < 0))
            return runtime::nodeStateName(process);
        if (server.sampledMs < 0 && column != BackendTable::Server)
            return QString();
        return BackendTable::cell(server.live, server.series.label, server.sampledMs, column);
    }
    case Qt::EditRole:
        if (column == BackendTable::Weight)
            return server.live.weight;
        return {};
    case Qt::DecorationRole:
        if (column == BackendTable::Server)
            return server.series.color;
        return {};
    case Qt::ToolTipRole:
        if (column == BackendTable::LastCheck && server.live.check.atMs >= 0)
            return tr("%1 s ago: %2")
                .arg(static_cast<double>(server.sampledMs - server.live.check.atMs) / 1000.0, 0,
                     'f', 1)
                .arg(server.live.check.result);
        if (column == BackendTable::Server)
            return m_live.describe(server.nodeId);
        return BackendTable::explanation(column);
    case Qt::TextAlignmentRole:
        return BackendTable::isWords(column) ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                             : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (column == BackendTable::State &&
            ((server.sampledMs >= 0 && !server.live.healthy) ||
             m_live.state(server.nodeId) == runtime::NodeState::Down))
            return stateColor(runtime::NodeState::Down);
        return {};
    default:
        return {};
    }
}

QVariant BackendTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    const auto column = static_cast<BackendTable::Column>(section);
    if (role == Qt::DisplayRole)
        return BackendTable::header(column);
    if (role == Qt::ToolTipRole)
        return BackendTable::explanation(column);
    return {};
}

Qt::ItemFlags BackendTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.column() == BackendTable::Weight)
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool BackendTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || index.column() != BackendTable::Weight || index.row() >= m_rows)
        return false;
    bool ok = false;
    const int weight = value.toInt(&ok);
    if (!ok)
        return false;
    // Shown once the balancer reports it: the table never says what is not so.
    emit weightRequested(nodeId(index.row()), weight);
    return true;
}

QString BackendTableModel::nodeId(int row) const
{
    return row >= 0 && row < m_rows ? m_live.servers().at(row).nodeId : QString();
}

runtime::ServerAdminState BackendTableModel::adminState(int row) const
{
    return row >= 0 && row < m_rows ? m_live.servers().at(row).live.admin
                                    : runtime::ServerAdminState::Ready;
}

} // namespace topolab::gui
