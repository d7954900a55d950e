<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
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
    <name>topolab::gui::ProblemsPanel</name>
    <message numerus="yes">
        <source>%n problem(s). Select one to see why it matters and how to fix it.</source>
        <translation>
            <numerusform>%n problem. Select it to see why it matters and how to fix it.</numerusform>
            <numerusform>%n problems. Select one to see why it matters and how to fix it.</numerusform>
        </translation>
    </message>
</context>
</TS>
