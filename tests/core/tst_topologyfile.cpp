#include "core/templates.h"
#include "core/topologyfile.h"
#include "topologybuilder.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <sys/resource.h>

using namespace Qt::StringLiterals;
using namespace topolab::core;

namespace {

Topology foobar()
{
    return std::get<Topology>(Templates::load(u"foobar"_s));
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

bool writeAll(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

// Lowers the file size limit for the lifetime of the object, so writes past it fail with EFBIG
// even for root — the closest a test can get to a full disk.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        getrlimit(RLIMIT_FSIZE, &m_saved);
        m_previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit = m_saved;
        limit.rlim_cur = bytes;
        setrlimit(RLIMIT_FSIZE, &limit);
    }
    ~FileSizeLimit()
    {
        setrlimit(RLIMIT_FSIZE, &m_saved);
        std::signal(SIGXFSZ, m_previousHandler);
    }
    Q_DISABLE_COPY_MOVE(FileSizeLimit)

private:
    rlimit m_saved{};
    void (*m_previousHandler)(int) = nullptr;
};

} // namespace

class TestTopologyFile : public QObject {
    Q_OBJECT

private slots:
    void saveThenLoadGivesAnEqualTopology()
    {
        QTemporaryDir dir;
        Topology design = foobar();
        QVERIFY(design.setNodeProperty(u"lb"_s, u"algorithm"_s, u"weighted"_s));
        QVERIFY(design.setNodeProperty(u"web-2"_s, u"weight"_s, 3));
        QVERIFY(design.moveNode(u"web-2"_s, {512.5, -33.25}));
        QVERIFY(design.setNodeGroup(u"dns"_s, u"Edge"_s));
        QVERIFY(design.renameNode(u"app-1"_s, u"App «ünicode» 1"_s));
        const QString path = dir.filePath(u"design.topo.json"_s);
        QCOMPARE(TopologyFile::save(design, path), std::nullopt);

        const TopologyFile::LoadResult loaded = TopologyFile::load(path);
        QVERIFY(std::holds_alternative<Topology>(loaded));
        QCOMPARE(std::get<Topology>(loaded), design);
    }

    void savedFilesAreStableAndDiffable()
    {
        QTemporaryDir dir;
        const QString first = dir.filePath(u"a.topo.json"_s);
        const QString second = dir.filePath(u"b.topo.json"_s);
        QCOMPARE(TopologyFile::save(foobar(), first), std::nullopt);
        const Topology reloaded = std::get<Topology>(TopologyFile::load(first));
        QCOMPARE(TopologyFile::save(reloaded, second), std::nullopt);
        const QByteArray text = readAll(first);
        QCOMPARE(readAll(second), text);
        // One key per line with positions included: a moved node is a two-line diff.
        QVERIFY(text.contains("\"format\": \"topolab/1\""));
        QVERIFY(text.contains("\"x\": 440"));
        QVERIFY(text.indexOf("\"format\"") < text.indexOf("\"links\""));
        QVERIFY(text.indexOf("\"links\"") < text.indexOf("\"nodes\""));
    }

    void failedSaveLeavesTheOldFileIntact()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"design.topo.json"_s);
        const QByteArray original =
            TopologyFile::serialize(TopologyBuilder().node(u"dns"_s, NodeKind::Dns).build());
        QVERIFY(writeAll(path, original));

        std::optional<FileError> error;
        {
            const FileSizeLimit limit(static_cast<rlim_t>(original.size()));
            error = TopologyFile::save(foobar(), path);
        }
        QVERIFY(error.has_value());
        QVERIFY2(error->message().contains(path), qPrintable(error->message()));
        QVERIFY2(error->reason.contains(u"previous file"_s), qPrintable(error->reason));
        QCOMPARE(readAll(path), original);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{u"design.topo.json"_s});
    }

    void saveIntoAMissingFolderFailsClearly()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"no/such/folder/design.topo.json"_s);
        const std::optional<FileError> error = TopologyFile::save(foobar(), path);
        QVERIFY(error.has_value());
        QVERIFY2(error->reason.contains(u"cannot create the file"_s), qPrintable(error->reason));
    }

    void loadNeverWritesTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"broken.topo.json"_s);
        const QByteArray broken = "{\"format\": \"topolab/1\", \"nodes\": [";
        QVERIFY(writeAll(path, broken));
        const QDateTime modified = QFileInfo(path).lastModified();
        QTest::qWait(20);
        QVERIFY(std::holds_alternative<FileError>(TopologyFile::load(path)));
        QCOMPARE(readAll(path), broken);
        QCOMPARE(QFileInfo(path).lastModified(), modified);
    }

    void linkIdsAreOptionalInHandWrittenFiles()
    {
        const QByteArray json = R"({"format": "topolab/1", "name": "hand made",
            "nodes": [{"id": "lb", "kind": "load-balancer", "name": "LB"},
                      {"id": "web", "kind": "web-server", "name": "Web", "x": 100, "y": 50}],
            "links": [{"from": "lb", "to": "web"}]})";
        const TopologyFile::LoadResult loaded = TopologyFile::parse(json, u"hand.topo.json"_s);
        QVERIFY(std::holds_alternative<Topology>(loaded));
        const Topology &topology = std::get<Topology>(loaded);
        QCOMPARE(topology.links().size(), 1);
        QCOMPARE(topology.links().first().id, u"link-1"_s);
        QCOMPARE(topology.node(u"web"_s)->position, QPointF(100, 50));
        QCOMPARE(topology.property(u"lb"_s, u"algorithm"_s), QVariant(u"round-robin"_s));
    }

    void generatedLinkIdsNeverTakeAnIdTheFileNamesLater()
    {
        const QByteArray json = R"({"format": "topolab/1", "name": "ids",
            "nodes": [{"id": "lb", "kind": "load-balancer", "name": "LB"},
                      {"id": "w1", "kind": "web-server", "name": "W1"},
                      {"id": "w2", "kind": "web-server", "name": "W2", "properties": {"port": 8082}}],
            "links": [{"from": "lb", "to": "w1"}, {"id": "link-1", "from": "lb", "to": "w2"}]})";
        const TopologyFile::LoadResult loaded = TopologyFile::parse(json, u"ids.topo.json"_s);
        QVERIFY2(std::holds_alternative<Topology>(loaded),
                 qPrintable(std::get_if<FileError>(&loaded) ? std::get<FileError>(loaded).message()
                                                            : QString()));
        const Topology &topology = std::get<Topology>(loaded);
        QCOMPARE(topology.links().at(0).id, u"link-2"_s);
        QCOMPARE(topology.links().at(1).id, u"link-1"_s);
    }

    void manyLinksWithoutIdsLoad()
    {
        QJsonArray nodes{
            QJsonObject{{u"id"_s, u"lb"_s}, {u"kind"_s, u"load-balancer"_s}, {u"name"_s, u"LB"_s}}};
        QJsonArray links;
        for (int i = 0; i < 200; ++i) {
            const QString id = u"w%1"_s.arg(i);
            nodes.append(QJsonObject{{u"id"_s, id},
                                     {u"kind"_s, u"web-server"_s},
                                     {u"name"_s, id},
                                     {u"properties"_s, QJsonObject{{u"port"_s, 10000 + i}}}});
            links.append(QJsonObject{{u"from"_s, u"lb"_s}, {u"to"_s, id}});
        }
        const QJsonObject design{{u"format"_s, u"topolab/1"_s},
                                 {u"name"_s, u"big"_s},
                                 {u"nodes"_s, nodes},
                                 {u"links"_s, links}};
        const TopologyFile::LoadResult loaded =
            TopologyFile::parse(QJsonDocument(design).toJson(), u"big.topo.json"_s);
        QVERIFY(std::holds_alternative<Topology>(loaded));
        QCOMPARE(std::get<Topology>(loaded).links().size(), 200);
        QCOMPARE(std::get<Topology>(loaded).links().last().id, u"link-200"_s);
    }

    void missingFileAndFolderAreNamed()
    {
        QTemporaryDir dir;
        const auto missing =
            std::get<FileError>(TopologyFile::load(dir.filePath(u"nope.topo.json"_s)));
        QVERIFY2(missing.message().contains(u"nope.topo.json: no such file"_s),
                 qPrintable(missing.message()));
        const auto folder = std::get<FileError>(TopologyFile::load(dir.path()));
        QVERIFY2(folder.reason.contains(u"folder"_s), qPrintable(folder.reason));
    }

    void oversizedFileIsRefusedBeforeReading()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"huge.topo.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.resize(TopologyFile::kMaxFileSize + 1));
        file.close();
        const auto error = std::get<FileError>(TopologyFile::load(path));
        QVERIFY2(error.reason.contains(u"larger than the 8 MiB"_s), qPrintable(error.reason));
    }
};

QTEST_GUILESS_MAIN(TestTopologyFile)
#include "tst_topologyfile.moc"
