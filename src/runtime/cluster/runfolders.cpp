#include "runfolders.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <thread>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace topolab::runtime {

namespace {

qint64 ownerOf(const QDir &temp, const QString &name)
{
    QFile owner(temp.filePath(name + u"/owner.pid"_s));
    return owner.open(QIODevice::ReadOnly) ? owner.readAll().trimmed().toLongLong() : 0;
}

QStringList runFolders(const QDir &temp)
{
    return temp.entryList({u"topolab-run-*"_s}, QDir::Dirs | QDir::NoDotAndDotDot);
}

} // namespace

void RunFolders::removeAbandoned()
{
    const QDir temp(QDir::tempPath());
    for (const QString &name : runFolders(temp)) {
        const qint64 pid = ownerOf(temp, name);
        if (pid > 0 && !QFileInfo::exists(u"/proc/%1"_s.arg(pid)))
            QDir(temp.filePath(name)).removeRecursively();
    }
}

void RunFolders::removeOwnedBy(qint64 pid)
{
    const QDir temp(QDir::tempPath());
    for (const QString &name : runFolders(temp)) {
        if (ownerOf(temp, name) == pid)
            QDir(temp.filePath(name)).removeRecursively();
    }
}

void RunFolders::removeWhenThisProcessEnds()
{
    int ends[2];
    if (::pipe2(ends, O_CLOEXEC) != 0)
        return;
    const qint64 owner = ::getpid();
    const pid_t sweeper = ::fork();
    if (sweeper != 0) {
        // This process keeps the writing end open until it ends; its children never get it.
        ::close(ends[0]);
        return;
    }
    // The sweeper holds nothing of its parent's but the reading end: no terminal, no socket,
    // nobody waiting for its output.
    ::close(ends[1]);
    const int quiet = ::open("/dev/null", O_RDWR);
    ::dup2(ends[0], 0);
    ::dup2(quiet, 1);
    ::dup2(quiet, 2);
    ::close_range(3, ~0U, 0);
    char byte;
    ssize_t got;
    while ((got = ::read(0, &byte, 1)) != 0 && (got > 0 || errno == EINTR)) {
    }
    // Its children die with it (PR_SET_PDEATHSIG) but may still be closing their files.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    removeOwnedBy(owner);
    ::_exit(0);
}

} // namespace topolab::runtime
