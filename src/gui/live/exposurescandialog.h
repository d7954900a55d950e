#pragma once

#include "runtime/net/exposurereport.h"

#include <QDialog>
#include <memory>

class QPushButton;

namespace Ui {
class ExposureScanDialog;
}

namespace topolab::gui {

// Cluster › Exposure scan: what the internet host reached of the running lab, port by port, with
// the verdict on top (only the site's web ports, or a database open to anyone) — the proof of
// the review's "no firewall" finding, and of the firewall's fix. It stays open beside the window
// and scans again on request, after a change to the firewall's rules, say.
class ExposureScanDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExposureScanDialog)

public:
    explicit ExposureScanDialog(QWidget *parent = nullptr);
    ~ExposureScanDialog() override;

    // A scan of `design` was asked for: the last report stays until the next arrives.
    void scanning(const QString &design);
    void showReport(const runtime::ExposureReport &report);
    // Whether "Scan again" may ask: not once the cluster stopped.
    void setScanAllowed(bool allowed);

signals:
    void scanRequested();

private:
    void fill();
    void updateButton();

    std::unique_ptr<Ui::ExposureScanDialog> m_ui;
    QPushButton *m_again = nullptr;
    runtime::ExposureReport m_report;
    bool m_allowed = true;
    bool m_busy = false;
};

} // namespace topolab::gui
