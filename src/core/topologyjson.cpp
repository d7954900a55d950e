#include "topologyjson.h"

#include "kindcatalog.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>

using namespace Qt::StringLiterals;

namespace topolab::core::TopologyJson {

namespace {

// lupdate reads the context from this declaration, so the strings below land in "TopologyJson".
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(TopologyJson)
};

// Thrown inside this file only, to unwind the nested readers with a located error; fromJson()
// turns it back into a return value.
struct JsonPathError {
    QString path;
    QString reason;
};

[[noreturn]] void fail(const QString &path, const QString &reason)
{
    throw JsonPathError{path, reason};
}

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return Tr::tr("null");
    case QJsonValue::Bool:
        return Tr::tr("a boolean");
    case QJsonValue::Double:
        return Tr::tr("a number");
    case QJsonValue::String:
        return Tr::tr("a string");
    case QJsonValue::Array:
        return Tr::tr("an array");
    case QJsonValue::Object:
        return Tr::tr("an object");
    case QJsonValue::Undefined:
        break;
    }
    return Tr::tr("missing");
}

// Reads one JSON object, remembering where it sits in the document for error messages.
class ObjectReader final {
public:
    ObjectReader(const QJsonValue &value, QString path)
        : m_path(std::move(path))
    {
        if (!value.isObject())
            fail(m_path, Tr::tr("expected an object, found %1").arg(typeName(value)));
        m_object = value.toObject();
    }

    const QString &where() const { return m_path; }
    QString path(const QString &key) const { return m_path.isEmpty() ? key : m_path + u'.' + key; }

    void allowOnly(std::initializer_list<QLatin1StringView> keys) const
    {
        for (const QString &key : m_object.keys()) {
            if (std::find(keys.begin(), keys.end(), key) == keys.end())
                fail(path(key), Tr::tr("unknown key \"%1\"").arg(key.left(60)));
        }
    }

    QJsonValue value(const QString &key) const { return m_object.value(key); }
    const QJsonObject &object() const { return m_object; }

    QString string(const QString &key, bool required = true) const
    {
        const QJsonValue found = m_object.value(key);
        if (found.isUndefined() && !required)
            return {};
        if (!found.isString())
            fail(path(key), found.isUndefined()
                                ? Tr::tr("required key \"%1\" is missing").arg(key)
                                : Tr::tr("expected a string, found %1").arg(typeName(found)));
        return found.toString();
    }

    double number(const QString &key) const
    {
        const QJsonValue found = m_object.value(key);
        if (found.isUndefined())
            return 0;
        if (!found.isDouble())
            fail(path(key), Tr::tr("expected a number, found %1").arg(typeName(found)));
        return found.toDouble();
    }

    QJsonArray array(const QString &key) const
    {
        const QJsonValue found = m_object.value(key);
        if (found.isUndefined())
            return {};
        if (!found.isArray())
            fail(path(key), Tr::tr("expected an array, found %1").arg(typeName(found)));
        return found.toArray();
    }

private:
    QString m_path;
    QJsonObject m_object;
};

QString indexPath(const QString &array, qsizetype index)
{
    return u"%1[%2]"_s.arg(array).arg(index);
}

void checkFormat(const ObjectReader &root)
{
    const QJsonValue format = root.value(u"format"_s);
    if (format.isUndefined())
        fail(u"format"_s, Tr::tr("this is not a Topolab design: the key \"format\" is missing "
                                 "(a design starts with \"format\": \"%1\")")
                              .arg(kFormat));
    const QString version = root.string(u"format"_s);
    if (version == kFormat)
        return;
    if (version.startsWith(u"topolab/"_s))
        fail(u"format"_s,
             Tr::tr("the design has format \"%1\", but this version of Topolab reads only "
                    "\"%2\"; open it with the Topolab that wrote it or a newer one")
                 .arg(version.left(40), kFormat));
    fail(u"format"_s,
         Tr::tr("\"%1\" is not a Topolab format; expected \"%2\"").arg(version.left(40), kFormat));
}

Node readNode(const ObjectReader &in, const Topology &topology,
              const QHash<QString, qsizetype> &seenIds)
{
    in.allowOnly({"id"_L1, "kind"_L1, "name"_L1, "x"_L1, "y"_L1, "group"_L1, "properties"_L1});
    Node node;
    node.id = in.string(u"id"_s);
    if (!isValidId(node.id))
        fail(in.path(u"id"_s),
             Tr::tr("\"%1\" is not a valid id: use 1 to 64 letters, digits, '-', '_' "
                    "or '.', starting with a letter or digit")
                 .arg(node.id.left(80)));
    if (const auto first = seenIds.constFind(node.id); first != seenIds.cend())
        fail(in.path(u"id"_s),
             Tr::tr("the id \"%1\" is already used by %2; every node needs its own id")
                 .arg(node.id, indexPath(u"nodes"_s, *first)));
    const QString kind = in.string(u"kind"_s);
    const std::optional<NodeKind> parsedKind = kindFromId(kind);
    if (!parsedKind) {
        QStringList known;
        for (NodeKind k : allNodeKinds())
            known.append(kindId(k));
        fail(in.path(u"kind"_s), Tr::tr("unknown kind \"%1\"; known kinds are %2")
                                     .arg(kind.left(60), known.join(u", "_s)));
    }
    node.kind = *parsedKind;
    node.name = in.string(u"name"_s);
    if (Outcome checked = Topology::checkNodeName(node.name); !checked)
        fail(in.path(u"name"_s), checked.reason());
    node.group = in.string(u"group"_s, false);
    if (Outcome checked = Topology::checkGroupName(node.group); !checked)
        fail(in.path(u"group"_s), checked.reason());
    const double x = in.number(u"x"_s);
    const double y = in.number(u"y"_s);
    if (Outcome checked = Topology::checkPosition({x, 0}); !checked)
        fail(in.path(u"x"_s), checked.reason());
    if (Outcome checked = Topology::checkPosition({0, y}); !checked)
        fail(in.path(u"y"_s), checked.reason());
    node.position = QPointF(x, y);

    const ObjectReader properties(
        in.value(u"properties"_s).isUndefined() ? QJsonObject() : in.value(u"properties"_s),
        in.path(u"properties"_s));
    for (auto it = properties.object().begin(); it != properties.object().end(); ++it) {
        const PropertySpec *spec = KindCatalog::property(node.kind, it.key());
        if (!spec)
            fail(properties.path(it.key()),
                 Tr::tr("%1 nodes have no property \"%2\"")
                     .arg(kindDisplayName(node.kind), it.key().left(60)));
        QVariant canonical;
        if (Outcome checked = spec->check(it.value().toVariant(), &canonical); !checked)
            fail(properties.path(it.key()), checked.reason());
        node.properties.insert(it.key(), canonical);
    }
    if (Outcome checked = topology.checkNode(node); !checked)
        fail(in.where(), checked.reason());
    return node;
}

void readNodes(const ObjectReader &root, Topology *topology)
{
    const QJsonArray nodes = root.array(u"nodes"_s);
    if (nodes.size() > kMaxNodes)
        fail(u"nodes"_s, Tr::tr("%1 nodes is more than the %2 a design may have")
                             .arg(nodes.size())
                             .arg(kMaxNodes));
    QHash<QString, qsizetype> seenIds;
    for (qsizetype i = 0; i < nodes.size(); ++i) {
        const QString path = indexPath(u"nodes"_s, i);
        Node node = readNode(ObjectReader(nodes.at(i), path), *topology, seenIds);
        seenIds.insert(node.id, i);
        topology->addNode(std::move(node));
    }
}

void readLinks(const ObjectReader &root, Topology *topology)
{
    const QJsonArray links = root.array(u"links"_s);
    if (links.size() > kMaxLinks)
        fail(u"links"_s, Tr::tr("%1 links is more than the %2 a design may have")
                             .arg(links.size())
                             .arg(kMaxLinks));
    // Ids given in the file come first, so a generated id never takes one a later link names.
    QHash<QString, qsizetype> seenIds;
    for (qsizetype i = 0; i < links.size(); ++i) {
        const ObjectReader in(links.at(i), indexPath(u"links"_s, i));
        in.allowOnly({"id"_L1, "from"_L1, "to"_L1});
        if (in.value(u"id"_s).isUndefined())
            continue;
        const QString id = in.string(u"id"_s);
        if (!isValidId(id))
            fail(in.path(u"id"_s), Tr::tr("\"%1\" is not a valid id: use 1 to 64 letters, digits, "
                                          "'-', '_' or '.', starting with a letter or digit")
                                       .arg(id.left(80)));
        if (const auto first = seenIds.constFind(id); first != seenIds.cend())
            fail(in.path(u"id"_s),
                 Tr::tr("the id \"%1\" is already used by %2; every link needs its own id")
                     .arg(id, indexPath(u"links"_s, *first)));
        seenIds.insert(id, i);
    }
    int generated = 0;
    for (qsizetype i = 0; i < links.size(); ++i) {
        const ObjectReader in(links.at(i), indexPath(u"links"_s, i));
        // Link ids are optional in hand-written files; saving writes the generated one back.
        QString id = in.value(u"id"_s).isUndefined() ? QString() : in.string(u"id"_s);
        while (id.isEmpty() || (in.value(u"id"_s).isUndefined() && seenIds.contains(id)))
            id = u"link-%1"_s.arg(++generated);
        seenIds.insert(id, i);
        const Link link{id, in.string(u"from"_s), in.string(u"to"_s)};
        if (!topology->node(link.from))
            fail(in.path(u"from"_s), Tr::tr("no node has the id \"%1\"").arg(link.from.left(80)));
        if (!topology->node(link.to))
            fail(in.path(u"to"_s), Tr::tr("no node has the id \"%1\"").arg(link.to.left(80)));
        if (Outcome added = topology->addLink(link); !added)
            fail(indexPath(u"links"_s, i), added.reason());
    }
}

} // namespace

QJsonObject nodeToJson(const Node &node)
{
    QJsonObject json{{u"id"_s, node.id},
                     {u"kind"_s, kindId(node.kind)},
                     {u"name"_s, node.name},
                     {u"x"_s, node.position.x()},
                     {u"y"_s, node.position.y()},
                     {u"properties"_s, QJsonObject::fromVariantMap(node.properties)}};
    if (!node.group.isEmpty())
        json.insert(u"group"_s, node.group);
    return json;
}

QJsonObject linkToJson(const Link &link)
{
    return {{u"id"_s, link.id}, {u"from"_s, link.from}, {u"to"_s, link.to}};
}

QJsonObject toJson(const Topology &topology)
{
    QJsonArray nodes;
    for (const Node &node : topology.nodes())
        nodes.append(nodeToJson(node));
    QJsonArray links;
    for (const Link &link : topology.links())
        links.append(linkToJson(link));
    return {{u"format"_s, QString(kFormat)},
            {u"name"_s, topology.name()},
            {u"nodes"_s, nodes},
            {u"links"_s, links}};
}

std::optional<FileError> fromJson(const QJsonObject &json, Topology *topology)
{
    Topology result;
    try {
        const ObjectReader root(json, {});
        checkFormat(root);
        root.allowOnly({"format"_L1, "name"_L1, "nodes"_L1, "links"_L1});
        if (Outcome named = result.setName(root.string(u"name"_s)); !named)
            fail(u"name"_s, named.reason());
        readNodes(root, &result);
        readLinks(root, &result);
    } catch (const JsonPathError &error) {
        return FileError{{}, error.path, error.reason};
    }
    *topology = std::move(result);
    return std::nullopt;
}

} // namespace topolab::core::TopologyJson
