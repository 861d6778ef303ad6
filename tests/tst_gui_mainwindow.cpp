// tst_gui_mainwindow.cpp — drives the real main window offscreen: the newcomer scenario from issue 4 (autoencoder,
// twelfth layer's padding → 'same', later shapes update, undo, save), adding from the palette by a real drop on the
// stack, reordering by a drop of rows, a stride edit through the properties editor, undo/redo, examples, pasted
// code, refusals, bad files, delete/duplicate, the semantics switch and selection shared by every view. Both item
// models run under QAbstractItemModelTester throughout.
#include "diagram_view.h"
#include "gui/gui_test_support.h"
#include "main_window.h"
#include "importers/python_code.h"
#include "formats/onnx_model.h"
#include "properties_editor.h"
#include "shape/infer.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDropEvent>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QPainter>
#include <QSpinBox>
#include <QTableView>
#include <QToolButton>
#include <QTemporaryDir>
#include <QtTest>

using namespace convlens;
using namespace Qt::StringLiterals;

class TestGuiMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void startsWithTheAutoencoder();
    void newcomerScenario();
    void addLayerFromPaletteByDrop();
    void addLayerByDoubleClickAndMenu();
    void reorderByDrag();
    void changeStrideMergesSpinSteps();
    void openExamples();
    void importPastedCode();
    void refusedLayerShowsDiagnostic();
    void corruptAndFutureFilesLeaveDocumentUntouched();
    void deleteDuplicateMultiSelect();
    void switchSemantics();
    void selectionSharedByViews();
    void promptBeforeDiscarding();
    void exportDiagram();
    void exportCodeFromTheFileMenu();
    void exportOnnxFromTheFileMenu();
    void dropFileOnWindow();
    void cliViews();

private:
    QString output(int row) const
    {
        return w->layerModel()->index(row, LayerModel::OutputColumn).data().toString();
    }
    QString type(int row) const { return w->layerModel()->index(row, LayerModel::TypeColumn).data().toString(); }
    int rows() const { return w->layerModel()->rowCount(); }
    void dropOnStack(QMimeData *mime, int beforeRow, Qt::DropAction action);

    std::unique_ptr<MainWindow> w;
    std::unique_ptr<QAbstractItemModelTester> layerTester, paletteTester;
    QStringList warnings, infos;
    test::RecordingPrompts *prompts = nullptr;
    QTemporaryDir dir;
};

void TestGuiMainWindow::init()
{
    warnings.clear();
    infos.clear();
    w = std::make_unique<MainWindow>(false);
    auto p = std::make_unique<test::RecordingPrompts>(&warnings, &infos);
    prompts = p.get();
    w->setPrompts(std::move(p));
    layerTester = std::make_unique<QAbstractItemModelTester>(
        w->layerModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    paletteTester = std::make_unique<QAbstractItemModelTester>(
        w->paletteModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    w->resize(1400, 900);
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w.get()));
}

void TestGuiMainWindow::cleanup()
{
    layerTester.reset();
    paletteTester.reset();
    w.reset();
}

void TestGuiMainWindow::dropOnStack(QMimeData *mime, int beforeRow, Qt::DropAction action)
{
    // A real drop on the stack's viewport, at the upper edge of `beforeRow` (or below the last row).
    QListView *stack = w->stackView();
    stack->scrollTo(w->layerModel()->index(std::min(beforeRow, rows() - 1), 0));
    QPoint pos;
    if (beforeRow < rows()) {
        const QRect r = stack->visualRect(w->layerModel()->index(beforeRow, 0));
        pos = QPoint(r.center().x(), r.top() + 1);
    } else {
        const QRect r = stack->visualRect(w->layerModel()->index(rows() - 1, 0));
        pos = QPoint(r.center().x(), r.bottom() + 4);
    }
    QDragEnterEvent enter(pos, action, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(stack->viewport(), &enter);
    QDragMoveEvent move(pos, action, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(stack->viewport(), &move);
    QVERIFY(move.isAccepted());
    QDropEvent drop(pos, action, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(stack->viewport(), &drop);
}

void TestGuiMainWindow::startsWithTheAutoencoder()
{
    QCOMPARE(rows(), 14);
    QCOMPARE(type(0), QStringLiteral("InputLayer"));
    QCOMPARE(output(0), QStringLiteral("(None, 28, 28, 1)"));
    QCOMPARE(output(6), QStringLiteral("(None, 4, 4, 8)"));
    QCOMPARE(output(13), QStringLiteral("(None, 28, 28, 1)"));
    QVERIFY(w->windowTitle().contains(QStringLiteral("autoencoder")));
    QVERIFY(!w->isWindowModified());
    QVERIFY(w->totalsLabel()->text().contains(QStringLiteral("Total params: 4,385")));
    QVERIFY(w->diagnosticLabel()->isHidden());
    QCOMPARE(w->diagramView()->layout().nodes.size(), size_t(14));
    QCOMPARE(w->layerModel()->headerData(LayerModel::OutputColumn, Qt::Horizontal).toString(),
             QStringLiteral("Output shape"));
}

void TestGuiMainWindow::newcomerScenario()
{
    // "change the twelfth layer's padding to 'same'"
    QVERIFY(w->selectLayer(QStringLiteral("11")));
    QCOMPARE(type(11), QStringLiteral("Conv2D"));
    QCOMPARE(output(11), QStringLiteral("(None, 14, 14, 16)"));
    QCOMPARE(w->propertiesEditor()->layer(), w->layerModel()->layerName(11));
    auto *padding = w->propertiesEditor()->fieldWidget(QStringLiteral("padding"));
    QVERIFY(padding);
    auto *combo = padding->findChild<QComboBox *>();
    QVERIFY(combo);
    QCOMPARE(combo->currentText(), QStringLiteral("valid"));
    const int same = combo->findText(QStringLiteral("same"));
    QVERIFY(same >= 0);
    combo->setCurrentIndex(same);
    Q_EMIT combo->activated(same);

    QCOMPARE(output(11), QStringLiteral("(None, 16, 16, 16)"));
    QCOMPARE(output(12), QStringLiteral("(None, 32, 32, 16)"));
    QCOMPARE(output(13), QStringLiteral("(None, 32, 32, 1)"));
    QCOMPARE(w->layerModel()->index(11, LayerModel::PaddingColumn).data().toString(), QStringLiteral("1"));
    QVERIFY(w->isWindowModified());
    QCOMPARE(w->document()->undoStack()->count(), 1);
    // The diagram follows.
    QCOMPARE(w->diagramView()->layout().nodes[13].shapeLabel, QStringLiteral("32×32×1"));
    // The properties editor kept its widgets (same layer) and shows the new value.
    QCOMPARE(w->propertiesEditor()->fieldWidget(QStringLiteral("padding")), padding);
    QCOMPARE(combo->currentText(), QStringLiteral("same"));

    // Undo: back to the original shapes.
    w->document()->undoStack()->undo();
    QCOMPARE(output(11), QStringLiteral("(None, 14, 14, 16)"));
    QCOMPARE(output(13), QStringLiteral("(None, 28, 28, 1)"));
    QCOMPARE(combo->currentText(), QStringLiteral("valid"));
    QVERIFY(!w->isWindowModified());
    w->document()->undoStack()->redo();
    QCOMPARE(output(13), QStringLiteral("(None, 32, 32, 1)"));

    // Save (the example has no file yet: Save asks where).
    const QString path = dir.filePath(QStringLiteral("autoencoder_same.json"));
    prompts->savePath = path;
    QVERIFY(w->save());
    QVERIFY(QFile::exists(path));
    QVERIFY(!w->isWindowModified());
    QVERIFY(w->windowTitle().startsWith(QStringLiteral("autoencoder_same.json")));
    QCOMPARE(w->document()->filePath(), path);
    // Reopen: the change is in the file.
    QVERIFY(w->openExample(QStringLiteral("lenet5")));
    QVERIFY(w->openFile(path));
    QCOMPARE(output(13), QStringLiteral("(None, 32, 32, 1)"));
    QVERIFY(warnings.isEmpty());
}

void TestGuiMainWindow::addLayerFromPaletteByDrop()
{
    PaletteModel *palette = w->paletteModel();
    int poolRow = -1;
    for (int r = 0; r < palette->rowCount(); ++r)
        if (palette->index(r).data().toString() == u"BatchNormalization")
            poolRow = r;
    QVERIFY(poolRow >= 0);
    std::unique_ptr<QMimeData> mime(palette->mimeData({palette->index(poolRow)}));
    const int before = rows();
    dropOnStack(mime.get(), 2, Qt::CopyAction);
    QCOMPARE(rows(), before + 1);
    QCOMPARE(type(2), QStringLiteral("BatchNormalization"));
    QCOMPARE(output(2), QStringLiteral("(None, 28, 28, 16)"));
    QCOMPARE(w->currentLayer(), w->layerModel()->layerName(2)); // the new layer is selected
    QCOMPARE(w->layerModel()->index(3, 0).data(LayerModel::InputsRole).toStringList(),
             QStringList{w->layerModel()->layerName(2)});
    QCOMPARE(w->document()->undoStack()->count(), 1);
    w->document()->undoStack()->undo();
    QCOMPARE(rows(), before);
    QCOMPARE(type(2), QStringLiteral("MaxPooling2D"));
}

void TestGuiMainWindow::addLayerByDoubleClickAndMenu()
{
    QVERIFY(w->selectLayer(QStringLiteral("13")));
    const QString name = w->insertLayerBelowCurrent(QStringLiteral("Flatten"));
    QVERIFY(!name.isEmpty());
    QCOMPARE(type(14), QStringLiteral("Flatten"));
    QCOMPARE(output(14), QStringLiteral("(None, 784)"));
    w->insertLayerBelowCurrent(QStringLiteral("Dense"));
    QCOMPARE(output(15), QStringLiteral("(None, 10)"));
    QCOMPARE(w->layerModel()->index(15, LayerModel::ParamsColumn).data().toString(), QStringLiteral("7,850"));
}

void TestGuiMainWindow::reorderByDrag()
{
    // Drag the first pooling layer (row 2) below the second convolution (before row 4).
    const QString pool = w->layerModel()->layerName(2);
    const QString conv = w->layerModel()->layerName(3);
    QVERIFY(w->selectLayer(pool));
    std::unique_ptr<QMimeData> mime(w->layerModel()->mimeData({w->layerModel()->index(2, 0)}));
    dropOnStack(mime.get(), 4, Qt::MoveAction);
    QCOMPARE(w->layerModel()->layerName(2), conv);
    QCOMPARE(w->layerModel()->layerName(3), pool);
    QCOMPARE(output(2), QStringLiteral("(None, 28, 28, 8)"));
    QCOMPARE(output(3), QStringLiteral("(None, 14, 14, 8)"));
    QCOMPARE(rows(), 14);
    QCOMPARE(w->document()->undoStack()->count(), 1); // one step
    QCOMPARE(w->currentLayer(), pool);                 // the selection followed the layer
    w->document()->undoStack()->undo();
    QCOMPARE(w->layerModel()->layerName(2), pool);
    QCOMPARE(output(2), QStringLiteral("(None, 14, 14, 16)"));
}

void TestGuiMainWindow::changeStrideMergesSpinSteps()
{
    QVERIFY(w->selectLayer(QStringLiteral("1")));
    auto *strides = w->propertiesEditor()->fieldWidget(QStringLiteral("strides"));
    QVERIFY(strides);
    auto spins = strides->findChildren<QSpinBox *>();
    QCOMPARE(spins.size(), 2);
    QSpinBox *h = spins[0];
    QCOMPARE(h->value(), 1);
    // A drag over the spin box: 1 → 2 → 3 → 2 (each step re-infers), then editing finishes.
    h->setValue(2);
    QCOMPARE(output(1), QStringLiteral("(None, 14, 14, 16)")); // linked: W follows H
    h->setValue(3);
    QCOMPARE(output(1), QStringLiteral("(None, 10, 10, 16)"));
    h->setValue(2);
    Q_EMIT h->editingFinished();
    QCOMPARE(output(1), QStringLiteral("(None, 14, 14, 16)"));
    QCOMPARE(output(13), QStringLiteral("(None, 12, 12, 1)"));
    QCOMPARE(w->document()->undoStack()->count(), 1);
    QCOMPARE(spins[1]->value(), 2);
    w->document()->undoStack()->undo();
    QCOMPARE(output(1), QStringLiteral("(None, 28, 28, 16)"));
    QCOMPARE(h->value(), 1);
    w->document()->undoStack()->redo();
    QCOMPARE(output(1), QStringLiteral("(None, 14, 14, 16)"));
    // Unlinked: a 2×1 stride.
    auto *link = strides->findChild<QToolButton *>();
    QVERIFY(link && link->isChecked());
    link->setChecked(false);
    spins[1]->setValue(1);
    Q_EMIT spins[1]->editingFinished();
    QCOMPARE(output(1), QStringLiteral("(None, 14, 28, 16)"));
}

void TestGuiMainWindow::openExamples()
{
    QVERIFY(w->openExample(QStringLiteral("unet_same")));
    QVERIFY(rows() > 20);
    int concat = -1;
    for (int r = 0; r < rows(); ++r)
        if (type(r) == u"Concatenate") {
            concat = r;
            break;
        }
    QVERIFY(concat > 0);
    QCOMPARE(w->layerModel()->index(concat, 0).data(LayerModel::SkipInputsRole).toStringList().size(), 1);
    QVERIFY(w->diagnosticLabel()->isHidden());
    QVERIFY(!w->isWindowModified());
    QVERIFY(w->openExample(QStringLiteral("unet_valid")));
    QCOMPARE(output(0), QStringLiteral("(None, 572, 572, 1)"));
    QVERIFY(output(rows() - 1).startsWith(QStringLiteral("(None, 388, 388, ")));
    QVERIFY(w->openExample(QStringLiteral("vgg16")));
    QVERIFY(w->totalsLabel()->text().contains(QStringLiteral("138,357,544")));
    QVERIFY(!w->openExample(QStringLiteral("nope")));
    QCOMPARE(warnings.size(), 1);
    QVERIFY(w->windowTitle().contains(QStringLiteral("VGG16")));
}

void TestGuiMainWindow::importPastedCode()
{
    const QString torch = QStringLiteral("import torch.nn as nn\n"
                                         "model = nn.Sequential(\n"
                                         "    nn.Conv2d(1, 6, 5),\n"
                                         "    nn.ReLU(),\n"
                                         "    nn.MaxPool2d(2),\n"
                                         ")\n");
    QVERIFY(w->importCode(torch, Framework::PyTorch, QStringLiteral("1,28,28")));
    QCOMPARE(w->document()->framework(), Framework::PyTorch);
    QCOMPARE(output(rows() - 1), QStringLiteral("[1, 6, 12, 12]"));
    QCOMPARE(output(rows() - 3), QStringLiteral("[1, 6, 24, 24]"));
    QCOMPARE(type(rows() - 3), QStringLiteral("Conv2d"));
    QVERIFY(w->paletteModel()->index(0).data().toString().contains(QStringLiteral("Conv")));
    QCOMPARE(w->paletteModel()->framework(), Framework::PyTorch);
    QVERIFY(w->totalsLabel()->text().contains(QStringLiteral("Total mult-adds")));

    const QString keras = QStringLiteral("from tensorflow import keras\nfrom keras import layers\n"
                                         "model = keras.Sequential([\n"
                                         "    keras.Input(shape=(32, 32, 3)),\n"
                                         "    layers.Conv2D(8, 3, strides=2, padding='same'),\n"
                                         "])\n");
    QVERIFY(w->importCode(keras));
    QCOMPARE(output(rows() - 1), QStringLiteral("(None, 16, 16, 8)"));
    // Broken code: refused with file and line, the document stays.
    const int before = rows();
    QVERIFY(!w->importCode(QStringLiteral("from keras import layers\nx = layers.Conv3x(1)(y)\n")));
    QCOMPARE(rows(), before);
    QVERIFY(!w->lastMessage().isEmpty());
}

void TestGuiMainWindow::refusedLayerShowsDiagnostic()
{
    QVERIFY(w->document()->setParam(w->layerModel()->layerName(11), QStringLiteral("kernel_size"),
                                    ParamValue::ints({20, 20})));
    QCOMPARE(w->layerModel()->index(11, 0).data(LayerModel::StatusRole).toInt(), int(LayerReport::Status::Refused));
    QCOMPARE(output(11), QStringLiteral("✗ refused"));
    QVERIFY(!w->layerModel()->index(11, LayerModel::FormulaColumn).data().toString().isEmpty());
    QCOMPARE(w->layerModel()->index(12, 0).data(LayerModel::StatusRole).toInt(), int(LayerReport::Status::Blocked));
    QCOMPARE(output(13), QStringLiteral("—"));
    QVERIFY(w->layerModel()->index(13, 0).data(Qt::ForegroundRole).isValid()); // greyed
    QVERIFY(!w->diagnosticLabel()->isHidden());
    QVERIFY(w->diagnosticLabel()->text().contains(w->layerModel()->layerName(11)));
    QCOMPARE(w->diagramView()->layout().nodes[11].status, LayerReport::Status::Refused);
    w->document()->undoStack()->undo();
    QVERIFY(w->diagnosticLabel()->isHidden());
    QCOMPARE(output(13), QStringLiteral("(None, 28, 28, 1)"));
}

void TestGuiMainWindow::corruptAndFutureFilesLeaveDocumentUntouched()
{
    QVERIFY(w->document()->setParam(w->layerModel()->layerName(1), QStringLiteral("filters"), ParamValue(32)));
    const int before = rows();
    prompts->answer = Prompts::SaveChoice::Discard;
    const QString corrupt = dir.filePath(QStringLiteral("corrupt.json"));
    QFile f(corrupt);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"format\": \"convlens-model\", \"version\": 1, \"layers\": [ {\"name\": ");
    f.close();
    QVERIFY(!w->openFile(corrupt));
    QCOMPARE(warnings.size(), 1);
    QVERIFY(warnings.front().contains(QStringLiteral("corrupt.json")));
    QCOMPARE(rows(), before);
    QCOMPARE(output(1), QStringLiteral("(None, 28, 28, 32)"));
    QVERIFY(w->isWindowModified()); // still the same, unsaved document

    const QString future = dir.filePath(QStringLiteral("future.json"));
    QFile g(future);
    QVERIFY(g.open(QIODevice::WriteOnly));
    g.write("{\"format\": \"convlens-model\", \"version\": 99, \"framework\": \"keras\", \"layers\": []}");
    g.close();
    QVERIFY(!w->openFile(future));
    QCOMPARE(warnings.size(), 2);
    QCOMPARE(output(1), QStringLiteral("(None, 28, 28, 32)"));

    // A failed save says why and leaves the document as it was (a path under a regular file cannot be created,
    // even for root).
    const QString blocker = dir.filePath(QStringLiteral("not_a_dir"));
    QFile b(blocker);
    QVERIFY(b.open(QIODevice::WriteOnly));
    b.close();
    QVERIFY(!w->saveAs(blocker + QStringLiteral("/x.json")));
    QVERIFY(w->isWindowModified());
    QVERIFY(w->document()->filePath().isEmpty());
    QCOMPARE(warnings.size(), 3);
}

void TestGuiMainWindow::deleteDuplicateMultiSelect()
{
    QItemSelectionModel *sel = w->selectionModel();
    LayerModel *m = w->layerModel();
    const QString up = m->layerName(8), conv = m->layerName(9);
    sel->select(m->index(8, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    sel->select(m->index(9, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QCOMPARE(w->selectedLayers(), (QStringList{up, conv}));
    QVERIFY(w->document()->removeLayers(w->selectedLayers()));
    QCOMPARE(rows(), 12);
    // 4×4 → up 8×8 → valid 3×3 conv 6×6 → up 12×12 → conv 12×12×1
    QCOMPARE(output(11), QStringLiteral("(None, 12, 12, 1)"));
    w->document()->undoStack()->undo();
    QCOMPARE(rows(), 14);
    const QStringList created = w->document()->duplicateLayers({conv});
    QCOMPARE(created.size(), 1);
    QCOMPARE(rows(), 15);
    QCOMPARE(m->layerName(10), created.front());
    QCOMPARE(w->currentLayer(), created.front());
    // Everything at once, then back.
    sel->select(QItemSelection(m->index(0, 0), m->index(rows() - 1, LayerModel::ColumnCount - 1)),
                QItemSelectionModel::ClearAndSelect);
    QVERIFY(w->document()->removeLayers(w->selectedLayers()));
    QCOMPARE(rows(), 0);
    QVERIFY(w->diagramView()->layout().nodes.empty());
    w->diagramView()->repaint();
    w->document()->undoStack()->undo();
    QCOMPARE(rows(), 15);
    // Deleting the input that others read is refused with a reason.
    QString error;
    QVERIFY(!w->document()->removeLayers({m->layerName(0)}, &error));
    QVERIFY(!error.isEmpty());
}

void TestGuiMainWindow::switchSemantics()
{
    QVERIFY(w->document()->switchSemantics(Framework::PyTorch));
    QCOMPARE(w->document()->framework(), Framework::PyTorch);
    QCOMPARE(output(rows() - 1), QStringLiteral("[1, 1, 28, 28]"));
    QCOMPARE(w->layerModel()->headerData(LayerModel::OutputColumn, Qt::Horizontal).toString(),
             QStringLiteral("Output shape [N, C, H, W]"));
    QCOMPARE(w->paletteModel()->framework(), Framework::PyTorch);
    w->document()->undoStack()->undo();
    QCOMPARE(w->document()->framework(), Framework::Keras);
    QCOMPARE(output(13), QStringLiteral("(None, 28, 28, 1)"));
}

void TestGuiMainWindow::selectionSharedByViews()
{
    DiagramView *d = w->diagramView();
    const DiagramNode &n = d->layout().nodes[5];
    QTest::mouseClick(d, Qt::LeftButton, {}, d->mapFromScene(n.face.center()).toPoint());
    QCOMPARE(w->currentLayer(), w->layerModel()->layerName(5));
    QVERIFY(w->stackView()->selectionModel()->isRowSelected(5, {}));
    QVERIFY(w->summaryView()->selectionModel()->isRowSelected(5, {}));
    QCOMPARE(w->propertiesEditor()->layer(), w->layerModel()->layerName(5));
    // And the other way round.
    w->summaryView()->selectRow(7);
    QCOMPARE(w->currentLayer(), w->layerModel()->layerName(7));
}

void TestGuiMainWindow::promptBeforeDiscarding()
{
    QVERIFY(w->document()->setParam(w->layerModel()->layerName(1), QStringLiteral("filters"), ParamValue(4)));
    prompts->answer = Prompts::SaveChoice::Cancel;
    QVERIFY(!w->openExample(QStringLiteral("lenet5")));
    QCOMPARE(rows(), 14);
    QVERIFY(!w->newDocument());
    prompts->answer = Prompts::SaveChoice::Discard;
    QVERIFY(w->newDocument());
    QCOMPARE(rows(), 1);
    QVERIFY(!w->isWindowModified());
}

void TestGuiMainWindow::exportDiagram()
{
    const QString png = dir.filePath(QStringLiteral("d.png")), svg = dir.filePath(QStringLiteral("d.svg"));
    QVERIFY(w->exportDiagram(png));
    QVERIFY(w->exportDiagram(svg));
    QImage img(png);
    QVERIFY(img.width() > 400);
    QFile s(svg);
    QVERIFY(s.open(QIODevice::ReadOnly));
    QVERIFY(s.readAll().contains("<svg"));
}

// File ▸ Export ▸ PyTorch code / Keras code: the menu writes the file the prompt names, the code reads back as the
// same model; a layer the framework cannot express and a failed write are warnings, and the old file stays.
void TestGuiMainWindow::exportCodeFromTheFileMenu()
{
    QAction *torchAction = nullptr;
    for (QAction *a : w->menuBar()->actions())
        if (a->menu())
            for (QAction *b : a->menu()->actions())
                if (b->menu() && b->text() == QStringLiteral("E&xport"))
                    for (QAction *c : b->menu()->actions())
                        if (c->text() == QStringLiteral("&PyTorch code…"))
                            torchAction = c;
    QVERIFY(torchAction);
    const QString torchPath = dir.filePath(QStringLiteral("autoencoder_torch.py"));
    prompts->savePath = torchPath;
    torchAction->trigger();
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u'\n')));
    QFile f(torchPath);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray code = f.readAll();
    QVERIFY2(code.startsWith("# PyTorch code exported by ConvLens from "), code.constData());
    LoadOptions opts;
    opts.inputShape = Shape{1, 28, 28};
    LoadResult back = importPythonCode(code.toStdString(), "autoencoder_torch.py", opts);
    QVERIFY2(back.ok(), back.error ? back.error->toString().c_str() : "");
    const ShapeReport rep = infer(*back.graph);
    QVERIFY(rep.ok);
    QCOMPARE(*rep.layers.back().output, (Shape{1, 28, 28}));

    // a failed write: the old file stays
    const QString kerasPath = dir.filePath(QStringLiteral("old.py"));
    {
        QFile old(kerasPath);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("# old\n");
    }
    QVERIFY(w->exportCode(Framework::Keras, kerasPath));
    QVERIFY(!w->exportCode(Framework::Keras, dir.filePath(QStringLiteral("missing/out.py"))));
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.front().contains(QStringLiteral("cannot save")) &&
                 warnings.front().contains(QStringLiteral("unchanged")),
             qPrintable(warnings.front()));
    warnings.clear();

    // a layer Keras cannot express
    QVERIFY(w->importCode(QStringLiteral("import torch.nn as nn\nmodel = nn.Sequential(nn.Conv2d(1, 4, 3), "
                                         "nn.ReflectionPad2d(1))\n"),
                          Framework::PyTorch, QStringLiteral("1,28,28")));
    QVERIFY(!w->exportCode(Framework::Keras, kerasPath));
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.front().contains(QStringLiteral("'1' (ReflectionPad2d)")), qPrintable(warnings.front()));
    QFile kept(kerasPath);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QVERIFY(kept.readAll().startsWith("# Keras code exported by ConvLens"));
}

// File ▸ Export ▸ ONNX model: the trained LeNet-5 as an ONNX file that the ONNX reader reads back with its weights
// (every trained parameter) and its output shape; a layer ONNX cannot express is a warning naming it, and the old
// file stays.
void TestGuiMainWindow::exportOnnxFromTheFileMenu()
{
    QVERIFY(w->openExample(QStringLiteral("lenet5")));
    QAction *onnxAction = nullptr;
    QMenu *fileMenu = nullptr, *exportMenu = nullptr;
    for (QAction *a : w->menuBar()->actions())
        if (a->menu())
            for (QAction *b : a->menu()->actions())
                if (b->menu() && b->text() == QStringLiteral("E&xport"))
                    for (QAction *c : b->menu()->actions())
                        if (c->text() == QStringLiteral("&ONNX model…")) {
                            onnxAction = c;
                            fileMenu = a->menu();
                            exportMenu = b->menu();
                        }
    QVERIFY(onnxAction);
    // CONVLENS_TEST_SHOTS=DIR saves File ▸ Export (the two menus side by side) as export_onnx_menu.png, to look at.
    if (const QByteArray shots = qgetenv("CONVLENS_TEST_SHOTS"); !shots.isEmpty()) {
        fileMenu->popup(w->mapToGlobal(QPoint(0, 0)));
        exportMenu->popup(w->mapToGlobal(QPoint(300, 0)));
        exportMenu->setActiveAction(onnxAction);
        QTest::qWait(100);
        const QPixmap a = fileMenu->grab(), b = exportMenu->grab();
        QPixmap both(a.width() + b.width(), std::max(a.height(), b.height()));
        both.fill(Qt::white);
        QPainter painter(&both);
        painter.drawPixmap(0, 0, a);
        painter.drawPixmap(a.width(), 0, b);
        painter.end();
        both.save(QString::fromLocal8Bit(shots) + QStringLiteral("/export_onnx_menu.png"));
        exportMenu->hide();
        fileMenu->hide();
    }
    const QString path = dir.filePath(QStringLiteral("lenet5.onnx"));
    prompts->savePath = path;
    onnxAction->trigger();
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u'\n')));
    const LoadResult back = loadOnnxModel(path.toStdString());
    QVERIFY2(back.ok(), back.error ? back.error->toString().c_str() : "");
    const ShapeReport rep = infer(*back.graph);
    QVERIFY(rep.ok);
    QCOMPARE(*rep.layers.back().output, (Shape{10}));
    const OnnxWeights weights = loadOnnxWeights(path.toStdString());
    QVERIFY(weights.errors.empty());
    std::int64_t n = 0;
    for (const auto &[layer, arrays] : weights.set.layers)
        for (const auto &[name, a] : arrays)
            n += std::int64_t(a.data.size());
    QCOMPARE(n, std::int64_t(61706));

    QVERIFY(w->importCode(QStringLiteral("import torch.nn as nn\nmodel = nn.Sequential(nn.Conv2d(1, 4, 3), "
                                         "nn.AvgPool2d(2, divisor_override=3))\n"),
                          Framework::PyTorch, QStringLiteral("1,10,9")));
    QVERIFY(!w->exportOnnx(path));
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.front().contains(QStringLiteral("'1' (AvgPool2d) cannot be exported to ONNX")),
             qPrintable(warnings.front()));
    QVERIFY(loadOnnxModel(path.toStdString()).ok()); // LeNet-5's file is still there
}

void TestGuiMainWindow::dropFileOnWindow()
{
    const QString path = dir.filePath(QStringLiteral("dropped.py"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("from tensorflow import keras\nfrom keras import layers\n"
            "model = keras.Sequential([keras.Input(shape=(32, 32, 3)), layers.Conv2D(8, 3)])\n");
    f.close();
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    const QPoint pos(w->width() / 2, 40);
    QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(w.get(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(w.get(), &drop);
    QVERIFY(warnings.isEmpty());
    QCOMPARE(output(rows() - 1), QStringLiteral("(None, 30, 30, 8)"));
    QVERIFY(w->windowTitle().contains(QStringLiteral("dropped.py")));
    QVERIFY(w->document()->filePath().isEmpty()); // code is imported, never overwritten by Save
}

void TestGuiMainWindow::cliViews()
{
    for (const char *v : {"summary", "diagram", "maps", "stepper"})
        QVERIFY(w->showView(QString::fromLatin1(v)));
    QVERIFY(!w->showView(QStringLiteral("nope")));
    QVERIFY(w->selectLayer(QStringLiteral("conv2d")));
    QVERIFY(!w->selectLayer(QStringLiteral("nope")));
}

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    TestGuiMainWindow t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_gui_mainwindow.moc"
