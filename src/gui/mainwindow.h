#pragma once

#include "core/topologydocument.h"

#include <QMainWindow>

class QGraphicsView;

namespace topolab::gui {

class ProblemsPanel;
class TopologyScene;

// The designer window: the canvas in the centre and the problems panel docked beside it.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);

    const core::TopologyDocument &document() const { return m_document; }
    // Opens a design; on failure shows the loader's message and keeps the current design.
    bool openFile(const QString &path);
    bool openTemplate(const QString &name);

private:
    void createActions();
    void chooseFile();
    void showDesign(core::Topology topology, const QString &source);
    void zoomToFit();

    core::TopologyDocument m_document;
    TopologyScene *m_scene;
    QGraphicsView *m_view;
    ProblemsPanel *m_problems;
};

} // namespace topolab::gui
