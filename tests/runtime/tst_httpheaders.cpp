#include "runtime/http/httpheaders.h"

#include <QTest>

using namespace topolab::runtime;

namespace {

QByteArrayList listed(const HttpHeaders &headers)
{
    QByteArrayList out;
    for (const auto &[name, value] : headers)
        out.append(name.toByteArray() + '=' + value.toByteArray());
    return out;
}

} // namespace

class TestHttpHeaders : public QObject {
    Q_OBJECT

private slots:
    void keepsOrderAndFindsNamesInAnyCase()
    {
        HttpHeaders headers;
        headers.add("Host", "a");
        headers.add("Via", "1.1 x");
        headers.add("via", "1.1 y");
        QCOMPARE(listed(headers), QByteArrayList({"Host=a", "Via=1.1 x", "via=1.1 y"}));
        QCOMPARE(headers.value("VIA"), QByteArray("1.1 x"));
        QVERIFY(headers.contains("host"));
        QVERIFY(!headers.contains("Hos"));
        QVERIFY(headers.find("Missing").isEmpty());
    }

    void setReplacesEveryFieldOfThatName()
    {
        HttpHeaders headers;
        headers.add("Via", "1");
        headers.add("Host", "a");
        headers.add("VIA", "2");
        headers.set("via", "3");
        QCOMPARE(listed(headers), QByteArrayList({"Host=a", "via=3"}));
        headers.remove("HOST");
        QCOMPARE(listed(headers), QByteArrayList({"via=3"}));
    }

    // The store may grow while the name and value given are views into it.
    void setFromItsOwnFieldsSurvivesGrowth()
    {
        HttpHeaders headers;
        headers.add("Long", QByteArray(300, 'x'));
        for (int i = 0; i < 20; ++i) {
            const HttpHeaders::Field first = headers.at(0);
            headers.set(first.name, first.value);
        }
        QCOMPARE(headers.size(), 1);
        QCOMPARE(headers.value("Long"), QByteArray(300, 'x'));
        const HttpHeaders::Field field = headers.at(0);
        headers.add(field.value, field.name);
        QCOMPARE(headers.value(QByteArray(300, 'x')), QByteArray("Long"));
    }

    void aCopyChangesAlone()
    {
        HttpHeaders original;
        original.add("A", "1");
        HttpHeaders copy = original;
        copy.set("A", "2");
        copy.add("B", "3");
        QCOMPARE(listed(original), QByteArrayList({"A=1"}));
        QCOMPARE(listed(copy), QByteArrayList({"A=2", "B=3"}));
        QVERIFY(original != copy);
        copy.set("A", "1");
        copy.remove("B");
        QVERIFY(original == copy);
    }

    void buildsAFieldFromPiecesWithoutItsWhiteSpace()
    {
        HttpHeaders headers;
        headers.startField();
        headers.appendToName("Cont");
        headers.appendToName("ent-Type");
        headers.appendToValue(" \ttext/");
        headers.appendToValue("plain \t");
        headers.trimLastValue();
        headers.startField();
        headers.appendToName("Empty");
        headers.appendToValue("   ");
        headers.trimLastValue();
        QCOMPARE(listed(headers), QByteArrayList({"Content-Type=text/plain", "Empty="}));
    }

    void removeIfDropsOnlyWhatItAccepts()
    {
        HttpHeaders headers;
        headers.add("Connection", "close");
        headers.add("Host", "a");
        headers.add("Keep-Alive", "5");
        headers.removeIf([](QByteArrayView name) { return name != "Host"; });
        QCOMPARE(listed(headers), QByteArrayList({"Host=a"}));
    }
};

QTEST_GUILESS_MAIN(TestHttpHeaders)
#include "tst_httpheaders.moc"
