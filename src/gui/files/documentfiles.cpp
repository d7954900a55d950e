#include "documentfiles.h"

#include "core/templates.h"
#include "core/topologydocument.h"
#include "core/topologyfile.h"
#include "gui/canvas/topologyscene.h"
#include "recentfiles.h"
#include "recoverystore.h"
#include "sceneexporter.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QTimer>
#include <QUndoStack>

using namespace Qt::StringLiterals;
using namespace topolab::core;

namespace topolab::gui {

namespace {

const char kFileFilter[] =
    QT_TRANSLATE_NOOP("topolab::gui::DocumentFiles", "Topolab designs (*.topo.json)");
constexpr int kDefaultAutosaveMs = 15'000;

} // namespace

DocumentFiles::DocumentFiles(TopologyDocument &document, QUndoStack &undoStack,
                             TopologyScene &scene, QWidget &window)
    : QObject(&window)
    , m_document(document)
    , m_undoStack(undoStack)
    , m_scene(scene)
    , m_window(window)
    , m_recent(new RecentFiles(this))
    , m_recovery(std::make_unique<RecoveryStore>())
    , m_autosaveTimer(new QTimer(this))
{
    connect(&m_undoStack, &QUndoStack::cleanChanged, this, &DocumentFiles::titleChanged);
    connect(&m_document, &TopologyDocument::changed, this, [this] {
        m_autosaveDue = true;
        emit titleChanged();
    });
    connect(m_recent, &RecentFiles::changed, this, &DocumentFiles::rebuildRecentMenu);
    m_autosaveTimer->setInterval(kDefaultAutosaveMs);
    connect(m_autosaveTimer, &QTimer::timeout, this, &DocumentFiles::autosave);
    m_autosaveTimer->start();
}

DocumentFiles::~DocumentFiles() = default;

bool DocumentFiles::isModified() const
{
    return m_unsavedRestore || !m_undoStack.isClean();
}

void DocumentFiles::setAutosaveInterval(int milliseconds)
{
    m_autosaveTimer->start(milliseconds);
}

void DocumentFiles::followRecentFiles(QMenu *menu)
{
    m_recentMenu = menu;
    rebuildRecentMenu();
}

bool DocumentFiles::maybeSave()
{
    if (!isModified())
        return true;
    const QString file =
        m_filePath.isEmpty() ? tr("the untitled design") : QFileInfo(m_filePath).fileName();
    const auto answer = QMessageBox::warning(
        &m_window, tr("Unsaved changes"),
        tr("Do you want to save the changes to %1?\n\nIf you don't, they are lost.").arg(file),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

bool DocumentFiles::save()
{
    return m_filePath.isEmpty() ? saveAs() : saveTo(m_filePath);
}

bool DocumentFiles::saveAs()
{
    QString suggested = m_filePath;
    if (suggested.isEmpty())
        suggested =
            QString(m_document.topology().name()).replace(u'/', u'-') + TopologyFile::kSuffix;
    // The dialog adds the suffix itself, so that its question about replacing a file is asked
    // about the name that is really written.
    QFileDialog dialog(&m_window, tr("Save design"), suggested, tr(kFileFilter));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(TopologyFile::kSuffix.mid(1));
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return false;
    return saveTo(dialog.selectedFiles().constFirst());
}

bool DocumentFiles::saveTo(const QString &path)
{
    if (const auto error = TopologyFile::save(m_document.topology(), path)) {
        QMessageBox::critical(&m_window, tr("Cannot save design"),
                              tr("The design was not saved; it is still open here, and the file "
                                 "on disk is unchanged.\n\n%1\n\nChoose another folder with "
                                 "File › Save as, or free some space and try again.")
                                  .arg(error->message()));
        return false;
    }
    m_filePath = QFileInfo(path).absoluteFilePath();
    m_unsavedRestore = false;
    m_undoStack.setClean();
    m_recovery->discard();
    m_autosaveDue = false;
    m_recent->add(m_filePath);
    emit titleChanged();
    emit statusMessage(tr("Saved %1.").arg(m_filePath), false);
    return true;
}

void DocumentFiles::chooseFile()
{
    const QString start = m_filePath.isEmpty() ? QString() : QFileInfo(m_filePath).absolutePath();
    const QString path = QFileDialog::getOpenFileName(
        &m_window, tr("Open design"), start, tr(kFileFilter) + u";;"_s + tr("All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

bool DocumentFiles::openFile(const QString &path)
{
    if (!mayReplace())
        return false;
    // Read first: a file that cannot be opened must not cost the user the design they have.
    TopologyFile::LoadResult loaded = TopologyFile::load(path);
    if (auto *error = std::get_if<FileError>(&loaded)) {
        if (!QFileInfo::exists(path))
            m_recent->remove(path);
        QMessageBox::critical(&m_window, tr("Cannot open design"),
                              tr("The design could not be opened; the current design is "
                                 "unchanged.\n\n%1")
                                  .arg(error->message()));
        return false;
    }
    if (!maybeSave())
        return false;
    showDesign(std::get<Topology>(std::move(loaded)), QFileInfo(path).absoluteFilePath());
    m_recent->add(path);
    return true;
}

bool DocumentFiles::openTemplate(const QString &name)
{
    if (!mayReplace())
        return false;
    TopologyFile::LoadResult loaded = Templates::load(name);
    if (auto *error = std::get_if<FileError>(&loaded)) {
        QMessageBox::critical(&m_window, tr("Cannot open template"), error->message());
        return false;
    }
    return openUntitled(std::get<Topology>(std::move(loaded)));
}

bool DocumentFiles::openUntitled(Topology topology)
{
    if (!mayReplace() || !maybeSave())
        return false;
    showDesign(std::move(topology), {});
    return true;
}

bool DocumentFiles::newDesign()
{
    if (!mayReplace() || !maybeSave())
        return false;
    Topology empty;
    empty.setName(tr("New design"));
    showDesign(std::move(empty), {});
    return true;
}

void DocumentFiles::showDesign(Topology topology, const QString &path)
{
    m_recovery->discard();
    m_filePath = path;
    m_unsavedRestore = false;
    m_document.reset(std::move(topology));
    m_autosaveDue = false;
    emit titleChanged();
    emit designShown();
}

void DocumentFiles::rebuildRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList files = m_recent->files();
    for (const QString &path : files) {
        QAction *entry = m_recentMenu->addAction(QFileInfo(path).fileName());
        entry->setToolTip(path);
        entry->setStatusTip(path);
        connect(entry, &QAction::triggered, this, [this, path] { openFile(path); });
    }
    if (!files.isEmpty())
        m_recentMenu->addSeparator();
    QAction *clear = m_recentMenu->addAction(tr("&Clear the list"), m_recent, &RecentFiles::clear);
    clear->setEnabled(!files.isEmpty());
}

void DocumentFiles::autosave()
{
    if (!isModified()) {
        // Undone back to what the file holds: an old autosave would offer changes the user took
        // back.
        m_recovery->discard();
        return;
    }
    if (!m_autosaveDue)
        return;
    if (const auto error = m_recovery->write(m_document.topology(), m_filePath)) {
        emit statusMessage(
            tr("Autosave failed (%1); save the design yourself to be safe.").arg(*error), true);
        return;
    }
    m_autosaveDue = false;
}

bool DocumentFiles::offerRecovery()
{
    QStringList problems;
    const QList<RecoveryStore::Recovered> orphans = m_recovery->orphans(&problems);
    for (const QString &problem : std::as_const(problems))
        QMessageBox::warning(&m_window, tr("Autosaved design unreadable"), problem);
    // Newest first, one at a time: a declined copy is deleted, and once one is restored the
    // others stay on disk for the next start, so that no design is lost unasked.
    for (qsizetype i = 0; i < orphans.size(); ++i) {
        const RecoveryStore::Recovered &candidate = orphans.at(i);
        const QString from =
            candidate.sourcePath.isEmpty() ? tr("an untitled design") : candidate.sourcePath;
        const auto answer = QMessageBox::question(
            &m_window, tr("Restore unsaved work?"),
            tr("Topolab ended without saving %1 (\"%2\", autosaved %3).\n\nRestore it? If you "
               "don't, the autosaved copy is deleted.")
                .arg(from, candidate.topology.name(),
                     QLocale().toString(candidate.savedAt.toLocalTime(), QLocale::ShortFormat)),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
        if (answer != QMessageBox::Yes) {
            RecoveryStore::remove(candidate);
            continue;
        }
        showDesign(candidate.topology, candidate.sourcePath);
        m_unsavedRestore = true;
        // This window's own autosave must exist before the old copy goes, or a second crash
        // right now would lose the work for good.
        if (const auto error = m_recovery->write(m_document.topology(), m_filePath)) {
            emit statusMessage(
                tr("Restored, but the autosave failed (%1); the old copy stays in %2.")
                    .arg(*error, candidate.recoveryPath),
                true);
        } else {
            RecoveryStore::remove(candidate);
            emit statusMessage(tr("Restored the autosaved design; save it to keep it."), false);
        }
        m_autosaveDue = false;
        emit titleChanged();
        const qsizetype left = orphans.size() - i - 1;
        if (left > 0)
            QMessageBox::information(
                &m_window, tr("More unsaved work"),
                tr("%n more autosaved design(s) will be offered the next time Topolab starts.",
                   nullptr, static_cast<int>(left)));
        return true;
    }
    return false;
}

void DocumentFiles::openAtStart(const QString &requested)
{
    if (offerRecovery()) {
        if (!requested.isEmpty())
            QMessageBox::information(&m_window, tr("File not opened"),
                                     tr("%1 was not opened because the restored work is open "
                                        "instead. Save it, then open %1 with File › Open.")
                                         .arg(requested));
        return;
    }
    openTemplate(u"foobar"_s);
    if (!requested.isEmpty())
        openFile(requested);
}

void DocumentFiles::keepUnsavedWork()
{
    m_autosaveDue = true;
    autosave();
}

bool DocumentFiles::mayClose()
{
    if (!maybeSave())
        return false;
    m_recovery->discard();
    return true;
}

void DocumentFiles::exportImage()
{
    const QFileInfo file(m_filePath);
    QString base = m_document.topology().name();
    if (!m_filePath.isEmpty())
        base = file.absolutePath() + u'/' +
               (m_filePath.endsWith(TopologyFile::kSuffix)
                    ? file.fileName().chopped(TopologyFile::kSuffix.size())
                    : file.completeBaseName());
    const QString png = tr("PNG image (*.png)");
    const QString svg = tr("SVG drawing (*.svg)");
    QFileDialog dialog(&m_window, tr("Export image"), base + u".png"_s, png + u";;"_s + svg);
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(u"png"_s);
    connect(&dialog, &QFileDialog::filterSelected, &dialog, [&](const QString &filter) {
        dialog.setDefaultSuffix(filter == svg ? u"svg"_s : u"png"_s);
    });
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return;
    const QString path = dialog.selectedFiles().constFirst();
    const bool asSvg = path.endsWith(u".svg"_s, Qt::CaseInsensitive);
    const auto error = asSvg ? SceneExporter::exportSvg(m_scene, path, m_document.topology().name())
                             : SceneExporter::exportPng(m_scene, path);
    if (error)
        QMessageBox::critical(&m_window, tr("Cannot export image"), *error);
    else
        emit statusMessage(tr("Exported %1.").arg(path), false);
}

} // namespace topolab::gui
