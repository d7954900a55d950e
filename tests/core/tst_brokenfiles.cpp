#include "core/topologyfile.h"

#include <QDir>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace topolab::core;

// Every file in data/broken must fail to load with a message that names the file, the place and
// the reason, and no two files may give the same message.
class TestBrokenFiles : public QObject {
    Q_OBJECT

private:
    QDir m_dir{QStringLiteral(TOPOLAB_TEST_DATA "/broken")};
    QSet<QString> m_messages;
    QStringList m_tested;

private slots:
    void brokenFileGivesItsOwnClearError_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("location");
        QTest::addColumn<QString>("reason");

        const auto row = [](const char *file, const QString &location, const QString &reason) {
            QTest::newRow(file) << QString::fromLatin1(file) << location << reason;
        };
        row("empty.topo.json", {}, u"the file is empty"_s);
        row("truncated.topo.json", u"line "_s, u"it may be truncated"_s);
        row("not-json.topo.json", u"line 1, column "_s, u"not a valid JSON value"_s);
        row("binary.topo.json", u"byte 8"_s, u"binary file"_s);
        row("latin1.topo.json", {}, u"not UTF-8 text"_s);
        row("array.topo.json", {}, u"holds an array"_s);
        row("no-format.topo.json", u"format"_s, u"the key \"format\" is missing"_s);
        row("wrong-version.topo.json", u"format"_s, u"reads only \"topolab/1\""_s);
        row("foreign-format.topo.json", u"format"_s, u"\"drawio\" is not a Topolab format"_s);
        row("unknown-kind.topo.json", u"nodes[1].kind"_s, u"unknown kind \"router\""_s);
        row("duplicate-ids.topo.json", u"nodes[2].id"_s, u"already used by nodes[1]"_s);
        row("link-to-missing-node.topo.json", u"links[0].to"_s, u"no node has the id \"web-9\""_s);
        row("wrong-type.topo.json", u"nodes[0].properties.port"_s, u"not the text \"8080\""_s);
        row("huge-number.topo.json", u"nodes[0].properties.weight"_s,
            u"from 1 to 100, not the number 1e+20"_s);
        row("huge-coordinate.topo.json", u"nodes[0]"_s, u"position must be within"_s);
        row("unknown-key.topo.json", u"nodes[0].colour"_s, u"unknown key \"colour\""_s);
        row("missing-name.topo.json", u"nodes[0].name"_s, u"required key \"name\" is missing"_s);
        row("backwards-link.topo.json", u"links[0]"_s, u"points the wrong way"_s);
        row("nodes-not-array.topo.json", u"nodes"_s, u"expected an array, found an object"_s);
        row("trailing-garbage.topo.json", u"line 2, column 1"_s,
            u"unexpected text after the end"_s);
        row("invalid-id.topo.json", u"nodes[0].id"_s, u"\"web 1\" is not a valid id"_s);
        row("replica-to-primary.topo.json", u"links[0]"_s, u"\"Replica\" is a replica"_s);
        row("unknown-property.topo.json", u"nodes[0].properties.algorithm"_s,
            u"a dns has no property"_s);
        row("bad-choice.topo.json", u"nodes[0].properties.algorithm"_s, u"one of round-robin"_s);
    }

    void brokenFileGivesItsOwnClearError()
    {
        QFETCH(QString, file);
        QFETCH(QString, location);
        QFETCH(QString, reason);

        const QString path = m_dir.filePath(file);
        QVERIFY2(QFile::exists(path), qPrintable(path));
        const TopologyFile::LoadResult loaded = TopologyFile::load(path);
        QVERIFY2(std::holds_alternative<FileError>(loaded), "a broken file loaded");
        const FileError &error = std::get<FileError>(loaded);
        const QString message = error.message();
        QCOMPARE(error.file, path);
        QVERIFY2(message.startsWith(path + u": "_s), qPrintable(message));
        QVERIFY2(error.location.startsWith(location), qPrintable(message));
        QVERIFY2(error.reason.contains(reason), qPrintable(message));
        QVERIFY2(!m_messages.contains(error.location + error.reason),
                 qPrintable(u"repeated: "_s + message));
        m_messages.insert(error.location + error.reason);
        m_tested.append(file);
    }

    void corpusIsLargeAndFullyCovered()
    {
        const QStringList files = m_dir.entryList({u"*.topo.json"_s}, QDir::Files);
        QVERIFY(files.size() >= 15);
        for (const QString &file : files)
            QVERIFY2(m_tested.contains(file), qPrintable(file + u" has no expectation"_s));
    }
};

QTEST_GUILESS_MAIN(TestBrokenFiles)
#include "tst_brokenfiles.moc"
