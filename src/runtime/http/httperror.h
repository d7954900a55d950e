#pragma once

#include <QByteArray>

namespace topolab::runtime {

// Why a message was refused, and the status to answer it with.
struct HttpError {
    int status; // 400, 413, 417, 431, 501 or 505
    QByteArray reason;
};

} // namespace topolab::runtime
