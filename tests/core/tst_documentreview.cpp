#include "core/review/documentreview.h"
#include "core/topologydocument.h"
#include "topologybuilder.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace topolab::core;

// The document's review: current after each change that can alter a finding, quiet otherwise.
class TestDocumentReview : public QObject {
    Q_OBJECT

private slots:
    void followsTheDocumentButNotItsMoves()
    {
        TopologyDocument document;
        document.reset(TopologyBuilder()
                           .node(u"a"_s, NodeKind::WebServer, {{u"port"_s, 8081}})
                           .node(u"b"_s, NodeKind::WebServer, {{u"port"_s, 8082}})
                           .build());
        DocumentReview review(document);
        const auto rules = [&] {
            QStringList found;
            for (const Finding &finding : review.findings())
                found.append(finding.rule);
            return found;
        };
        QVERIFY(!rules().contains(u"port-conflict"_s));
        QSignalSpy changed(&review, &DocumentReview::findingsChanged);

        QVERIFY(document.setNodeProperty(u"b"_s, u"port"_s, 8081));
        QCOMPARE(changed.size(), 1);
        QVERIFY(rules().contains(u"port-conflict"_s));
        // Dragging a card moves it many times; nothing it found changes, so nothing is said.
        for (int x = 0; x < 20; ++x)
            QVERIFY(document.moveNode(u"a"_s, QPointF(x, x)));
        QCOMPARE(changed.size(), 1);
        // A change that leaves the findings as they were is not announced either.
        QVERIFY(document.setNodeProperty(u"a"_s, u"https"_s, false));
        QCOMPARE(changed.size(), 1);
        // A finding names the nodes: a rename is news.
        QVERIFY(document.renameNode(u"a"_s, u"Front"_s));
        QCOMPARE(changed.size(), 2);
        QVERIFY(review.findings().first().explanation.contains(u"Front"_s));
        QVERIFY(document.setNodeProperty(u"b"_s, u"port"_s, 8082));
        QCOMPARE(changed.size(), 3);
        QVERIFY(!rules().contains(u"port-conflict"_s));
    }
};

QTEST_GUILESS_MAIN(TestDocumentReview)
#include "tst_documentreview.moc"
