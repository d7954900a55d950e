#pragma once

#include "runtime/cluster/workernode.h"

#include <memory>

// A `topolab worker` process for tests, started through the runtime's own WorkerNode: it dies
// with the test process, and its destructor stops it, so a failing test leaves no orphan.
inline std::unique_ptr<topolab::runtime::WorkerNode>
startTestWorker(const QString &name, const QString &site, quint16 port = 0,
                const topolab::runtime::DatabaseAddress &primary = {},
                const topolab::runtime::DatabaseAddress &replica = {})
{
    auto worker =
        std::make_unique<topolab::runtime::WorkerNode>(topolab::runtime::WorkerNode::Options{
            QStringLiteral(TOPOLAB_BINARY), name, port, site, primary, replica});
    QString error;
    if (!worker->start(&error)) {
        qWarning("worker %s did not start: %s", qPrintable(name), qPrintable(error));
        return nullptr;
    }
    return worker;
}
