#pragma once

#include <QString>

namespace topolab::runtime {

// Puts a codebase's files where a worker can serve them: a site shipped inside Topolab (such as
// "foobar", the www.foobar.com demo) is copied out of the binary; an existing absolute folder is
// served as it is.
namespace SiteInstaller {

// The folder to serve for `root` (a codebase's "root" property), preparing it under `runFolder`
// if needed; empty with the reason in `error` on failure.
QString prepare(const QString &root, const QString &runFolder, QString *error);
QStringList shippedSites();

} // namespace SiteInstaller

} // namespace topolab::runtime
