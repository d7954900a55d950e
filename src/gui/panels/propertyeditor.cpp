#include "propertyeditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using namespace topolab::core;

namespace topolab::gui {

PropertyEditor::PropertyEditor(const PropertySpec &spec, QWidget *parent)
    : QWidget(parent)
    , m_key(spec.key())
    , m_spec(spec)
    , m_refusal(new QLabel(this))
{
    switch (spec.type()) {
    case PropertySpec::Type::Integer: {
        auto *spin = new QSpinBox(this);
        spin->setRange(spec.minimum(), spec.maximum());
        if (!spec.unit().isEmpty())
            spin->setSuffix(u" "_s + spec.unit());
        // Typing "8080" must not commit 8, 80 and 808 on the way.
        spin->setKeyboardTracking(false);
        connect(spin, &QSpinBox::valueChanged, this, &PropertyEditor::announce);
        m_input = spin;
        break;
    }
    case PropertySpec::Type::Boolean: {
        auto *check = new QCheckBox(spec.label(), this);
        connect(check, &QCheckBox::toggled, this, &PropertyEditor::announce);
        m_input = check;
        break;
    }
    case PropertySpec::Type::Choice: {
        auto *combo = new QComboBox(this);
        combo->addItems(spec.choices());
        connect(combo, &QComboBox::activated, this, &PropertyEditor::announce);
        m_input = combo;
        break;
    }
    case PropertySpec::Type::Text: {
        auto *line = new QLineEdit(this);
        connect(line, &QLineEdit::editingFinished, this, &PropertyEditor::announce);
        // Checked as you type, committed when you leave the field or press Enter.
        connect(line, &QLineEdit::textEdited, this, [this](const QString &text) {
            QVariant canonical;
            const Outcome checked = m_spec.check(text, &canonical);
            showRefusal(checked ? QString() : checked.reason());
        });
        m_input = line;
        break;
    }
    }
    m_input->setObjectName(u"property-"_s + m_key);
    m_input->setToolTip(m_spec.describeValidValues());
    m_refusal->setWordWrap(true);
    m_refusal->setObjectName(u"refusal-"_s + m_key);
    m_refusal->setStyleSheet(u"color: #dc2626;"_s);
    m_refusal->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_input);
    layout->addWidget(m_refusal);
}

void PropertyEditor::setValue(const QVariant &value)
{
    const QSignalBlocker blocker(m_input);
    if (auto *spin = qobject_cast<QSpinBox *>(m_input))
        spin->setValue(value.toInt());
    else if (auto *check = qobject_cast<QCheckBox *>(m_input))
        check->setChecked(value.toBool());
    else if (auto *combo = qobject_cast<QComboBox *>(m_input))
        combo->setCurrentIndex(combo->findText(value.toString()));
    else if (auto *line = qobject_cast<QLineEdit *>(m_input);
             line && line->text() != value.toString())
        line->setText(value.toString());
}

QVariant PropertyEditor::value() const
{
    if (auto *spin = qobject_cast<QSpinBox *>(m_input))
        return spin->value();
    if (auto *check = qobject_cast<QCheckBox *>(m_input))
        return check->isChecked();
    if (auto *combo = qobject_cast<QComboBox *>(m_input))
        return combo->currentText();
    return qobject_cast<QLineEdit *>(m_input)->text();
}

void PropertyEditor::showRefusal(const QString &reason)
{
    m_refusal->setText(reason);
    m_refusal->setVisible(!reason.isEmpty());
    m_input->setStyleSheet(reason.isEmpty() ? QString() : u"border: 1px solid #dc2626;"_s);
}

QString PropertyEditor::refusal() const
{
    return m_refusal->isVisible() ? m_refusal->text() : QString();
}

void PropertyEditor::announce()
{
    emit edited(m_key, value());
}

} // namespace topolab::gui
