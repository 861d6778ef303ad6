// tst_gui_editing.cpp — the editing defects of issue 10, each driven through real events in the real window: Delete,
// Ctrl+D and F2 with the Layers list focused (and from the summary table and the diagram); Ctrl+Z / Ctrl+Shift+Z
// typed while a spin box or the name field still has the focus; Tab leaving the summary table; a drag that rewires
// a skip connection (said, one undo step); the refused Concatenate's crop applied with one click; the import dialog
// (focus, wording, placeholder) and an undoable import; Keras → PyTorch → Keras through the Model menu giving the
// original graph; status-bar messages that never overlap.
#include "diagram_view.h"
#include "elided_label.h"
#include "forward_controller.h"
#include "gui/gui_test_support.h"
#include "import_dialog.h"
#include "main_window.h"
#include "properties_editor.h"
#include "shape/infer.h"
#include "stack_delegate.h"
#include "summary_delegate.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QDropEvent>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStatusBar>
#include <QHeaderView>
#include <QTableView>
#include <QtTest>

using namespace convlens;

namespace {

QAction *menuAction(QMainWindow *w, const QString &text)
{
    for (QAction *a : w->findChildren<QAction *>())
        if (a->text().remove(u'&') == text)
            return a;
    return nullptr;
}

// What two graphs are, layer by layer: name, kind, inputs and what the shape engine resolves.
QStringList describe(Graph g)
{
    const ShapeReport r = inferGraph(g);
    QStringList out;
    for (const LayerReport &l : r.layers) {
        QString d = QString::fromStdString(l.name + " " + l.type + " <-");
        for (const auto &i : l.inputs)
            d += u' ' + QString::fromStdString(i);
        d += QStringLiteral(" %1 params %2 k%3 s%4 act%5")
                 .arg(l.output ? QString::fromStdString(shapeToString(*l.output, r.framework)) : QStringLiteral("-"))
                 .arg(l.params)
                 .arg(l.spec.kernel[0])
                 .arg(l.spec.stride[0])
                 .arg(int(l.spec.activation));
        if (l.padding)
            d += QStringLiteral(" pad %1,%2,%3,%4")
                     .arg(l.padding->top)
                     .arg(l.padding->bottom)
                     .arg(l.padding->left)
                     .arg(l.padding->right);
        out << d;
    }
    return out;
}

// CONVLENS_TEST_SHOTS=DIR saves the window at interesting moments, to look at (not compared).
void shot(QWidget *w, const char *name)
{
    const QString dir = qEnvironmentVariable("CONVLENS_TEST_SHOTS");
    if (!dir.isEmpty())
        w->grab().save(dir + u'/' + QString::fromLatin1(name) + QStringLiteral(".png"));
}

} // namespace

class TestGuiEditing : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void deleteWithTheLayersListFocused();
    void actionsFromTableAndDiagram();
    void undoWhileASpinBoxIsEdited();
    void undoWhileTheNameIsEdited();
    void tabLeavesTheSummary();
    void dragThatRewiresASkipConnection();
    void refusedConcatenateCropInOneClick();
    void importDialog();
    void importIsUndoable();
    void semanticsRoundTrip_data();
    void semanticsRoundTrip();
    void statusMessagesDoNotOverlap();
    void groupedLayerStack();

private:
    int rows() const { return w->layerModel()->rowCount(); }
    QString name(int row) const { return w->layerModel()->layerName(row); }
    void clickRow(QAbstractItemView *view, int row);

    std::unique_ptr<MainWindow> w;
    std::unique_ptr<QAbstractItemModelTester> tester;
    QStringList warnings, infos;
};

void TestGuiEditing::init()
{
    warnings.clear();
    infos.clear();
    w = std::make_unique<MainWindow>(false);
    w->setPrompts(std::make_unique<test::RecordingPrompts>(&warnings, &infos));
    tester = std::make_unique<QAbstractItemModelTester>(w->layerModel(),
                                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
    w->resize(1400, 900);
    w->show();
    w->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(w.get()));
}

void TestGuiEditing::cleanup()
{
    tester.reset();
    w.reset();
}

void TestGuiEditing::clickRow(QAbstractItemView *view, int row)
{
    const QModelIndex i = w->layerModel()->index(row, 0);
    view->scrollTo(i);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, view->visualRect(i).center());
    QTRY_VERIFY(view->hasFocus());
}

void TestGuiEditing::deleteWithTheLayersListFocused()
{
    QListView *stack = w->stackView();
    const int before = rows();
    const QString third = name(3);
    clickRow(stack, 3);
    QCOMPARE(w->currentLayer(), third);
    QCOMPARE(w->selectedLayers(), QStringList{third});
    // Del on the list.
    QTest::keyClick(stack, Qt::Key_Delete);
    QCOMPARE(rows(), before - 1);
    QCOMPARE(w->layerModel()->rowOf(third), -1);
    w->document()->undoStack()->undo();
    QCOMPARE(rows(), before);
    // Ctrl+D on the list.
    clickRow(stack, 3);
    QTest::keyClick(stack, Qt::Key_D, Qt::ControlModifier);
    QCOMPARE(rows(), before + 1);
    QCOMPARE(w->layerModel()->index(4, LayerModel::TypeColumn).data(), w->layerModel()->index(3, LayerModel::TypeColumn).data());
    QCOMPARE(w->currentLayer(), name(4)); // the copy is selected
    w->document()->undoStack()->undo();
    // The list's context menu holds the same actions, acting on the list's selection.
    clickRow(stack, 3);
    QCOMPARE(stack->contextMenuPolicy(), Qt::ActionsContextMenu);
    QAction *del = nullptr, *ren = nullptr;
    for (QAction *a : stack->actions()) {
        if (a->text().contains(QStringLiteral("Delete")))
            del = a;
        if (a->text().contains(QStringLiteral("name")))
            ren = a;
    }
    QVERIFY(del && ren);
    del->trigger();
    QCOMPARE(rows(), before - 1);
    w->document()->undoStack()->undo();
    // Edit ▸ Delete with a multi-row selection made in the list (Shift+click).
    clickRow(stack, 2);
    const QModelIndex r4 = w->layerModel()->index(4, 0);
    QTest::mouseClick(stack->viewport(), Qt::LeftButton, Qt::ShiftModifier, stack->visualRect(r4).center());
    QCOMPARE(w->selectedLayers().size(), 3);
    menuAction(w.get(), QStringLiteral("Delete layer"))->trigger();
    QCOMPARE(rows(), before - 3);
    w->document()->undoStack()->undo();
    // F2 renames in the list: type the new name, Enter.
    clickRow(stack, 3);
    QTest::keyClick(stack, Qt::Key_F2);
    auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QVERIFY(editor);
    QCOMPARE(editor->parentWidget()->parentWidget(), stack); // the list's own editor
    editor->selectAll();
    QTest::keyClicks(editor, QStringLiteral("renamed"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(name(3), QStringLiteral("renamed")); // the delegate commits on the next turn of the event loop
    QVERIFY(warnings.isEmpty());
}

void TestGuiEditing::actionsFromTableAndDiagram()
{
    const int before = rows();
    // The summary table: click a row, Del.
    QTableView *table = w->summaryView();
    const QString fifth = name(5);
    clickRow(table, 5);
    QTest::keyClick(table, Qt::Key_Delete);
    QCOMPARE(rows(), before - 1);
    QCOMPARE(w->layerModel()->rowOf(fifth), -1);
    w->document()->undoStack()->undo();
    // The diagram: a right-click on a box selects it for its context menu; Duplicate from there.
    w->showView(QStringLiteral("diagram"));
    DiagramView *d = w->diagramView();
    d->fitToView();
    const QPointF box = d->mapFromScene(d->layout().nodes[2].bounds.center());
    QTest::mouseClick(d, Qt::RightButton, Qt::NoModifier, box.toPoint());
    QCOMPARE(w->currentLayer(), name(2));
    QAction *dup = nullptr;
    for (QAction *a : d->actions())
        if (a->text().contains(QStringLiteral("uplicate")))
            dup = a;
    QVERIFY(dup);
    dup->trigger();
    QCOMPARE(rows(), before + 1);
}

void TestGuiEditing::undoWhileASpinBoxIsEdited()
{
    QVERIFY(w->selectLayer(QStringLiteral("conv2d")));
    auto *strides = w->propertiesEditor()->fieldWidget(QStringLiteral("strides"));
    QVERIFY(strides);
    QSpinBox *h = strides->findChildren<QSpinBox *>().front();
    QCOMPARE(h->value(), 1);
    // Click into the spin box, type 2: the model follows while the box still has the focus.
    QTest::mouseClick(h, Qt::LeftButton, Qt::NoModifier, QPoint(h->width() / 3, h->height() / 2));
    QTRY_VERIFY(h->hasFocus());
    QTest::keyClick(h, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(h, Qt::Key_2);
    QCOMPARE(w->document()->report().layers[1].spec.stride[0], std::int64_t(2));
    QVERIFY(h->hasFocus());
    // Ctrl+Z right away: the edit is committed and undone, and the spin box keeps the focus.
    QTest::keyClick(h, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(w->document()->report().layers[1].spec.stride[0], std::int64_t(1));
    QCOMPARE(h->value(), 1);
    QTRY_VERIFY(h->hasFocus());
    // Ctrl+Shift+Z redoes it, from the same focus.
    QTest::keyClick(h, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(w->document()->report().layers[1].spec.stride[0], std::int64_t(2));
    QCOMPARE(h->value(), 2);
    QCOMPARE(w->document()->undoStack()->count(), 1);
}

void TestGuiEditing::undoWhileTheNameIsEdited()
{
    QVERIFY(w->selectLayer(QStringLiteral("conv2d")));
    auto *field = w->propertiesEditor()->findChild<QLineEdit *>(QStringLiteral("layerName"));
    QVERIFY(field);
    QTest::mouseClick(field, Qt::LeftButton);
    QTRY_VERIFY(field->hasFocus());
    field->selectAll();
    QTest::keyClicks(field, QStringLiteral("encoder_in"));
    // Not committed yet (a name is applied when the field is left), yet Ctrl+Z commits it and takes it back.
    QCOMPARE(w->layerModel()->rowOf(QStringLiteral("encoder_in")), -1);
    QTest::keyClick(field, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(w->document()->undoStack()->count(), 1);
    QCOMPARE(w->document()->undoStack()->index(), 0);
    QCOMPARE(name(1), QStringLiteral("conv2d"));
    // The rename's undo rebuilt the fields: the focus is in the (new) name field again, showing the old name.
    QTRY_VERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget()));
    field = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QCOMPARE(field->objectName(), QStringLiteral("layerName"));
    QCOMPARE(field->text(), QStringLiteral("conv2d"));
    QTest::keyClick(field, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(name(1), QStringLiteral("encoder_in"));
}

void TestGuiEditing::tabLeavesTheSummary()
{
    QTableView *table = w->summaryView();
    clickRow(table, 2);
    QTest::keyClick(table, Qt::Key_Tab);
    QTRY_VERIFY(!table->hasFocus());
    QCOMPARE(w->currentLayer(), name(2)); // Tab did not walk the cells
}

void TestGuiEditing::dragThatRewiresASkipConnection()
{
    // U-Net ('same'): the first Concatenate reads the skip (drop4) and the up-convolution right above it. Drag that
    // up-convolution one row up, above its UpSampling2D: the gap closes over the chain, so the Concatenate would now
    // read the UpSampling2D instead — a rewired merge input, which the window says, and one undo step takes back.
    QVERIFY(w->openExample(QStringLiteral("unet_same")));
    int concat = -1;
    for (int r = 0; r < rows() && concat < 0; ++r)
        if (w->layerModel()->index(r, LayerModel::TypeColumn).data().toString() == u"Concatenate")
            concat = r;
    QVERIFY(concat > 2);
    const QString up = name(concat - 1), merge = name(concat);
    const auto inputsOf = [this](const QString &n) {
        return w->layerModel()->index(w->layerModel()->rowOf(n), 0).data(LayerModel::InputsRole).toStringList();
    };
    const QStringList before = inputsOf(merge);
    QVERIFY(before.contains(up));
    std::unique_ptr<QMimeData> mime(w->layerModel()->mimeData({w->layerModel()->index(concat - 1, 0)}));
    QListView *stack = w->stackView();
    const QModelIndex target = w->layerModel()->index(concat - 2, 0);
    stack->scrollTo(target);
    const QRect r = stack->visualRect(target);
    const QPoint pos(r.center().x(), r.top() + 1);
    QDragEnterEvent enter(pos, Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(stack->viewport(), &enter);
    QDragMoveEvent move(pos, Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(stack->viewport(), &move);
    QDropEvent drop(pos, Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(stack->viewport(), &drop);
    QCOMPARE(w->layerModel()->rowOf(up), concat - 2);
    QVERIFY(!inputsOf(merge).contains(up));
    QVERIFY2(w->lastMessage().contains(QStringLiteral("rewired")), qPrintable(w->lastMessage()));
    QVERIFY(w->lastMessage().contains(QStringLiteral("‘%1’ now reads").arg(merge)));
    QCOMPARE(w->document()->undoStack()->count(), 1);
    QVERIFY(w->document()->undoStack()->text(0).contains(QStringLiteral("rewires")));
    w->document()->undoStack()->undo();
    QCOMPARE(inputsOf(merge), before);
    // A move along the chain re-chains, and the skip from the moved layer keeps its name: nothing is rewired.
    QStringList rewired;
    QVERIFY(w->document()->moveLayers({2}, 4, nullptr, &rewired));
    QVERIFY2(rewired.isEmpty(), qPrintable(rewired.join(u'\n')));
}

void TestGuiEditing::refusedConcatenateCropInOneClick()
{
    QVERIFY(w->openExample(QStringLiteral("unet_valid")));
    const QStringList original = describe(w->document()->graph());
    // Take out the first skip crop: the concatenate gets 64×64 and 56×56.
    QVERIFY(w->document()->removeLayers({QStringLiteral("cropping2d")}));
    QVERIFY(!w->diagnosticLabel()->isHidden());
    const QString text = w->diagnosticLabel()->text();
    QVERIFY2(text.contains(QStringLiteral("Crop &#x27;conv2d_7&#x27; by 4 px on every side")) ||
                 text.contains(QStringLiteral("Crop 'conv2d_7' by 4 px on every side")),
             qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("conv2d_8")));
    auto *button = w->findChild<QPushButton *>(QStringLiteral("applyMergeFix"));
    QVERIFY(button && button->isVisible());
    w->showView(QStringLiteral("summary"));
    QApplication::processEvents();
    shot(w.get(), "merge_refusal_with_crop");
    const int steps = w->document()->undoStack()->index();
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(w->document()->report().ok);
    QVERIFY(w->diagnosticLabel()->isHidden());
    QCOMPARE(w->document()->undoStack()->index(), steps + 1); // one step
    QStringList now = describe(w->document()->graph()), was = original;
    now.sort();
    was.sort();
    QCOMPARE(now, was); // exactly the crop that was taken out (placed right before the merge)
    w->document()->undoStack()->undo();
    QVERIFY(!w->document()->report().ok);
}

void TestGuiEditing::importDialog()
{
    ImportDialog dialog(w.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QCOMPARE(dialog.focusWidget(), dialog.codeEdit());
    // Typed straight away: PyTorch code, no input shape.
    dialog.codeEdit()->insertPlainText(QStringLiteral("import torch.nn as nn\nmodel = nn.Sequential(nn.Conv2d(1, 8, 3))\n"));
    QVERIFY(dialog.shapeEdit()->text().isEmpty());
    static const QRegularExpression digit(QStringLiteral("[0-9]"));
    QVERIFY2(!dialog.shapeEdit()->placeholderText().contains(digit), qPrintable(dialog.shapeEdit()->placeholderText()));
    QVERIFY(!dialog.tryImport());
    QVERIFY(!dialog.errorText().contains(QStringLiteral("--")));
    QVERIFY(dialog.errorText().contains(QStringLiteral("Input shape field")));
    QCOMPARE(dialog.focusWidget(), dialog.shapeEdit());
    QTest::keyClicks(dialog.shapeEdit(), QStringLiteral("1,28,28"));
    QVERIFY(dialog.tryImport());
    // Importer messages that cite the command-line flag are reworded for the dialog.
    const QString keras = ImportDialog::guiWording(
        QStringLiteral("the Input has no shape; pass --input-shape H,W,C to give the input size"));
    QVERIFY(!keras.contains(QStringLiteral("--")));
    QVERIFY(keras.contains(QStringLiteral("H,W,C")));

    // Code that only defines a builder: the Call field gets it with its parameters selected, to be replaced by
    // the arguments; then the import builds it.
    dialog.shapeEdit()->clear();
    dialog.setFramework(std::nullopt);
    dialog.setCode(QStringLiteral("from tensorflow.keras.models import Sequential\n"
                                  "from tensorflow.keras.layers import Conv2D, Flatten, Dense\n"
                                  "class LeNet:\n"
                                  "    @staticmethod\n"
                                  "    def build(width, height, depth, classes):\n"
                                  "        model = Sequential()\n"
                                  "        model.add(Conv2D(20, 5, input_shape=(height, width, depth)))\n"
                                  "        model.add(Flatten())\n"
                                  "        model.add(Dense(classes))\n"
                                  "        return model\n"));
    QVERIFY(dialog.callEdit()->text().isEmpty());
    QVERIFY(!dialog.tryImport());
    QVERIFY2(!dialog.errorText().contains(QStringLiteral("--")), qPrintable(dialog.errorText()));
    QVERIFY2(dialog.errorText().contains(QStringLiteral("Call field")), qPrintable(dialog.errorText()));
    QCOMPARE(dialog.callEdit()->text(), QStringLiteral("LeNet.build(width, height, depth, classes)"));
    QCOMPARE(dialog.callEdit()->selectedText(), QStringLiteral("width, height, depth, classes"));
    QCOMPARE(dialog.focusWidget(), dialog.callEdit());
    QTest::keyClicks(dialog.callEdit(), QStringLiteral("28, 28, 1, 10"));
    QCOMPARE(dialog.callEdit()->text(), QStringLiteral("LeNet.build(28, 28, 1, 10)"));
    QVERIFY2(dialog.tryImport(), qPrintable(dialog.errorText()));
    QCOMPARE(dialog.result().graph->layers.back().name, std::string("dense"));

    // A file is loaded whole; one over the 16 MiB limit is refused, not cut, and the code shown stays.
    QTemporaryDir dir;
    const QString small = dir.filePath(QStringLiteral("small.py")), big = dir.filePath(QStringLiteral("big.py"));
    const QByteArray code = "import torch.nn as nn\nmodel = nn.Sequential(nn.ReLU())\n";
    QFile s(small), b(big);
    QVERIFY(s.open(QIODevice::WriteOnly) && s.write(code) == code.size());
    s.close();
    QVERIFY(dialog.loadFile(small));
    QCOMPARE(dialog.codeEdit()->toPlainText().toUtf8(), code);
    QVERIFY(b.open(QIODevice::WriteOnly) && b.resize((16 << 20) + 1));
    b.close();
    QVERIFY(!dialog.loadFile(big));
    QVERIFY2(dialog.errorText().contains(QStringLiteral("16 MiB")), qPrintable(dialog.errorText()));
    QCOMPARE(dialog.codeEdit()->toPlainText().toUtf8(), code);
    QVERIFY(!dialog.loadFile(dir.filePath(QStringLiteral("missing.py"))));
    QVERIFY2(dialog.errorText().startsWith(QStringLiteral("Cannot read ")), qPrintable(dialog.errorText()));
}

void TestGuiEditing::importIsUndoable()
{
    const QStringList before = describe(w->document()->graph());
    const QString title = w->windowTitle();
    QVERIFY(w->importCode(QStringLiteral("import torch.nn as nn\nmodel = nn.Sequential(nn.Conv2d(1, 8, 3), nn.ReLU())\n"),
                          std::nullopt, QStringLiteral("1,28,28")));
    QCOMPARE(w->document()->framework(), Framework::PyTorch);
    QVERIFY(w->windowTitle().contains(QStringLiteral("PyTorch")));
    QVERIFY(menuAction(w.get(), QStringLiteral("Undo Import PyTorch code")));
    QTest::keyClick(w->stackView(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(describe(w->document()->graph()), before);
    QCOMPARE(w->windowTitle(), title);
    QVERIFY(w->waitForCompute());
    // The autoencoder's trained weights are back with it.
    QVERIFY(w->forwardController()->snapshot()->weightsSource.text().contains(QStringLiteral("autoencoder.weights")));
    QVERIFY(warnings.isEmpty());
}

void TestGuiEditing::semanticsRoundTrip_data()
{
    QTest::addColumn<QString>("example");
    for (const char *e : {"autoencoder", "unet_same", "unet_valid", "lenet5", "vgg16"})
        QTest::addRow("%s", e) << QString::fromLatin1(e);
}

void TestGuiEditing::semanticsRoundTrip()
{
    QFETCH(QString, example);
    QVERIFY(w->openExample(example));
    const QStringList keras = describe(w->document()->graph());
    const int kerasRows = rows();
    menuAction(w.get(), QStringLiteral("PyTorch semantics"))->trigger();
    QCOMPARE(w->document()->framework(), Framework::PyTorch);
    menuAction(w.get(), QStringLiteral("Keras / TensorFlow semantics"))->trigger();
    QCOMPARE(w->document()->framework(), Framework::Keras);
    QCOMPARE(rows(), kerasRows);
    QCOMPARE(describe(w->document()->graph()), keras);
    QCOMPARE(w->document()->undoStack()->count(), 2);
}

void TestGuiEditing::statusMessagesDoNotOverlap()
{
    w->resize(1280, 720);
    QVERIFY(w->waitForCompute());
    // A long message (an import refused, with the importer's reason) next to the forward pass's summary.
    QVERIFY(!w->importCode(QStringLiteral("import torch.nn as nn\nmodel = nn.Sequential(nn.Conv2d(1, 8, 3))\n")));
    QApplication::processEvents();
    auto *message = w->statusBar()->findChild<ElidedLabel *>(QStringLiteral("statusMessage"));
    auto *compute = w->statusBar()->findChild<ElidedLabel *>(QStringLiteral("computeStatus"));
    QVERIFY(message && compute);
    QCOMPARE(message->fullText(), w->lastMessage());
    QVERIFY(!compute->fullText().isEmpty());
    QVERIFY(message->isVisible() && compute->isVisible());
    QVERIFY(!message->geometry().intersects(compute->geometry()));
    // Each keeps to its width; the whole text is in the tooltip.
    QVERIFY(message->fontMetrics().horizontalAdvance(message->fullText()) > message->contentsRect().width());
    QVERIFY(message->fontMetrics().horizontalAdvance(message->text()) <= message->contentsRect().width());
    QVERIFY(compute->fontMetrics().horizontalAdvance(compute->text()) <= compute->contentsRect().width());
    QCOMPARE(message->toolTip(), message->fullText());
}

// Issue 9: a torchvision-style resnet18 class in the Layers list. Its rows sit under groups named by module path
// (layer1, layer1.0, …), each with the output of its last layer; a click on a header folds the group to that one line
// and another unfolds it; Delete, Ctrl+Z and a drag keep working in the grouped list.
void TestGuiEditing::groupedLayerStack()
{
    QFile corpus(QStringLiteral(CONVLENS_GOLDEN_DIR "/modules/torch_modules.json"));
    QVERIFY(corpus.open(QIODevice::ReadOnly));
    QString code;
    for (const auto &c : QJsonDocument::fromJson(corpus.readAll()).object().value(QLatin1String("cases")).toArray())
        if (c.toObject().value(QLatin1String("id")).toString() == u"tut_resnet18_torchvision_style")
            code = c.toObject().value(QLatin1String("code")).toString();
    QVERIFY(!code.isEmpty());
    QVERIFY(w->importCode(code, Framework::PyTorch, QStringLiteral("3,224,224")));
    QListView *stack = w->stackView();
    auto *delegate = qobject_cast<StackDelegate *>(stack->itemDelegate());
    QVERIFY(delegate);
    const auto group = [delegate](const QString &key) {
        for (const StackGroup &g : delegate->groups().groups)
            if (g.key == key)
                return g;
        return StackGroup{};
    };
    QStringList keys;
    for (const StackGroup &g : delegate->groups().groups)
        keys << g.key;
    for (const char *k : {"layer1", "layer1.0", "layer1.1", "layer2.0", "layer4", "layer4.1"})
        QVERIFY2(keys.contains(QLatin1String(k)), qPrintable(keys.join(u' ')));
    StackGroup layer1 = group(QStringLiteral("layer1"));
    QCOMPARE(name(layer1.first), QStringLiteral("layer1_0_conv1"));
    QCOMPARE(name(layer1.last), QStringLiteral("layer1_1_relu_1"));
    QCOMPARE(layer1.depth, 0);
    QCOMPARE(group(QStringLiteral("layer1.0")).depth, 1);
    QCOMPARE(group(QStringLiteral("layer1.0")).first, layer1.first);
    QCOMPARE(delegate->groups().depth[0], 0); // conv1: in no group
    // The first row of layer1 carries two headers above its own line.
    const QModelIndex first = w->layerModel()->index(layer1.first, 0);
    const int plain = stack->visualRect(w->layerModel()->index(0, 0)).height();
    const auto headers = delegate->headerRects(layer1.first);
    QCOMPARE(headers.size(), size_t(2));
    QCOMPARE(delegate->groups().groups[size_t(headers[0].first)].key, QStringLiteral("layer1"));
    QCOMPARE(stack->visualRect(first).height(), plain + headers[0].second.height() + headers[1].second.height());
    shot(w.get(), "grouped_stack_resnet18");
    // The diagram draws each residual add's two inputs, the one that is not the row above as a skip arrow.
    const DiagramLayout &diagram = w->diagramView()->layout();
    int adds = 0;
    for (int r = 0; r < rows(); ++r) {
        if (w->layerModel()->index(r, 0).data(LayerModel::TypeRole).toString() != u"add")
            continue;
        ++adds;
        int in = 0, skips = 0;
        for (const DiagramEdge &e : diagram.edges)
            if (e.to == r) {
                ++in;
                skips += e.skip ? 1 : 0;
                QCOMPARE(e.path.back(), diagram.nodes[size_t(r)].inPort());
            }
        QCOMPARE(in, 2);
        QCOMPARE(skips, 1);
    }
    QCOMPARE(adds, 8);

    // A click on layer1's header folds it: its other rows are hidden, its first row is the header alone.
    const QString current = w->currentLayer();
    QTest::mouseClick(stack->viewport(), Qt::LeftButton, Qt::NoModifier, headers[0].second.center());
    QVERIFY(delegate->collapsed(QStringLiteral("layer1")));
    QCOMPARE(w->currentLayer(), current); // the click selected nothing
    QVERIFY(!stack->isRowHidden(layer1.first));
    for (int r = layer1.first + 1; r <= layer1.last; ++r)
        QVERIFY2(stack->isRowHidden(r), qPrintable(name(r)));
    QVERIFY(!stack->isRowHidden(layer1.last + 1));
    QCOMPARE(delegate->headerRects(layer1.first).size(), size_t(1));
    QCOMPARE(stack->visualRect(first).height(), headers[0].second.height());
    shot(w.get(), "grouped_stack_resnet18_folded");

    // Delete and Ctrl+Z in the grouped list, layer1 still folded: layer2's first conv (below its two headers).
    const int before = rows();
    const int conv = w->layerModel()->rowOf(QStringLiteral("layer2_0_conv1"));
    const QRect convRect = stack->visualRect(w->layerModel()->index(conv, 0));
    QTest::mouseClick(stack->viewport(), Qt::LeftButton, Qt::NoModifier, QPoint(convRect.center().x(), convRect.bottom() - 4));
    QCOMPARE(w->currentLayer(), QStringLiteral("layer2_0_conv1"));
    QTest::keyClick(stack, Qt::Key_Delete);
    QCOMPARE(rows(), before - 1);
    QCOMPARE(w->layerModel()->rowOf(QStringLiteral("layer2_0_conv1")), -1);
    QVERIFY(delegate->collapsed(QStringLiteral("layer1"))); // the fold survives the edit
    QVERIFY(stack->isRowHidden(layer1.first + 1));
    QTest::keyClick(stack, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(rows(), before);
    QCOMPARE(w->layerModel()->rowOf(QStringLiteral("layer2_0_conv1")), conv);
    QVERIFY(stack->isRowHidden(layer1.first + 1));

    // The folded header itself, reached with the arrow key from the row above: Delete deletes all of layer1 (every row
    // under the header) in one undo step, and Ctrl+Z brings every row back with its connections. Ctrl+D on the folded
    // header is refused by name (a copy of each layer would land right below it, interleaving the group).
    const auto wiring = [this] {
        QStringList out;
        for (const Layer &l : w->document()->graph().layers) {
            QString line = QString::fromStdString(l.name) + u'<';
            for (const std::string &i : l.inputs)
                line += QString::fromStdString(i) + u',';
            out << line;
        }
        return out;
    };
    const QStringList wired = wiring();
    const QRect above = stack->visualRect(w->layerModel()->index(layer1.first - 1, 0));
    QTest::mouseClick(stack->viewport(), Qt::LeftButton, Qt::NoModifier, QPoint(above.center().x(), above.bottom() - 4));
    QCOMPARE(w->currentLayer(), name(layer1.first - 1));
    QTRY_VERIFY(stack->hasFocus());
    QTest::keyClick(stack, Qt::Key_Down);
    QCOMPARE(w->currentLayer(), name(layer1.first)); // the folded header
    QTest::keyClick(stack, Qt::Key_D, Qt::ControlModifier);
    QCOMPARE(rows(), before);
    QVERIFY2(w->lastMessage().contains(QLatin1String("Unfold the group layer1")), qPrintable(w->lastMessage()));
    const int steps0 = w->document()->undoStack()->index();
    QTest::keyClick(stack, Qt::Key_Delete);
    QCOMPARE(rows(), before - layer1.rowCount());
    QCOMPARE(w->document()->undoStack()->index(), steps0 + 1); // one step
    for (const char *gone : {"layer1_0_conv1", "layer1_0_relu", "layer1_1_relu_1"})
        QCOMPARE(w->layerModel()->rowOf(QLatin1String(gone)), -1);
    QCOMPARE(name(layer1.first), QStringLiteral("layer2_0_conv1")); // the next group moved up
    QVERIFY(group(QStringLiteral("layer1")).key.isEmpty());
    QTest::keyClick(stack, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(rows(), before);
    QCOMPARE(wiring(), wired);
    QVERIFY(delegate->collapsed(QStringLiteral("layer1")));
    for (int r = layer1.first + 1; r <= layer1.last; ++r)
        QVERIFY(stack->isRowHidden(r));
    // From the diagram (the Layers list without the focus), Delete on that row deletes that one layer only.
    w->selectLayer(name(layer1.first));
    w->diagramView()->setFocus();
    QTRY_VERIFY(w->diagramView()->hasFocus());
    w->deleteSelected();
    QCOMPARE(rows(), before - 1);
    w->document()->undoStack()->undo();
    QCOMPARE(wiring(), wired);

    // The summary table shows the same groups: a group row above layer1's first layer with the module path, the
    // group's output and its parameters — torchvision's resnet18().layer1 has 147,968, layer4 8,393,728, layer1.0
    // 73,984 (sum(p.numel() for p in m.layer1.parameters()), torch 1.13) — as model.summary() shows a nested model.
    // Folded in the Layers list, folded here; a click on the summary's group row unfolds both.
    QTableView *table = w->summaryView();
    auto *summary = qobject_cast<SummaryDelegate *>(table->itemDelegate());
    QVERIFY(summary);
    const auto groupIndex = [delegate](const QString &key) {
        for (size_t i = 0; i < delegate->groups().groups.size(); ++i)
            if (delegate->groups().groups[i].key == key)
                return int(i);
        return -1;
    };
    const int g1 = groupIndex(QStringLiteral("layer1")), g4 = groupIndex(QStringLiteral("layer4")),
              g10 = groupIndex(QStringLiteral("layer1.0"));
    QCOMPARE(summary->headerText(g1, LayerModel::ParamsColumn), groupedNumber(147968));
    QCOMPARE(summary->headerText(g4, LayerModel::ParamsColumn), groupedNumber(8393728));
    QCOMPARE(summary->headerText(g10, LayerModel::ParamsColumn), groupedNumber(73984));
    QCOMPARE(summary->headerText(g1, LayerModel::OutputColumn),
             w->layerModel()->index(layer1.last, LayerModel::OutputColumn).data().toString());
    QVERIFY(summary->headerText(g1, LayerModel::OutputColumn).contains(QLatin1String("56, 56")));
    QCOMPARE(summary->headerText(g1, LayerModel::NameColumn), QStringLiteral("▸ layer1")); // folded
    QCOMPARE(summary->headerText(g1, LayerModel::TypeColumn), QStringLiteral("%1 layers").arg(layer1.rowCount()));
    const int line = table->verticalHeader()->defaultSectionSize();
    w->showView(QStringLiteral("summary"));
    table->scrollTo(w->layerModel()->index(layer1.first, 0));
    QCOMPARE(table->rowHeight(layer1.first), line); // the folded group's row alone
    for (int r = layer1.first + 1; r <= layer1.last; ++r)
        QVERIFY(table->isRowHidden(r));
    QCOMPARE(table->rowHeight(conv), 3 * line); // layer2 and layer2.0 above layer2_0_conv1
    const auto rects = summary->headerRects(layer1.first);
    QCOMPARE(rects.size(), size_t(1));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, rects[0].second.center());
    QVERIFY(!delegate->collapsed(QStringLiteral("layer1")));
    QVERIFY(!stack->isRowHidden(layer1.first + 1));
    QVERIFY(!table->isRowHidden(layer1.first + 1));
    QCOMPARE(table->rowHeight(layer1.first), 3 * line); // layer1, layer1.0, layer1_0_conv1
    QCOMPARE(summary->headerText(g1, LayerModel::NameColumn), QStringLiteral("▾ layer1"));
    shot(w.get(), "grouped_summary_resnet18");
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, summary->headerRects(layer1.first)[0].second.center());
    QVERIFY(delegate->collapsed(QStringLiteral("layer1")));

    // Unfold; then a drag inside layer1.0 moves a layer as before: one undo step.
    QTest::mouseClick(stack->viewport(), Qt::LeftButton, Qt::NoModifier,
                      delegate->headerRects(layer1.first)[0].second.center());
    QVERIFY(!delegate->collapsed(QStringLiteral("layer1")));
    for (int r = layer1.first; r <= layer1.last; ++r)
        QVERIFY(!stack->isRowHidden(r));
    const int relu = w->layerModel()->rowOf(QStringLiteral("layer1_0_relu"));
    std::unique_ptr<QMimeData> mime(w->layerModel()->mimeData({w->layerModel()->index(relu, 0)}));
    const QModelIndex target = w->layerModel()->index(relu - 1, 0);
    stack->scrollTo(target);
    const QRect t = stack->visualRect(target);
    const QPoint pos(t.center().x(), t.top() + 1);
    const int steps = w->document()->undoStack()->index();
    QDragEnterEvent enter(pos, Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(stack->viewport(), &enter);
    QDragMoveEvent move(pos, Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(stack->viewport(), &move);
    QDropEvent drop(pos, Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(stack->viewport(), &drop);
    QCOMPARE(w->layerModel()->rowOf(QStringLiteral("layer1_0_relu")), relu - 1);
    QCOMPARE(w->document()->undoStack()->index(), steps + 1); // one step
    w->document()->undoStack()->undo();
    QCOMPARE(w->layerModel()->rowOf(QStringLiteral("layer1_0_relu")), relu);
}

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    TestGuiEditing t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_gui_editing.moc"
