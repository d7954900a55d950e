#pragma once

#include "core/nodekind.h"

#include <QWidget>

class QLineEdit;
class QListWidget;

namespace topolab::gui {

// Every kind of building block, with its icon and name, filtered by a search field. Drag an entry
// onto the canvas to place it there, or double-click it (or press Enter) to add it in view.
class PalettePanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PalettePanel)

public:
    explicit PalettePanel(QWidget *parent = nullptr);

    QListWidget *list() const { return m_list; }
    void setFilter(const QString &text);

signals:
    void addRequested(topolab::core::NodeKind kind);

private:
    QLineEdit *m_search;
    QListWidget *m_list;
};

} // namespace topolab::gui
