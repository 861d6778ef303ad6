// cli_test_support.h — running convlens-cli from the CLI tests: one process per call, its exit code and output, and
// writing the test's input files. CONVLENS_CLI is the binary's path, set by tests/CMakeLists.txt.
#pragma once

#include <QByteArray>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <cstdlib>

namespace clitest {

struct CliResult {
    int exitCode = -1; // -1: crashed or timed out
    QByteArray out, err;
};

inline CliResult runCli(const QStringList &args, int timeoutMs = 120000)
{
    QProcess p;
    p.start(QStringLiteral(CONVLENS_CLI), args);
    if (!p.waitForFinished(timeoutMs))
        qFatal("convlens-cli %s did not finish within %d ms", qPrintable(args.join(QLatin1Char(' '))), timeoutMs);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

// Writes `bytes` to `path` or aborts the test binary (a test that cannot write its input proves nothing).
inline QString writeTestFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

} // namespace clitest
