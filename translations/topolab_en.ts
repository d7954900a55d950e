<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>BackendTable</name>
    <message numerus="yes">
        <source>draining (%n in flight)</source>
        <translation>
            <numerusform>draining (%n in flight)</numerusform>
            <numerusform>draining (%n in flight)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeleteItemsCommand</name>
    <message numerus="yes">
        <source>Delete %n link(s)</source>
        <translation>
            <numerusform>Delete %n link</numerusform>
            <numerusform>Delete %n links</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n node(s)</source>
        <translation>
            <numerusform>Delete %n node</numerusform>
            <numerusform>Delete %n nodes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HttpsRule</name>
    <message numerus="yes">
        <source>No HTTPS: %1 serve(s) plain HTTP</source>
        <translation>
            <numerusform>No HTTPS: %1 serves plain HTTP</numerusform>
            <numerusform>No HTTPS: %1 serve plain HTTP</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MoveNodesCommand</name>
    <message numerus="yes">
        <source>Move %n node(s)</source>
        <translation>
            <numerusform>Move %n node</numerusform>
            <numerusform>Move %n nodes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewReport</name>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunReport</name>
    <message numerus="yes">
        <source>firewall: %n packet(s) dropped
</source>
        <translation>
            <numerusform>firewall: %n packet dropped
</numerusform>
            <numerusform>firewall: %n packets dropped
</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SetNodeGroupCommand</name>
    <message numerus="yes">
        <source>Take %n node(s) out of their server</source>
        <translation>
            <numerusform>Take %n node out of their server</numerusform>
            <numerusform>Take %n nodes out of their server</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Put %n node(s) on %1</source>
        <translation>
            <numerusform>Put %n node on %1</numerusform>
            <numerusform>Put %n nodes on %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>topolab::gui::DesignEditor</name>
    <message numerus="yes">
        <source>Paste %n node(s)</source>
        <translation>
            <numerusform>Paste %n node</numerusform>
            <numerusform>Paste %n nodes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>topolab::gui::DocumentFiles</name>
    <message numerus="yes">
        <source>%n more autosaved design(s) will be offered the next time Topolab starts.</source>
        <translation>
            <numerusform>%n more autosaved design will be offered the next time Topolab starts.</numerusform>
            <numerusform>%n more autosaved designs will be offered the next time Topolab starts.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>topolab::gui::EditActions</name>
    <message numerus="yes">
        <source>Copied %n node(s).</source>
        <translation>
            <numerusform>Copied %n node.</numerusform>
            <numerusform>Copied %n nodes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Pasted %n node(s).</source>
        <translation>
            <numerusform>Pasted %n node.</numerusform>
            <numerusform>Pasted %n nodes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>topolab::gui::InspectorPanel</name>
    <message numerus="yes">
        <source>%n node(s) selected</source>
        <translation>
            <numerusform>%n node selected</numerusform>
            <numerusform>%n nodes selected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n node</numerusform>
            <numerusform>%n nodes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n link(s)</source>
        <translation>
            <numerusform>%n link</numerusform>
            <numerusform>%n links</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>topolab::gui::MainWindow</name>
    <message numerus="yes">
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n node</numerusform>
            <numerusform>%n nodes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n link(s)</source>
        <translation>
            <numerusform>%n link</numerusform>
            <numerusform>%n links</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>topolab::gui::ProblemsPanel</name>
    <message numerus="yes">
        <source>%n problem(s). Select one to see why it matters and how to fix it.</source>
        <translation>
            <numerusform>%n problem. Select it to see why it matters and how to fix it.</numerusform>
            <numerusform>%n problems. Select one to see why it matters and how to fix it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>topolab::runtime::Balancer</name>
    <message numerus="yes">
        <source>draining: no new requests; %n in flight will finish</source>
        <translation>
            <numerusform>draining: no new requests; the one in flight will finish</numerusform>
            <numerusform>draining: no new requests; the %n in flight will finish</numerusform>
        </translation>
    </message>
</context>
</TS>
