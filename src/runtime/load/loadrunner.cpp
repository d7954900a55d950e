#include "loadrunner.h"

#include "loadgenerator.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

LoadRunner::LoadRunner(QObject *parent)
    : QObject(parent)
    , m_context(new QObject)
{
    qRegisterMetaType<LoadReport>();
    m_thread.setObjectName(u"topolab-load"_s);
    m_context->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    // Written on this thread only; the load thread reports which run ended, so that the end of
    // a run stopped for a new one does not mark the new one ended.
    connect(this, &LoadRunner::loadEnded, this, [this](int generation) {
        if (generation == m_generation)
            m_running = false;
    });
    m_thread.start();
}

LoadRunner::~LoadRunner()
{
    stop();
    m_thread.quit();
    m_thread.wait();
}

void LoadRunner::start(const LoadOptions &options)
{
    stop();
    m_running = true;
    const int generation = ++m_generation;
    // Made on the load thread, so that its sockets and timers belong there.
    QMetaObject::invokeMethod(m_context, [this, options, generation] {
        auto *load = new LoadGenerator(options, m_context);
        auto *progress = new QTimer(load);
        progress->setInterval(kProgressMs);
        connect(progress, &QTimer::timeout, load,
                [this, load] { emit loadProgress(load->report()); });
        connect(load, &LoadGenerator::finished, load,
                [this, load, progress, generation](const LoadReport &report) {
                    // No progress report may arrive after the final one.
                    progress->stop();
                    if (m_load == load)
                        m_load = nullptr;
                    emit loadEnded(generation);
                    emit loadFinished(report);
                    load->deleteLater();
                });
        m_load = load;
        progress->start();
        load->start();
    });
}

void LoadRunner::stop()
{
    if (!m_running)
        return;
    m_running = false;
    // Its `finished` (and the report so far) comes back through the handler set in start.
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            if (m_load)
                m_load->stop();
        },
        Qt::BlockingQueuedConnection);
}

} // namespace topolab::runtime
