#include "loadpanel.h"

#include "gui/style/kindstyle.h"

#include <QApplication>
#include <QClipboard>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSpinBox>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace topolab::gui {

namespace {

QSpinBox *spin(QWidget *parent, int minimum, int maximum, int value, const QString &suffix,
               const QString &special = {})
{
    auto *box = new QSpinBox(parent);
    box->setRange(minimum, maximum);
    box->setValue(value);
    box->setSuffix(suffix);
    box->setSpecialValueText(special);
    return box;
}

} // namespace

LoadPanel::LoadPanel(QWidget *parent)
    : QWidget(parent)
    , m_url(new QLineEdit(this))
    , m_copy(new QPushButton(tr("Copy"), this))
    , m_rate(spin(this, 0, 100000, 0, tr(" req/s"), tr("as fast as answered")))
    , m_concurrency(spin(this, 1, 512, 8, tr(" connections")))
    , m_duration(spin(this, 0, 3600, 30, tr(" s"), tr("no limit")))
    , m_requests(spin(this, 0, 10'000'000, 0, tr(" requests"), tr("no limit")))
    , m_pages(spin(this, 0, 100, 70, u" %"_s))
    , m_reads(spin(this, 0, 100, 20, u" %"_s))
    , m_writes(spin(this, 0, 100, 10, u" %"_s))
    , m_start(new QPushButton(actionIcon(u"start"_s), tr("Start load"), this))
    , m_stop(new QPushButton(actionIcon(u"stop"_s), tr("Stop load"), this))
    , m_status(new QLabel(this))
{
    m_url->setReadOnly(true);
    m_url->setObjectName(u"balancerUrl"_s);
    m_rate->setToolTip(tr("Open loop: requests fall due at this rate whatever the servers do "
                          "(latency counts from when each was due). 0 sends the next request "
                          "as soon as one is answered (closed loop)."));
    m_concurrency->setToolTip(tr("Connections to the balancer (the most at once in open loop)."));
    m_status->setWordWrap(true);
    m_status->setObjectName(u"loadStatus"_s);
    m_start->setObjectName(u"startLoad"_s);
    m_stop->setObjectName(u"stopLoad"_s);

    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(m_url, 1);
    urlRow->addWidget(m_copy);
    auto *mix = new QHBoxLayout;
    mix->addWidget(m_pages);
    mix->addWidget(m_reads);
    mix->addWidget(m_writes);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_stop);

    auto *form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->addRow(tr("Balancer:"), urlRow);
    form->addRow(tr("Rate:"), m_rate);
    form->addRow(tr("Concurrency:"), m_concurrency);
    form->addRow(tr("Duration:"), m_duration);
    form->addRow(tr("Requests:"), m_requests);
    form->addRow(tr("Pages / reads / writes:"), mix);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addStretch(1);

    connect(m_copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_balancerUrl); });
    connect(m_start, &QPushButton::clicked, this, [this] {
        QString error;
        if (const auto chosen = options(&error))
            emit startRequested(*chosen);
        else
            m_status->setText(error);
    });
    connect(m_stop, &QPushButton::clicked, this, &LoadPanel::stopRequested);
    setUrl({});
    setRunning(false);
}

void LoadPanel::setUrl(const QString &url)
{
    m_balancerUrl = url;
    m_url->setText(url.isEmpty() ? tr("start the cluster first") : url);
    m_url->setToolTip(url.isEmpty() ? QString()
                                    : tr("Try: curl -i %1   or   wrk -c 50 -d 10s %1").arg(url));
    m_copy->setEnabled(!url.isEmpty());
    m_start->setEnabled(!url.isEmpty() && !m_stop->isEnabled());
}

void LoadPanel::setRunning(bool running)
{
    m_stop->setEnabled(running);
    m_start->setEnabled(!running && !m_balancerUrl.isEmpty());
}

std::optional<runtime::LoadOptions> LoadPanel::options(QString *error) const
{
    const QUrl url(m_balancerUrl);
    if (!url.isValid() || url.port() <= 0) {
        *error = tr("Start the cluster first: the load goes to its balancer.");
        return std::nullopt;
    }
    if (m_pages->value() + m_reads->value() + m_writes->value() != 100) {
        *error = tr("The mix must add up to 100 % (now %1 %).")
                     .arg(m_pages->value() + m_reads->value() + m_writes->value());
        return std::nullopt;
    }
    runtime::LoadOptions options;
    options.host = url.host();
    options.port = static_cast<quint16>(url.port());
    options.rate = m_rate->value();
    options.concurrency = m_concurrency->value();
    options.duration = std::chrono::seconds(m_duration->value());
    options.requests = m_requests->value();
    options.staticShare = m_pages->value();
    options.readShare = m_reads->value();
    options.writeShare = m_writes->value();
    options.seed = QRandomGenerator::global()->generate();
    return options;
}

void LoadPanel::showProgress(const runtime::LoadReport &report, bool finished)
{
    const double rate = report.rate();
    const QString line = tr("%1 answered, %2 failed, %3 req/s; p99 %4 ms")
                             .arg(report.completed)
                             .arg(report.failed)
                             .arg(rate, 0, 'f', 0)
                             .arg(report.latency.percentile(0.99) / 1000.0, 0, 'f', 1);
    m_status->setText(finished ? tr("Done: %1").arg(line) : tr("Running: %1").arg(line));
}

} // namespace topolab::gui
