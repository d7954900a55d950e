#include "aboutdialog.h"

#include "ui_aboutdialog.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace topolab::gui {

AboutDialog::AboutDialog(const QString &recoveryFolder, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::AboutDialog>())
{
    m_ui->setupUi(this);
    m_ui->icon->setPixmap(
        QIcon(u":/icons/topolab.svg"_s).pixmap(QSize(64, 64), devicePixelRatioF()));
    QFont title = m_ui->title->font();
    title.setPointSizeF(title.pointSizeF() * 1.6);
    title.setBold(true);
    m_ui->title->setFont(title);
    m_ui->title->setText(tr("Topolab %1").arg(QCoreApplication::applicationVersion()));
    m_ui->details->setText(
        tr("<p>Built with Qt %1, running on Qt %2.</p>"
           "<p><b>Settings:</b> %3<br><b>Autosaved designs:</b> %4</p>")
            .arg(QString::fromLatin1(QT_VERSION_STR), QString::fromLatin1(qVersion()),
                 QSettings().fileName().toHtmlEscaped(), recoveryFolder.toHtmlEscaped()));
}

AboutDialog::~AboutDialog() = default;

} // namespace topolab::gui
