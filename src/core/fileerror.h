#pragma once

#include <QString>

namespace topolab::core {

// Why a design could not be read or written: which file, where in it (line and column, or a JSON
// path such as nodes[2].properties.port) and what is wrong, in words the user can act on.
struct FileError {
    QString file;
    QString location;
    QString reason;

    QString message() const
    {
        QString text = file;
        if (!location.isEmpty())
            text += (text.isEmpty() ? QString() : QStringLiteral(": ")) + location;
        return text + QStringLiteral(": ") + reason;
    }
};

} // namespace topolab::core
