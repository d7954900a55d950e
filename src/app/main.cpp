#include "commandline.h"
#include "gui/mainwindow.h"
#include "gui/style/apptheme.h"
#include "runtime/http/epolleventdispatcher.h"
#include "signalwatcher.h"

#include <QApplication>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace {

void describeApplication()
{
    QCoreApplication::setOrganizationName(u"Topolab"_s);
    QCoreApplication::setApplicationName(u"topolab"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(TOPOLAB_VERSION));
}

// Loads Topolab's and Qt's own translations for the user's language. English is the fallback,
// also for the C locale of CI and ssh sessions: its .qm holds the plural forms.
void installTranslations(QCoreApplication &app)
{
    const QLocale locale;
    auto *topolab = new QTranslator(&app);
    if (topolab->load(locale, u"topolab"_s, u"_"_s, u":/i18n"_s) ||
        topolab->load(u"topolab_en"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(topolab);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

} // namespace

int main(int argc, char *argv[])
{
    describeApplication();
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));

    // Headless commands must work without a display (CI, ssh), so they never create a
    // QApplication. Their connections are served from an epoll dispatcher (see
    // EpollEventDispatcher); the window keeps Qt's, and runs its balancer on a thread of its own
    // with the epoll one. Qt's plain Unix dispatcher costs the window's thread less per event
    // than the GLib one.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    if (topolab::app::isHeadlessInvocation(arguments)) {
        QCoreApplication::setEventDispatcher(new topolab::runtime::EpollEventDispatcher);
        QCoreApplication app(argc, argv);
        installTranslations(app);
        QTextStream out(stdout);
        QTextStream err(stderr);
        return topolab::app::runHeadless(app.arguments(), {out, err});
    }

    QApplication app(argc, argv);
    installTranslations(app);
    QApplication::setWindowIcon(QIcon(u":/icons/topolab.svg"_s));
    QApplication::setDesktopFileName(u"io.github.topolab.Topolab"_s);
    using topolab::gui::AppTheme::fromId;
    topolab::gui::AppTheme::apply(fromId(QSettings().value(u"view/theme"_s).toString()));
    topolab::gui::MainWindow window;
    // SIGTERM or Ctrl-C cannot wait for an answer to "save changes?": unsaved work goes to the
    // autosave (offered at the next start), and leaving the event loop destroys the window,
    // which stops a running cluster and waits for all its processes.
    topolab::app::SignalWatcher watcher;
    QObject::connect(&watcher, &topolab::app::SignalWatcher::interrupted, &app, [&window] {
        window.keepUnsavedWork();
        QCoreApplication::exit(0);
    });
    window.show();
    // QApplication has taken its own options (-platform, -style, …) out of arguments() by now.
    window.files().openAtStart(QCoreApplication::arguments().value(1));
    return app.exec();
}
