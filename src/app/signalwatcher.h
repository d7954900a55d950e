#pragma once

#include <QObject>

class QSocketNotifier;

namespace topolab::app {

// Turns SIGINT and SIGTERM into a Qt signal, so Ctrl-C stops a held cluster cleanly instead of
// killing Topolab with its servers still shutting down. Only one may exist at a time.
class SignalWatcher final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalWatcher)

public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

signals:
    void interrupted(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace topolab::app
