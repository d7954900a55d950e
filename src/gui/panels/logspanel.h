#pragma once

#include <QDateTime>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;

namespace topolab::gui {

// What the running nodes say, each line with its time and node: worker output, balancer health
// changes, MariaDB's error log, and the user's own fault-injection actions. Filter by node and
// by text; the newest 5000 lines are kept.
class LogsPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogsPanel)

public:
    static constexpr int kMaxLines = 5000;

    explicit LogsPanel(QWidget *parent = nullptr);

    void setNodes(const QList<std::pair<QString, QString>> &idsAndNames);
    void append(const QString &nodeId, const QString &line);
    void clear();
    // The lines that pass the current filter, as shown.
    QStringList visibleLines() const;

private:
    struct Entry {
        QDateTime time;
        QString nodeId;
        QString text;
    };

    // The node column: the node's name, or Topolab for its own lines.
    QString who(const Entry &entry) const;
    QString format(const Entry &entry) const;
    bool passes(const Entry &entry) const;
    void refilter();

    QComboBox *m_node;
    QLineEdit *m_filter;
    QPlainTextEdit *m_view;
    QList<Entry> m_entries;
    QHash<QString, QString> m_names;
};

} // namespace topolab::gui
