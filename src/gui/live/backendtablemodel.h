#pragma once

#include "runtime/metrics/backendtable.h"

#include <QAbstractTableModel>
#include <QHash>

namespace topolab::gui {

class LiveStateModel;

// The servers behind the running balancer as a table, in the manner of HAProxy's stats page: per
// server its state and since when, the last health check, weight, requests in flight,
// connections, requests, errors by class, bytes, downtime and latency over the last minute.
// Rows follow the live-state model; the weight is editable, and an edit is asked for with
// weightRequested (the design follows it, so the model never changes here).
class BackendTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackendTableModel)

public:
    explicit BackendTableModel(const LiveStateModel &live, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    // The web server node of the row's server, which the design's weight and the actions go to.
    QString nodeId(int row) const;
    runtime::ServerAdminState adminState(int row) const;

signals:
    void weightRequested(const QString &nodeId, int weight);

private:
    const LiveStateModel &m_live;
    int m_rows = 0;
    // The weight each row shows, so that it is only refreshed when it changes.
    QHash<int, int> m_weights;
};

} // namespace topolab::gui
