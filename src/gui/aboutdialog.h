#pragma once

#include <QDialog>
#include <memory>

namespace Ui {
class AboutDialog;
}

namespace topolab::gui {

// Version, the Qt it runs on, and where Topolab keeps its settings and autosaved designs, so a
// user who needs them (a bug report, a lost design) finds them without searching.
class AboutDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AboutDialog)

public:
    AboutDialog(const QString &recoveryFolder, QWidget *parent = nullptr);
    ~AboutDialog() override;

private:
    std::unique_ptr<Ui::AboutDialog> m_ui;
};

} // namespace topolab::gui
