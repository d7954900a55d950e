#include "core/topologyfile.h"

#include <QDir>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace topolab::core;

namespace {

struct Expectation {
    const char *file;
    QString location; // exact
    QString reason;   // contained
};

// One row per file in data/broken; a file without a row fails corpusIsFullyCovered().
const QList<Expectation> &expectations()
{
    static const QList<Expectation> rows = {
        {"empty.topo.json", {}, u"the file is empty"_s},
        {"truncated.topo.json", u"line 106, column 17"_s, u"it may be truncated"_s},
        {"not-json.topo.json", u"line 1, column 2"_s, u"not a valid JSON value"_s},
        {"binary.topo.json", u"byte 8"_s, u"binary file"_s},
        {"latin1.topo.json", u"line 1, column 37"_s, u"not UTF-8 text"_s},
        {"array.topo.json", {}, u"holds an array"_s},
        {"no-format.topo.json", u"format"_s, u"the key \"format\" is missing"_s},
        {"wrong-version.topo.json", u"format"_s, u"reads only \"topolab/1\""_s},
        {"foreign-format.topo.json", u"format"_s, u"\"drawio\" is not a Topolab format"_s},
        {"unknown-kind.topo.json", u"nodes[1].kind"_s, u"unknown kind \"router\""_s},
        {"duplicate-ids.topo.json", u"nodes[2].id"_s, u"already used by nodes[1]"_s},
        {"duplicate-link-id.topo.json", u"links[1].id"_s, u"already used by links[0]"_s},
        {"duplicate-key.topo.json", u"line 2, column 2"_s, u"\"nodes\" appears twice"_s},
        {"link-to-missing-node.topo.json", u"links[0].to"_s, u"no node has the id \"web-9\""_s},
        {"wrong-type.topo.json", u"nodes[0].properties.port"_s, u"not the text \"8080\""_s},
        {"huge-number.topo.json", u"nodes[0].properties.weight"_s,
         u"from 1 to 100, not the number 1e+20"_s},
        {"huge-coordinate.topo.json", u"nodes[0].x"_s, u"position must be within"_s},
        {"unknown-key.topo.json", u"nodes[0].colour"_s, u"unknown key \"colour\""_s},
        {"missing-name.topo.json", u"nodes[0].name"_s, u"required key \"name\" is missing"_s},
        {"blank-name.topo.json", u"nodes[0].name"_s, u"must not be empty"_s},
        {"backwards-link.topo.json", u"links[0]"_s, u"points the wrong way"_s},
        {"nodes-not-array.topo.json", u"nodes"_s, u"expected an array, found an object"_s},
        {"trailing-garbage.topo.json", u"line 2, column 1"_s, u"unexpected text after the end"_s},
        {"invalid-id.topo.json", u"nodes[0].id"_s, u"\"web 1\" is not a valid id"_s},
        {"replica-to-primary.topo.json", u"links[0]"_s, u"\"Replica\" is a replica"_s},
        {"unknown-property.topo.json", u"nodes[0].properties.algorithm"_s,
         u"DNS nodes have no property"_s},
        {"bad-choice.topo.json", u"nodes[0].properties.algorithm"_s, u"one of round-robin"_s},
    };
    return rows;
}

} // namespace

// Every file in data/broken must fail to load with a message that names the file, the place and
// the reason, and no two files may give the same message.
class TestBrokenFiles : public QObject {
    Q_OBJECT

private:
    QDir m_dir{QStringLiteral(TOPOLAB_TEST_DATA "/broken")};

    FileError load(const QString &file) const
    {
        const TopologyFile::LoadResult loaded = TopologyFile::load(m_dir.filePath(file));
        if (std::holds_alternative<Topology>(loaded))
            return {};
        return std::get<FileError>(loaded);
    }

private slots:
    void brokenFileGivesItsOwnClearError_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("location");
        QTest::addColumn<QString>("reason");
        for (const Expectation &row : expectations())
            QTest::newRow(row.file) << QString::fromLatin1(row.file) << row.location << row.reason;
    }

    void brokenFileGivesItsOwnClearError()
    {
        QFETCH(QString, file);
        QFETCH(QString, location);
        QFETCH(QString, reason);

        const QString path = m_dir.filePath(file);
        QVERIFY2(QFile::exists(path), qPrintable(path));
        const FileError error = load(file);
        QVERIFY2(!error.reason.isEmpty(), "a broken file loaded");
        const QString message = error.message();
        QCOMPARE(error.file, path);
        QVERIFY2(message.startsWith(path + u": "_s), qPrintable(message));
        QCOMPARE(error.location, location);
        QVERIFY2(error.reason.contains(reason), qPrintable(message));
    }

    void everyFileHasItsOwnMessage()
    {
        QSet<QString> messages;
        for (const Expectation &row : expectations()) {
            const FileError error = load(QString::fromLatin1(row.file));
            const QString text = error.location + u": "_s + error.reason;
            QVERIFY2(!messages.contains(text), qPrintable(u"repeated: "_s + text));
            messages.insert(text);
        }
    }

    void corpusIsLargeAndFullyCovered()
    {
        const QStringList files = m_dir.entryList({u"*.topo.json"_s}, QDir::Files);
        QVERIFY(files.size() >= 15);
        QStringList covered;
        for (const Expectation &row : expectations())
            covered.append(QString::fromLatin1(row.file));
        for (const QString &file : files)
            QVERIFY2(covered.contains(file), qPrintable(file + u" has no expectation"_s));
        QCOMPARE(covered.size(), files.size());
    }
};

QTEST_GUILESS_MAIN(TestBrokenFiles)
#include "tst_brokenfiles.moc"
