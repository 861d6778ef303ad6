// tst_translations.cpp — the zh_CN translation (resources/translations/convlens_zh_CN.ts) is complete and sound:
// - every string the UI can show has a finished translation: lupdate is run over app/gui, app/render and core (the
//   CLI stays English) and each message it finds must be in the committed .ts, translated — so a new tr() string
//   without a translation fails here (skipped, saying so, when lupdate is not installed);
// - no translation is empty or unfinished, and each keeps its source's placeholders (%1…, %n) and the Keras and
//   PyTorch identifiers it quotes (padding='same', pool_size, ceil_mode, Conv2d, nn.ZeroPad2d, …) as written;
// - the compiled translation is in the app (":/i18n/convlens_zh_CN.qm", built by lrelease) and translates the menus
//   and core's quiz feedback; the language follows the system locale unless a setting overrides it.
#include "elided_label.h"
#include "feature_maps_view.h"
#include "formats/image_input.h"
#include "formats/model_file.h"
#include "formats/npy.h"
#include "formats/weights_dir.h"
#include "forward_controller.h"
#include "import_dialog.h"
#include "importers/python_code.h"
#include "input_panel.h"
#include "language.h"
#include "layer_model.h"
#include "main_window.h"
#include "shape/infer.h"
#include "teach/quiz.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

#include <functional>

using namespace convlens;

namespace {

struct Message {
    QString context, source;
    QStringList translations; // one per numerus form
    QString type;             // "", "unfinished", "vanished", "obsolete"
    bool numerus = false;
};

QList<Message> readTs(const QString &path, QString *error)
{
    QList<Message> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = path + QStringLiteral(": ") + f.errorString();
        return out;
    }
    QXmlStreamReader xml(&f);
    QString context;
    Message m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            if (xml.name() == u"name")
                context = xml.readElementText();
            else if (xml.name() == u"message") {
                m = Message{context, {}, {}, {}, xml.attributes().value(QLatin1StringView("numerus")) == u"yes"};
            } else if (xml.name() == u"source")
                m.source = xml.readElementText();
            else if (xml.name() == u"translation") {
                m.type = xml.attributes().value(QLatin1StringView("type")).toString();
                if (!m.numerus)
                    m.translations << xml.readElementText();
            } else if (xml.name() == u"numerusform")
                m.translations << xml.readElementText();
        } else if (xml.isEndElement() && xml.name() == u"message") {
            out << m;
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return out;
}

QString tsPath()
{
    return QStringLiteral(CONVLENS_SOURCE_DIR "/resources/translations/convlens_zh_CN.ts");
}

QStringList placeholders(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("%(\\d+|n)"));
    QStringList out;
    for (auto it = re.globalMatch(s); it.hasNext();)
        out << it.next().captured(0);
    out.sort();
    out.removeDuplicates();
    return out;
}

// What must stay as the code writes it: keyword arguments and their values (padding='same', ceil_mode=True), names
// with underscores (pool_size, count_include_pad), framework classes (Conv2D, MaxPool2d, nn.ZeroPad2d).
QStringList identifiers(const QString &s)
{
    static const QRegularExpression re(QStringLiteral(
        "\\b[a-z_]+=(?:'[a-z]+'|True|False|\\d+|None)?|\\b[a-z]+(?:_[a-z]+)+\\b|\\b(?:nn\\.)?[A-Z][A-Za-z]*[0-9][dD]\\b"));
    QStringList out;
    for (auto it = re.globalMatch(s); it.hasNext();)
        out << it.next().captured(0);
    return out;
}

} // namespace

class TstTranslations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyMessageIsTranslated();
    void newStringsNeedATranslation();
    void compiledIntoTheApp();
    void languageFollowsTheLocale();
    void languageSwitchesLive();
    void readersRefuseInTheUiLanguage();
    void statusMessageFollowsTheLanguage();
    void importDialogRewordsChinese();
};

void TstTranslations::everyMessageIsTranslated()
{
    QString error;
    const QList<Message> ts = readTs(tsPath(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(ts.size() > 500);
    QStringList problems;
    for (const Message &m : ts) {
        const QString where = m.context + QStringLiteral(": “") + m.source.left(60) + QStringLiteral("”");
        if (m.type == u"vanished" || m.type == u"obsolete") {
            problems << where + QStringLiteral(" is no longer in the code (run scripts/update_translations.sh)");
            continue;
        }
        if (m.type == u"unfinished" || m.translations.isEmpty() || m.translations.contains(QString())) {
            problems << where + QStringLiteral(" has no translation");
            continue;
        }
        for (const QString &t : m.translations) {
            if (placeholders(t) != placeholders(m.source))
                problems << where + QStringLiteral(" → “%1”: placeholders %2, not %3")
                                        .arg(t, placeholders(t).join(u' '), placeholders(m.source).join(u' '));
            for (const QString &id : identifiers(m.source))
                if (!t.contains(id))
                    problems << where + QStringLiteral(" → “%1”: keep “%2” as the code writes it").arg(t, id);
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void TstTranslations::newStringsNeedATranslation()
{
    const QString lupdate = QStringLiteral(CONVLENS_LUPDATE);
    if (lupdate.isEmpty() || !QFile::exists(lupdate))
        QSKIP("lupdate is not installed (Debian: qt6-l10n-tools): cannot list the strings in the code");
    QTemporaryDir dir;
    const QString fresh = dir.filePath(QStringLiteral("fresh.ts"));
    const QString src = QStringLiteral(CONVLENS_SOURCE_DIR);
    QProcess p;
    p.start(lupdate, {QStringLiteral("-silent"), QStringLiteral("-no-obsolete"), src + QStringLiteral("/app/gui"),
                      src + QStringLiteral("/app/render"), src + QStringLiteral("/core"), QStringLiteral("-ts"),
                      fresh});
    QVERIFY(p.waitForFinished(120000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    QString error;
    const QList<Message> inCode = readTs(fresh, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QList<Message> committed = readTs(tsPath(), &error);
    QSet<QString> translated;
    for (const Message &m : committed)
        if (m.type.isEmpty() && !m.translations.isEmpty() && !m.translations.contains(QString()))
            translated.insert(m.context + u'\x1f' + m.source);
    QStringList missing;
    for (const Message &m : inCode)
        if (!translated.contains(m.context + u'\x1f' + m.source))
            missing << m.context + QStringLiteral(": “") + m.source + QStringLiteral("”");
    QVERIFY2(inCode.size() > 500, qPrintable(QString::number(inCode.size())));
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("%1 UI string(s) without a zh_CN translation (run "
                                                          "scripts/update_translations.sh, then translate them in "
                                                          "Qt Linguist):\n")
                                               .arg(missing.size()) +
                                           missing.join(u'\n')));
}

void TstTranslations::compiledIntoTheApp()
{
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/convlens_zh_CN.qm")));
    QTranslator t;
    QVERIFY(t.load(QStringLiteral(":/i18n/convlens_zh_CN.qm")));
    QCOMPARE(t.translate("convlens::MainWindow", "&File"), QStringLiteral("文件(&F)"));
    QCOMPARE(t.translate("convlens::Presentation", "&Presentation"), QStringLiteral("演示模式(&P)"));
    QCOMPARE(t.translate("StepPainter", "−∞\nignored"), QStringLiteral("−∞\n忽略"));

    // Core's words follow the installed translation: the quiz's feedback on a pooling layer's default strides.
    QVERIFY(installUiLanguage(qApp, QStringLiteral("zh_CN")));
    Graph g;
    g.framework = Framework::Keras;
    Layer in;
    in.name = "in";
    in.type = "InputLayer";
    in.params["shape"] = ParamValue::ints({25, 25, 4});
    Layer pool;
    pool.name = "pool";
    pool.type = "MaxPooling2D";
    pool.params["pool_size"] = ParamValue(std::int64_t{3});
    pool.inputs = {"in"};
    g.layers = {in, pool};
    QVERIFY(validateAndOrder(g).empty());
    const teach::QuizFeedback f = teach::checkShape(g, infer(g), "pool", {23, 23, 4});
    QCOMPARE(f.missed.size(), size_t(1));
    QCOMPARE(QString::fromStdString(f.missed.front()),
             QStringLiteral("strides 默认等于 pool_size：步长 s = 3，而不是 1"));
}

void TstTranslations::languageFollowsTheLocale()
{
    QLocale::setDefault(QLocale(QStringLiteral("en_US")));
    QCOMPARE(resolveUiLanguage(QStringLiteral("zh_CN")), QStringLiteral("zh_CN")); // the setting wins
    QCOMPARE(resolveUiLanguage(QStringLiteral("en")), QStringLiteral("en"));
    QCOMPARE(resolveUiLanguage(QStringLiteral("fr")), resolveUiLanguage(QString())); // unknown: as the system
    QVERIFY(installUiLanguage(qApp, QStringLiteral("en")));                            // the source: nothing to load
    QVERIFY(!installUiLanguage(qApp, QStringLiteral("xx")));
}

// View ▸ Language applies at once: the menu titles, every action of the menus and core's formulas change to zh_CN
// and back without a restart, and match a window built in zh_CN from the start.
namespace {

// Every menu's title and every action's text under the menu bar, depth first ("File/&Open…").
QStringList menuTexts(const QMenuBar *bar, const QStringList &skipMenus = {})
{
    QStringList out;
    std::function<void(const QMenu *, const QString &)> walk = [&](const QMenu *m, const QString &path) {
        for (const QAction *a : m->actions()) {
            if (a->isSeparator())
                continue;
            out << path + a->text();
            if (a->menu() && !skipMenus.contains(a->menu()->objectName()))
                walk(a->menu(), path + a->text() + u'/');
        }
    };
    for (const QAction *a : bar->actions()) {
        out << a->text();
        if (a->menu())
            walk(a->menu(), a->text() + u'/');
    }
    return out;
}

QAction *languageAction(MainWindow &w, const QString &code)
{
    const auto *menu = w.findChild<QMenu *>(QStringLiteral("languageMenu"));
    if (!menu)
        return nullptr;
    for (QAction *a : menu->actions())
        if (a->data().toString() == code)
            return a;
    return nullptr;
}

} // namespace

void TstTranslations::languageSwitchesLive()
{
    QVERIFY(installUiLanguage(qApp, QStringLiteral("en")));
    MainWindow w(false); // opens the autoencoder; no settings
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const QStringList english = menuTexts(w.menuBar());
    QCOMPARE(english.first(), QStringLiteral("&File"));
    QVERIFY(english.contains(QStringLiteral("&View/&Presentation")));
    const int pool = w.layerModel()->rowOf(QStringLiteral("max_pooling2d_2"));
    QVERIFY(pool >= 0);
    const auto formula = [&] {
        return w.layerModel()->index(pool, LayerModel::FormulaColumn).data().toString();
    };
    const QString englishFormula = formula();
    QVERIFY2(englishFormula.contains(QStringLiteral("adds 0 top, 1 bottom")), qPrintable(englishFormula));
    const QString header = w.layerModel()->headerData(LayerModel::FormulaColumn, Qt::Horizontal).toString();
    // The texts composed at the last forward run: the input panel's "Input: sample digit …", the maps' "input … ·
    // weights" line, the status bar's forward-pass line. They follow the language without another run.
    QVERIFY(w.showView(QStringLiteral("maps")));
    QTRY_VERIFY(w.forwardController()->snapshot() && !w.forwardController()->busy());
    const auto mapsLine = [&] { return w.featureMapsView()->statusLabel()->text(); };
    const auto forwardLine = [&] {
        auto *l = w.findChild<ElidedLabel *>(QStringLiteral("computeStatus"));
        return l ? l->fullText() : QString();
    };
    QTRY_VERIFY2(mapsLine().contains(QStringLiteral("input: sample digit 0_0.png")), qPrintable(mapsLine()));
    QVERIFY2(mapsLine().contains(QStringLiteral("trained weights from autoencoder.weights")), qPrintable(mapsLine()));
    QVERIFY2(w.inputPanel()->noteText().contains(QStringLiteral("sample digit 0_0.png")),
             qPrintable(w.inputPanel()->noteText()));
    QTRY_VERIFY2(forwardLine().contains(QStringLiteral("trained weights from autoencoder.weights · input: sample digit")),
                 qPrintable(forwardLine()));
    const QString englishMaps = mapsLine(), englishNote = w.inputPanel()->noteText(), englishForward = forwardLine();

    QAction *zh = languageAction(w, QStringLiteral("zh_CN")), *en = languageAction(w, QStringLiteral("en"));
    QVERIFY(zh && en);
    zh->trigger();
    QCOMPARE(installedUiLanguage(), QStringLiteral("zh_CN"));
    QTRY_COMPARE(w.menuBar()->actions().first()->text(), QStringLiteral("文件(&F)"));
    const QStringList chinese = menuTexts(w.menuBar());
    QVERIFY(chinese.contains(QStringLiteral("视图(&V)/演示模式(&P)")));
    QVERIFY2(formula().contains(QStringLiteral("上填充 0、下 1")), qPrintable(formula()));
    QVERIFY(formula().contains(QStringLiteral("padding='same'"))); // the Keras words stay as the code writes them
    QVERIFY(w.layerModel()->headerData(LayerModel::FormulaColumn, Qt::Horizontal).toString() != header);
    QTRY_VERIFY2(mapsLine().contains(QStringLiteral("输入：示例数字 0_0.png")), qPrintable(mapsLine()));
    QCOMPARE(w.featureMapsView()->messageText(), QStringLiteral("选中一个层，查看它的特征图。")); // no layer selected
    QVERIFY2(mapsLine().contains(QStringLiteral("来自 autoencoder.weights 的训练权重")), qPrintable(mapsLine()));
    QVERIFY2(w.inputPanel()->noteText().contains(QStringLiteral("输入：</b>示例数字 0_0.png")),
             qPrintable(w.inputPanel()->noteText()));
    QTRY_VERIFY2(forwardLine().contains(QStringLiteral("来自 autoencoder.weights 的训练权重 · 输入：示例数字 0_0.png")),
                 qPrintable(forwardLine()));
    if (const QString dir = qEnvironmentVariable("CONVLENS_TEST_SHOTS"); !dir.isEmpty()) // to look at
        w.grab().save(dir + QStringLiteral("/language_switched_live_zh_CN.png"));
    // The same texts as a window that started in zh_CN (the recent files and examples are data, not words).
    {
        MainWindow fresh(false);
        const QStringList want = menuTexts(fresh.menuBar());
        QStringList differ;
        for (qsizetype i = 0; i < std::max(want.size(), chinese.size()); ++i)
            if (want.value(i) != chinese.value(i))
                differ << QStringLiteral("%1 ≠ %2").arg(chinese.value(i), want.value(i));
        QVERIFY2(differ.isEmpty(), qPrintable(differ.join(u'\n')));
    }

    en->trigger();
    QCOMPARE(installedUiLanguage(), QStringLiteral("en"));
    QTRY_COMPARE(w.menuBar()->actions().first()->text(), QStringLiteral("&File"));
    QCOMPARE(menuTexts(w.menuBar()), english);
    QCOMPARE(formula(), englishFormula);
    QCOMPARE(w.layerModel()->headerData(LayerModel::FormulaColumn, Qt::Horizontal).toString(), header);
    QTRY_COMPARE(mapsLine(), englishMaps);
    QCOMPARE(w.inputPanel()->noteText(), englishNote);
    // The layer count and time are the last run's (the re-inferred formulas start one); the words are English again.
    QTRY_COMPARE(forwardLine().section(QStringLiteral(" · "), 1), englishForward.section(QStringLiteral(" · "), 1));
}

// The importers' and readers' refusals and notes are core's words too: with zh_CN installed each comes out in
// Chinese with its file, line, layer and numbers in place (the English text is what the CLI and the other tests
// see); back in English they are the English sentences again.
void TstTranslations::readersRefuseInTheUiLanguage()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto write = [&](const QString &name, const QByteArray &bytes) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            return std::string();
        return dir.filePath(name).toStdString();
    };
    const std::string kerasCode = "from tensorflow.keras.layers import Input, Conv3D\n"
                                  "x = Input((8, 8, 8, 1))\n"
                                  "y = Conv3D(4, 3)(x)\n";
    const std::string torchCode = "import torch.nn as nn\n"
                                  "m = nn.Sequential(nn.Conv2d(3, 8, 3, bogus=1))\n";
    const std::string badNpy = write(QStringLiteral("bad.npy"), QByteArrayLiteral("not an array at all"));
    const std::string project =
        write(QStringLiteral("p.json"), QByteArrayLiteral("{\"format\": \"convlens-model\", \"version\": 1, "
                                                          "\"framework\": \"keras\", \"layers\": [{\"name\": \"c\", "
                                                          "\"type\": \"Conv3D\"}]}"));
    const std::string missing = dir.filePath(QStringLiteral("nowhere.py")).toStdString();
    const std::string bad = CONVLENS_SOURCE_DIR "/tests/golden/files/bad/";
    QVERIFY(!badNpy.empty() && !project.empty());

    struct Case {
        const char *what;
        std::function<std::string()> message;
        QString english, chinese; // a part of each
    };
    const auto loadError = [](const LoadResult &r) { return r.error ? r.error->message : std::string("(loaded)"); };
    const std::vector<Case> cases{
        {"Keras code: unknown layer", [&] { return loadError(importPythonCode(kerasCode, "m.py")); },
         QStringLiteral("unknown layer 'Conv3D' (line 3); ConvLens knows: "),
         QStringLiteral("未知的层 'Conv3D' （第 3 行）；ConvLens 支持：")},
        {"PyTorch code: unexpected keyword", [&] { return loadError(importPythonCode(torchCode, "m.py")); },
         QStringLiteral("Conv2d() got an unexpected keyword argument 'bogus'"),
         QStringLiteral("Conv2d() 收到意外的关键字参数 'bogus'")},
        {"syntax error", [&] { return loadError(importPythonCode("x = (1,\n", "m.py")); },
         QStringLiteral("syntax error: "), QStringLiteral("语法错误：")},
        {"Python reader: curly quotes", [&] { return loadError(importPythonCode("x = \u2018a\u2019\n", "m.py")); },
         QStringLiteral("syntax error: invalid character '\u2018': curly quotes are not Python quotes"),
         QStringLiteral("语法错误：无效字符 '\u2018'：弯引号不是 Python 的引号")},
        {"model file: cannot open", [&] { return loadError(loadModelFile(missing)); },
         QStringLiteral("cannot open the file: "), QStringLiteral("无法打开文件：")},
        {"project JSON: unknown type",
         [&] {
             QFile f(QString::fromStdString(project));
             f.open(QIODevice::ReadOnly);
             const QByteArray b = f.readAll();
             return loadError(loadProjectJson(std::string_view(b.constData(), size_t(b.size())), "p.json"));
         },
         QStringLiteral("layer 'c': unknown layer type 'Conv3D' for keras; ConvLens knows: "),
         QStringLiteral("层 'c'：keras 中没有层类型 'Conv3D'；ConvLens 支持：")},
        {".npy: bad magic",
         [&] {
             std::string e;
             readNpy(badNpy, &e);
             return e;
         },
         QString::fromStdString(badNpy) + QStringLiteral(": not a NumPy .npy file (bad magic)"),
         QString::fromStdString(badNpy) + QStringLiteral(": 不是 NumPy .npy 文件（魔数不符）")},
        {"image: no such file",
         [&] {
             return loadImageInput(missing, Framework::Keras, {28, 28, 1}).error;
         },
         QString::fromStdString(missing) + QStringLiteral(": no such file"),
         QString::fromStdString(missing) + QStringLiteral("：文件不存在")},
        {"weights folder: no such directory",
         [&] {
             const auto r = loadWeightsDir(missing + ".weights", ShapeReport{});
             return r.errors.empty() ? std::string() : r.errors.front();
         },
         QString::fromStdString(missing) + QStringLiteral(".weights: no such directory"),
         QString::fromStdString(missing) + QStringLiteral(".weights：目录不存在")},
        {"Keras .h5: truncated", [&] { return loadError(loadModelFile(bad + "keras_truncated.h5")); },
         QStringLiteral("cannot open the HDF5 file (truncated or corrupt)"),
         QStringLiteral("无法打开 HDF5 文件（文件不完整或已损坏）")},
        {"Keras .keras: zip bomb", [&] { return loadError(loadModelFile(bad + "keras_zip_bomb_256mib.keras")); },
         QStringLiteral("config.json inflates to 268435458 bytes, more than the limit of "),
         QStringLiteral("config.json 解压后有 268435458 字节，超过上限 ")},
        {"ONNX: opset 99", [&] { return loadError(loadModelFile(bad + "onnx_opset_99.onnx")); },
         QStringLiteral("opset 99 is not supported (ConvLens reads ai.onnx opsets 9 to 18)"),
         QStringLiteral("不支持算子集版本 99（ConvLens 读取 ai.onnx 算子集 9 到 18）")},
        {"ONNX: the file's note",
         [&] {
             const LoadResult r = loadModelFile(bad + "onnx_unknown_domain_op.onnx");
             return r.notes.empty() ? std::string("(no note)") : r.notes.front();
         },
         QStringLiteral("ONNX opset "), QStringLiteral("ONNX 算子集 ")},
        {"ONNX: a refused row",
         [&] {
             const LoadResult r = loadModelFile(bad + "onnx_unknown_domain_op.onnx");
             for (const Layer &l : r.graph ? r.graph->layers : std::vector<Layer>{})
                 if (const auto it = l.params.find("refused_by_reader"); it != l.params.end())
                     return it->second.asString();
             return std::string("(no refused row)");
         },
         QStringLiteral("ONNX node '"), QStringLiteral("ONNX 节点 '")},
    };
    QVERIFY(installUiLanguage(qApp, QStringLiteral("zh_CN")));
    QStringList problems;
    for (const Case &c : cases) {
        const QString m = QString::fromStdString(c.message());
        if (!m.contains(c.chinese))
            problems << QStringLiteral("%1 (zh_CN): “%2” lacks “%3”").arg(QLatin1StringView(c.what), m, c.chinese);
    }
    QVERIFY(installUiLanguage(qApp, QStringLiteral("en")));
    for (const Case &c : cases) {
        const QString m = QString::fromStdString(c.message());
        if (!m.contains(c.english))
            problems << QStringLiteral("%1 (en): “%2” lacks “%3”").arg(QLatin1StringView(c.what), m, c.english);
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

// The status bar's message, while it shows, is composed again in the new language (a LiveText); what came composed
// into it — a reader's note — keeps the language it was written in.
void TstTranslations::statusMessageFollowsTheLanguage()
{
    QVERIFY(installUiLanguage(qApp, QStringLiteral("en")));
    MainWindow w(false);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const auto *shown = w.findChild<ElidedLabel *>(QStringLiteral("statusMessage"));
    QVERIFY(shown);
    const QString path = QStringLiteral(CONVLENS_SOURCE_DIR "/docs/screenshots/models/keras_refused_demo.json");
    QVERIFY(w.openFile(path));
    const QString english = w.lastMessage();
    QCOMPARE(
        english,
        QStringLiteral("Opened %1 — layer 'conv2d' (Conv2D): config key 'kernel_quantizer' is not read").arg(path));
    QAction *zh = languageAction(w, QStringLiteral("zh_CN")), *en = languageAction(w, QStringLiteral("en"));
    QVERIFY(zh && en);
    zh->trigger();
    QTRY_COMPARE(w.lastMessage(),
                 QStringLiteral("已打开 %1 — layer 'conv2d' (Conv2D): config key 'kernel_quantizer' is "
                                "not read")
                     .arg(path));
    QCOMPARE(shown->fullText(), w.lastMessage());
    en->trigger();
    QTRY_COMPARE(w.lastMessage(), english);
    QCOMPARE(shown->fullText(), english);
}

// The import dialog turns the importers' command-line requests (--input-shape, --call) into its own fields' words;
// in zh_CN the importers word them in Chinese, and the dialog still finds them.
void TstTranslations::importDialogRewordsChinese()
{
    const auto reworded = [](const std::string &code) {
        const LoadResult r = importPythonCode(code, "m.py");
        return ImportDialog::guiWording(QString::fromStdString(r.error ? r.error->message : std::string()));
    };
    const std::string torch = "import torch.nn as nn\nmodel = nn.Sequential(nn.Conv2d(1, 4, 3))\n";
    const std::string builder = "from tensorflow.keras.models import Sequential\n"
                                "from tensorflow.keras.layers import Dense\n"
                                "def build(n):\n"
                                "    m = Sequential()\n"
                                "    m.add(Dense(n))\n"
                                "    return m\n";
    QVERIFY(installUiLanguage(qApp, QStringLiteral("zh_CN")));
    const QString shape = reworded(torch), call = reworded(builder);
    QVERIFY(installUiLanguage(qApp, QStringLiteral("en")));
    QCOMPARE(shape, QStringLiteral("PyTorch 代码没有声明输入形状；在“输入形状”框中填写输入形状（C,H,W）"));
    QVERIFY2(!call.contains(QStringLiteral("--call")) &&
                 call.contains(QStringLiteral("请在“调用”栏中写出带参数的调用，例如 build(…)")),
             qPrintable(call));
    QCOMPARE(reworded(torch),
             QStringLiteral("PyTorch code declares no input shape; enter the input shape (C,H,W) in the "
                            "Input shape field"));
}

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TstTranslations t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_translations.moc"
