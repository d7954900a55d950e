#pragma once

#include "runtime/load/loadoptions.h"
#include "runtime/load/loadreport.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace topolab::gui {

// Built-in load for the running cluster: a rate (open loop) or a number of connections (closed
// loop), a duration or a number of requests, and the mix of pages, API reads and API writes. It
// also shows the balancer's URL, for curl, a browser or wrk, whose requests count the same.
class LoadPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadPanel)

public:
    explicit LoadPanel(QWidget *parent = nullptr);

    // The balancer's URL while the cluster runs; empty when it does not.
    void setUrl(const QString &url);
    void setRunning(bool running);
    void showProgress(const runtime::LoadReport &report, bool finished);
    // What the form says; `error` explains a combination that cannot run.
    std::optional<runtime::LoadOptions> options(QString *error) const;

    QSpinBox *requestsField() const { return m_requests; }
    QSpinBox *rateField() const { return m_rate; }
    QPushButton *startButton() const { return m_start; }

signals:
    void startRequested(const topolab::runtime::LoadOptions &options);
    void stopRequested();

private:
    QLineEdit *m_url;
    QPushButton *m_copy;
    QSpinBox *m_rate;
    QSpinBox *m_concurrency;
    QSpinBox *m_duration;
    QSpinBox *m_requests;
    QSpinBox *m_pages;
    QSpinBox *m_reads;
    QSpinBox *m_writes;
    QPushButton *m_start;
    QPushButton *m_stop;
    QLabel *m_status;
    QString m_balancerUrl;
};

} // namespace topolab::gui
