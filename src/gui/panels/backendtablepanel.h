#pragma once

#include "runtime/balancer/serveradminstate.h"

#include <QMap>
#include <QWidget>

class QAction;
class QLabel;
class QStackedWidget;
class QTableView;

namespace topolab::gui {

class BackendTableModel;
class LiveStateModel;

// The Servers panel: the backend table of the running balancer, with Ready, Drain and
// Maintenance for the selected server (buttons and context menu) and its weight editable in
// place. It asks for changes with signals; the table shows them once the balancer reports them.
class BackendTablePanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackendTablePanel)

public:
    explicit BackendTablePanel(const LiveStateModel &live, QWidget *parent = nullptr);

    BackendTableModel &model() const { return *m_model; }
    QTableView &view() const { return *m_view; }
    // Selects the row of the server whose web server node is `nodeId`.
    void selectServer(const QString &nodeId);

signals:
    void stateRequested(const QString &nodeId, topolab::runtime::ServerAdminState state);
    void weightRequested(const QString &nodeId, int weight);

private:
    void updateActions();
    void request(runtime::ServerAdminState state);
    int selectedRow() const;

    BackendTableModel *m_model;
    QStackedWidget *m_pages;
    QLabel *m_empty;
    QTableView *m_view;
    QMap<runtime::ServerAdminState, QAction *> m_actions;
};

} // namespace topolab::gui
