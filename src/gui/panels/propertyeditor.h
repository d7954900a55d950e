#pragma once

#include "core/propertyspec.h"

#include <QWidget>

class QLabel;

namespace topolab::gui {

// The editor for one typed property, chosen from its spec: a spin box with the valid range and
// unit for numbers, a check box, a combo box of the allowed choices, or a line edit checked as
// you type. Below it a line that shows why a value was refused.
class PropertyEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PropertyEditor)

public:
    explicit PropertyEditor(const core::PropertySpec &spec, QWidget *parent = nullptr);

    const QString &key() const { return m_key; }
    QWidget *input() const { return m_input; }
    // Shows the model's value without announcing an edit.
    void setValue(const QVariant &value);
    QVariant value() const;
    // An empty reason hides the message.
    void showRefusal(const QString &reason);
    QString refusal() const;

signals:
    void edited(const QString &key, const QVariant &value);

private:
    void announce();

    QString m_key;
    const core::PropertySpec &m_spec;
    QWidget *m_input = nullptr;
    QLabel *m_refusal;
};

} // namespace topolab::gui
