// tst_cli_export.cpp — `convlens-cli trace --gif/--png/--svg/--sheet` as scripts use it: the files decode (the GIF
// through giflib: one frame per step at --size), the one line per file on stdout, and exit status 2 for a bad size,
// fps or step.
#include "cli_test_support.h"

#include <QImage>
#include <QTemporaryDir>
#include <QTest>

#include <gif_lib.h>

using namespace Qt::Literals::StringLiterals;

class TstCliExport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void gifPngSvgSheet();
    void badOptions_data();
    void badOptions();

private:
    const QString model = QStringLiteral(CONVLENS_SOURCE_DIR "/resources/examples/autoencoder.py");
    QTemporaryDir m_dir;
};

void TstCliExport::gifPngSvgSheet()
{
    const QString gif = m_dir.filePath(u"pool.gif"_s), png = m_dir.filePath(u"pool.png"_s),
                  svg = m_dir.filePath(u"pool.svg"_s), sheet = m_dir.filePath(u"sheet.png"_s);
    const clitest::CliResult r = clitest::runCli({u"trace"_s, model, u"--layer"_s, u"max_pooling2d_2"_s, u"--gif"_s, gif,
                                                  u"--size"_s, u"640x360"_s, u"--fps"_s, u"2"_s, u"--png"_s, png,
                                                  u"--svg"_s, svg, u"--step"_s, u"14"_s, u"--sheet"_s, sheet});
    QCOMPARE(r.exitCode, 0);
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines[0], (gif + u": 16 frames, 640×360, 2 fps"_s).toUtf8());
    QCOMPARE(lines[1], (png + u": step 14 of 16, 640×360"_s).toUtf8());
    int err = 0;
    GifFileType *g = DGifOpenFileName(qPrintable(gif), &err);
    QVERIFY(g);
    QCOMPARE(DGifSlurp(g), GIF_OK);
    QCOMPARE(g->ImageCount, 16);
    QCOMPARE(g->SWidth, 640);
    QCOMPARE(g->SHeight, 360);
    GraphicsControlBlock gcb;
    QCOMPARE(DGifSavedExtensionToGCB(g, 3, &gcb), GIF_OK);
    QCOMPARE(gcb.DelayTime, 50);
    DGifCloseFile(g, &err);
    QCOMPARE(QImage(png).size(), QSize(640, 360));
    QFile s(svg);
    QVERIFY(s.open(QIODevice::ReadOnly));
    QVERIFY(s.readAll().contains("viewBox=\"0 0 640 360\""));
    QVERIFY(!QImage(sheet).isNull());
}

void TstCliExport::badOptions_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addRow("size") << QStringList{u"--gif"_s, u"x.gif"_s, u"--size"_s, u"huge"_s};
    QTest::addRow("fps") << QStringList{u"--gif"_s, u"x.gif"_s, u"--fps"_s, u"0"_s};
    QTest::addRow("png without step") << QStringList{u"--png"_s, u"x.png"_s};
    QTest::addRow("step 0") << QStringList{u"--png"_s, u"x.png"_s, u"--step"_s, u"0"_s};
    QTest::addRow("step past the end") << QStringList{u"--png"_s, u"x.png"_s, u"--step"_s, u"17"_s};
    QTest::addRow("size without export") << QStringList{u"--size"_s, u"640x360"_s};
    QTest::addRow("unwritable") << QStringList{u"--gif"_s, u"/nonexistent/dir/x.gif"_s};
}

void TstCliExport::badOptions()
{
    QFETCH(QStringList, args);
    for (QString &a : args)
        if (a.startsWith(u"x."_s))
            a = m_dir.filePath(a);
    const clitest::CliResult r =
        clitest::runCli(QStringList{u"trace"_s, model, u"--layer"_s, u"max_pooling2d_2"_s} + args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY(!r.err.isEmpty());
}

QTEST_GUILESS_MAIN(TstCliExport)
#include "tst_cli_export.moc"
