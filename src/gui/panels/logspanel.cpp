#include "logspanel.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>

using namespace Qt::StringLiterals;

namespace topolab::gui {

LogsPanel::LogsPanel(QWidget *parent)
    : QWidget(parent)
    , m_node(new QComboBox(this))
    , m_filter(new QLineEdit(this))
    , m_view(new QPlainTextEdit(this))
{
    m_filter->setPlaceholderText(tr("Filter lines"));
    m_filter->setClearButtonEnabled(true);
    m_view->setReadOnly(true);
    m_view->setMaximumBlockCount(kMaxLines);
    m_view->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_view->setObjectName(u"logView"_s);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_view->setFont(mono);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_node);
    bar->addWidget(m_filter, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    setNodes({});
    connect(m_node, &QComboBox::currentIndexChanged, this, &LogsPanel::refilter);
    connect(m_filter, &QLineEdit::textChanged, this, &LogsPanel::refilter);
}

void LogsPanel::setNodes(const QList<std::pair<QString, QString>> &idsAndNames)
{
    const QString current = m_node->currentData().toString();
    m_names.clear();
    m_node->clear();
    m_node->addItem(tr("All nodes"), QString());
    for (const auto &[id, name] : idsAndNames) {
        m_names.insert(id, name);
        m_node->addItem(name, id);
    }
    m_node->setCurrentIndex(std::max(0, m_node->findData(current)));
}

void LogsPanel::append(const QString &nodeId, const QString &line)
{
    Entry entry{QDateTime::currentDateTime(), nodeId, line};
    m_entries.append(entry);
    if (m_entries.size() > kMaxLines)
        m_entries.remove(0, m_entries.size() - kMaxLines);
    if (!passes(entry))
        return;
    QScrollBar *bar = m_view->verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum() - 2;
    m_view->appendPlainText(format(entry));
    // Follow the newest line unless the user scrolled up to read.
    if (atEnd)
        bar->setValue(bar->maximum());
}

void LogsPanel::clear()
{
    m_entries.clear();
    m_view->clear();
}

QString LogsPanel::who(const Entry &entry) const
{
    return entry.nodeId.isEmpty() ? tr("Topolab") : m_names.value(entry.nodeId, entry.nodeId);
}

QString LogsPanel::format(const Entry &entry) const
{
    return u"%1  %2  %3"_s.arg(entry.time.toString(u"HH:mm:ss.zzz"_s), who(entry).leftJustified(16),
                               entry.text);
}

bool LogsPanel::passes(const Entry &entry) const
{
    const QString node = m_node->currentData().toString();
    if (!node.isEmpty() && entry.nodeId != node)
        return false;
    const QString needle = m_filter->text().trimmed();
    // The node column as shown, Topolab's own lines included.
    return needle.isEmpty() || entry.text.contains(needle, Qt::CaseInsensitive) ||
           who(entry).contains(needle, Qt::CaseInsensitive);
}

void LogsPanel::refilter()
{
    QStringList lines;
    for (const Entry &entry : std::as_const(m_entries)) {
        if (passes(entry))
            lines.append(format(entry));
    }
    m_view->setPlainText(lines.join(u'\n'));
    m_view->verticalScrollBar()->setValue(m_view->verticalScrollBar()->maximum());
}

QStringList LogsPanel::visibleLines() const
{
    return m_view->toPlainText().split(u'\n', Qt::SkipEmptyParts);
}

} // namespace topolab::gui
