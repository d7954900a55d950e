#include "runtime/cluster/labsockets.h"

#include <QFile>
#include <QLocalServer>
#include <QTemporaryDir>
#include <QTest>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using topolab::runtime::LabSockets;

// Where labs listen: a socket left by a lab killed outright makes room, and nothing else does —
// `--control PATH` is the user's word, and a typo there must never delete a file.
class TestLabSockets : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    // A socket file nobody listens on, as a lab killed with SIGKILL leaves it.
    static bool leaveStaleSocket(const QString &path)
    {
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const QByteArray name = QFile::encodeName(path);
        std::memcpy(address.sun_path, name.constData(),
                    std::min<size_t>(name.size(), sizeof address.sun_path - 1));
        const bool bound =
            ::bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0;
        ::close(fd);
        return bound;
    }

private slots:
    void nothingThereIsRoom()
    {
        QString error;
        QVERIFY(LabSockets::makeRoomAt(m_dir.filePath(u"none.sock"_s), &error));
        QVERIFY(error.isEmpty());
    }

    void aFolderThatIsNotThereIsSaidAtOnce()
    {
        QString error;
        QVERIFY(!LabSockets::makeRoomAt(m_dir.filePath(u"nowhere/lab.sock"_s), &error));
        QVERIFY2(error.startsWith(u"there is no folder "_s) && error.contains(u"lab.sock"_s),
                 qPrintable(error));
    }

    void aStaleSocketIsRemoved()
    {
        const QString path = m_dir.filePath(u"stale.sock"_s);
        QVERIFY(leaveStaleSocket(path));
        QVERIFY(QFile::exists(path));
        QString error;
        QVERIFY2(LabSockets::makeRoomAt(path, &error), qPrintable(error));
        QVERIFY(!QFile::exists(path));
    }

    void aFileThatIsNoSocketIsKept()
    {
        const QString path = m_dir.filePath(u"notes.txt"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("keep me");
        file.close();
        QString error;
        QVERIFY(!LabSockets::makeRoomAt(path, &error));
        QVERIFY2(error.contains(u"is not a socket; nothing was removed"_s), qPrintable(error));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("keep me"));
        // A folder neither.
        QVERIFY(!LabSockets::makeRoomAt(m_dir.path(), &error));
        QVERIFY(QFile::exists(m_dir.path()));
    }

    void aLiveLabIsNotReplaced()
    {
        const QString path = m_dir.filePath(u"live.sock"_s);
        QLocalServer lab;
        QVERIFY(lab.listen(path));
        QString error;
        QVERIFY(!LabSockets::makeRoomAt(path, &error));
        QVERIFY2(error.contains(u"another lab listens"_s), qPrintable(error));
        QVERIFY(QFile::exists(path));
    }
};

QTEST_GUILESS_MAIN(TestLabSockets)
#include "tst_labsockets.moc"
