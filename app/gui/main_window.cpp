// main_window.cpp — wiring: document → model → views; menus and actions; documents; settings.
#include "main_window.h"

#include "canvas_ink.h"
#include "classroom.h"
#include "diagram_view.h"
#include "elided_label.h"
#include "examples.h"
#include "feature_maps_view.h"
#include "forward_controller.h"
#include "guide_dialog.h"
#include "import_dialog.h"
#include "input_panel.h"
#include "overview_view.h"
#include "export/code_export.h"
#include "export/onnx_export.h"
#include "formats/model_file.h"
#include "formats/save_file.h"
#include "properties_editor.h"
#include "formats/weights_dir.h"
#include "retranslate.h"
#include "setup/run_setup.h"
#include "shape/merge_fix.h"
#include "settings.h"
#include "stack_delegate.h"
#include "summary_delegate.h"
#include "step_player.h"

#include <QAbstractSpinBox>
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QLocale>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QPushButton>
#include <QScrollArea>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QRegularExpression>
#include <QScreen>
#include <QVBoxLayout>

namespace convlens {

namespace {

QString bytesText(std::int64_t params)
{
    // Keras prints parameter memory as float32 bytes: "28,353 (110.75 KB)".
    const double b = double(params) * 4.0;
    if (b >= 1024.0 * 1024.0)
        return QStringLiteral("%1 MB").arg(b / (1024.0 * 1024.0), 0, 'f', 2);
    if (b >= 1024.0)
        return QStringLiteral("%1 KB").arg(b / 1024.0, 0, 'f', 2);
    return QStringLiteral("%1 B").arg(b, 0, 'f', 2);
}

Graph emptyModel(Framework f)
{
    Graph g;
    g.framework = f;
    Layer in;
    if (f == Framework::Keras) {
        in.name = "input_1";
        in.type = "InputLayer";
        in.params["shape"] = ParamValue::ints({28, 28, 1});
    } else {
        in.name = "input";
        in.type = "Input";
        in.params["shape"] = ParamValue::ints({1, 28, 28});
        in.implicitInput = true;
    }
    g.layers.push_back(in);
    return g;
}

} // namespace

MainWindow::MainWindow(bool rememberLayout, QWidget *parent)
    : QMainWindow(parent), m_layers(&m_doc), m_prompts(std::make_unique<Prompts>())
{
    if (rememberLayout)
        m_settings = std::make_unique<Settings>();
    setAcceptDrops(true);
    setDockNestingEnabled(true);
    createViews();
    createDocks();
    createActions();
    createComputeViews();
    m_classroom = new Classroom(this);

    connect(&m_doc, &Document::reportChanged, this, [this] {
        m_layers.setReport(m_doc.report());
        m_forward->setReport(m_doc.report());
        m_palette.setFramework(m_doc.framework());
        (m_doc.framework() == Framework::Keras ? m_kerasAction : m_torchAction)->setChecked(true);
        updateSummaryExtras();
    });
    connect(&m_doc, &Document::documentReset, this, [this] {
        m_forward->newModel(m_doc.modelPath());
        m_selection->clearSelection();
        m_selection->setCurrentIndex({}, QItemSelectionModel::NoUpdate);
        m_diagram->fitToView();
        updateTitle();
    });
    connect(&m_doc, &Document::modifiedChanged, this, [this] { updateTitle(); });
    connect(&m_doc, &Document::filePathChanged, this, [this] { updateTitle(); });
    connect(&m_doc, &Document::layersCreated, this, [this](const QStringList &names) {
        m_selection->clearSelection();
        for (const QString &n : names) {
            const int row = m_layers.rowOf(n);
            if (row >= 0)
                m_selection->setCurrentIndex(m_layers.index(row, 0),
                                             QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
    });
    // Keep the selection across structural edits.
    connect(&m_layers, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        m_keptSelection = selectedLayers();
        m_keptCurrent = currentLayer();
        m_keptRow = m_selection->currentIndex().row();
    });
    connect(&m_layers, &QAbstractItemModel::modelReset, this, [this] {
        QItemSelection sel;
        for (const QString &n : std::as_const(m_keptSelection)) {
            const int row = m_layers.rowOf(n);
            if (row >= 0)
                sel.select(m_layers.index(row, 0), m_layers.index(row, LayerModel::ColumnCount - 1));
        }
        int current = m_layers.rowOf(m_keptCurrent);
        if (current < 0 && m_keptRow >= 0 && m_layers.rowCount() > 0)
            current = std::min(m_keptRow, m_layers.rowCount() - 1);
        if (sel.isEmpty() && current >= 0)
            sel.select(m_layers.index(current, 0), m_layers.index(current, LayerModel::ColumnCount - 1));
        m_selection->select(sel, QItemSelectionModel::ClearAndSelect);
        if (current >= 0)
            m_selection->setCurrentIndex(m_layers.index(current, 0), QItemSelectionModel::NoUpdate);
        syncComputeLayer(); // a rename keeps the row but changes the name
    });
    // A rename arrives as a data change of its row: the views that follow the current layer by name follow it.
    connect(&m_layers, &QAbstractItemModel::dataChanged, this, [this] {
        m_props->setLayer(currentLayer());
        syncComputeLayer();
    });
    connect(m_selection, &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &cur) {
        m_props->setLayer(cur.isValid() ? m_layers.layerName(cur.row()) : QString());
        syncComputeLayer();
    });
    connect(&m_layers, &LayerModel::editRefused, this, qOverload<const QString &>(&MainWindow::message));
    connect(&m_layers, &LayerModel::connectionsRewired, this, [this](const QStringList &changes) {
        message(LiveText::message(
            "convlens::MainWindow",
            QT_TRANSLATE_NOOP("convlens::MainWindow", "The move rewired a connection: %1 — Ctrl+Z undoes the move"),
            {changes.join(QStringLiteral("; "))}));
    });
    qApp->installEventFilter(this);
    connect(m_props, &PropertiesEditor::editRefused, this, qOverload<const QString &>(&MainWindow::message));

    // The first window fits the screen it opens on (QT_SCALE_FACTOR=2 on 1920×1080 leaves 960×540 to fill).
    const QRect screen = screenArea();
    resize(QSize(1500, 950).boundedTo(screen.size() - QSize(8, 40))); // leave room for the window frame
    if (m_settings) {
        const QString key = screenKey();
        const QByteArray geometry = m_settings->windowGeometry(key), state = m_settings->windowState(key);
        if (!geometry.isEmpty() && !state.isEmpty() && restoreGeometry(geometry) && restoreState(state))
            m_restoredLayout = true;
        else
            move(screen.center() - rect().center());
        const bool log = m_settings->diagramLogScale();
        m_logScaleAction->setChecked(log);
        m_diagram->setLogScale(log);
    }
    if (!openExample(QStringLiteral("autoencoder")))
        m_doc.reset(emptyModel(Framework::Keras), {}, tr("Untitled"));
    updateTitle();
}

MainWindow::~MainWindow()
{
    qApp->removeEventFilter(this);
    // The document dies after this body: its undo stack, cleared while the document's strings are already gone,
    // still emits cleanChanged → modifiedChanged, which must not reach this half-destroyed window (updateTitle read
    // the freed title: a double free when a window with unsaved changes was destroyed).
    m_doc.disconnect();
}

void MainWindow::setPrompts(std::unique_ptr<Prompts> prompts)
{
    m_prompts = std::move(prompts);
}

void MainWindow::createViews()
{
    m_views = new QTabWidget(this);
    m_views->setDocumentMode(true);
    m_diagram = new DiagramView(m_views);
    m_diagram->setObjectName(QStringLiteral("diagram"));
    m_views->addTab(m_diagram, tr("Diagram"));
    m_overview = new OverviewView(m_views);
    m_maps = new FeatureMapsView(m_views);
    m_player = new StepPlayerView(m_views);
    m_views->addTab(m_overview, tr("All layers"));
    m_views->addTab(m_maps, tr("Feature maps"));
    m_views->addTab(m_player, tr("Step player"));
    connect(m_overview, &OverviewView::layerClicked, this, [this](const QString &layer) { selectLayer(layer); });
    // The player's keys (Space, ←, →, Home, End) work as soon as its tab is chosen.
    connect(m_views, &QTabWidget::currentChanged, this, [this] {
        if (m_views->currentWidget() == m_player)
            m_player->canvas()->setFocus();
    });
    setCentralWidget(m_views);

    m_selection = new QItemSelectionModel(&m_layers, this);
    m_diagram->setModel(&m_layers, m_selection);
}

void MainWindow::createDocks()
{
    // Palette
    m_paletteView = new QListView(this);
    m_paletteView->setObjectName(QStringLiteral("palette"));
    m_paletteView->setModel(&m_palette);
    m_paletteView->setDragEnabled(true);
    m_paletteView->setDragDropMode(QAbstractItemView::DragOnly);
    m_paletteView->setDefaultDropAction(Qt::CopyAction);
    m_paletteView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_paletteView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_paletteView->setTextElideMode(Qt::ElideRight);
    connect(m_paletteView, &QListView::doubleClicked, this, [this](const QModelIndex &i) {
        insertLayerBelowCurrent(i.data(PaletteModel::KindNameRole).toString());
    });
    m_paletteDock = new QDockWidget(tr("Palette"), this);
    m_paletteDock->setObjectName(QStringLiteral("paletteDock"));
    m_paletteDock->setWidget(m_paletteView);

    // Layer stack
    m_stack = new QListView(this);
    m_stack->setObjectName(QStringLiteral("layerStack"));
    m_stack->setModel(&m_layers);
    m_stack->setSelectionModel(m_selection);
    m_stack->setItemDelegate(new StackDelegate(m_stack)); // after setModel: it groups the model's rows
    m_stack->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_stack->setDragEnabled(true);
    m_stack->setAcceptDrops(true);
    m_stack->setDropIndicatorShown(true);
    m_stack->setDragDropMode(QAbstractItemView::DragDrop);
    m_stack->setDefaultDropAction(Qt::MoveAction);
    m_stack->setEditTriggers(QAbstractItemView::EditKeyPressed);
    m_stack->setUniformItemSizes(false);
    m_stack->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_stackDock = new QDockWidget(tr("Layers"), this);
    m_stackDock->setObjectName(QStringLiteral("layersDock"));
    m_stackDock->setWidget(m_stack);

    // Properties
    m_props = new PropertiesEditor;
    m_props->setDocument(&m_doc);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_props);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // the form wraps to the dock's width
    m_propsDock = new QDockWidget(tr("Properties"), this);
    m_propsDock->setObjectName(QStringLiteral("propertiesDock"));
    m_propsDock->setWidget(scroll);

    // Summary
    auto *summary = new QWidget(this);
    auto *v = new QVBoxLayout(summary);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    m_diagnosticBox = new QFrame(summary);
    m_diagnosticBox->setObjectName(QStringLiteral("diagnosticBox"));
    m_diagnosticBox->setStyleSheet(QStringLiteral(
        "#diagnosticBox { background: #fde2e0; border: 1px solid #e8a0a0; } QLabel { color: #7a0015; }"));
    auto *diagRow = new QHBoxLayout(m_diagnosticBox);
    diagRow->setContentsMargins(4, 4, 4, 4);
    m_diagnostic = new QLabel(m_diagnosticBox);
    m_diagnostic->setObjectName(QStringLiteral("diagnostic"));
    m_diagnostic->setWordWrap(true);
    m_diagnostic->setTextFormat(Qt::RichText);
    m_diagnostic->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fixButton = new QPushButton(tr("Apply the crop"), m_diagnosticBox);
    m_fixButton->setObjectName(QStringLiteral("applyMergeFix"));
    m_fixButton->setToolTip(tr("Insert the crop that makes the branches agree (one undo step)"));
    connect(m_fixButton, &QPushButton::clicked, this, [this] { applyMergeFix(); });
    diagRow->addWidget(m_diagnostic, 1);
    diagRow->addWidget(m_fixButton, 0, Qt::AlignTop);
    m_diagnosticBox->hide();
    m_table = new QTableView(summary);
    m_table->setObjectName(QStringLiteral("summaryTable"));
    m_table->setModel(&m_layers);
    m_table->setSelectionModel(m_selection);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::EditKeyPressed);
    m_table->setTabKeyNavigation(false); // Tab leaves the table (a row is one item here, not a spreadsheet's cells)
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(LayerModel::NameColumn, 150);
    m_table->setColumnWidth(LayerModel::TypeColumn, 130);
    m_table->setColumnWidth(LayerModel::OutputColumn, 170);
    m_table->setColumnWidth(LayerModel::ParamsColumn, 80);
    m_table->setColumnWidth(LayerModel::PaddingColumn, 100);
    // The Layers list's groups and folds, as group rows (after the row height above: a group row is one line).
    m_table->setItemDelegate(new SummaryDelegate(m_table, qobject_cast<StackDelegate *>(m_stack->itemDelegate())));
    m_totals = new QLabel(summary);
    m_totals->setObjectName(QStringLiteral("totals"));
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_totals->setContentsMargins(4, 2, 4, 4);
    m_totals->setWordWrap(true); // the totals wrap in a narrow dock instead of widening the window
    v->addWidget(m_diagnosticBox);
    v->addWidget(m_table, 1);
    v->addWidget(m_totals);
    m_summaryDock = new QDockWidget(tr("Summary"), this);
    m_summaryDock->setObjectName(QStringLiteral("summaryDock"));
    m_summaryDock->setWidget(summary);

    // Input (for the feature maps and the step player), under the properties.
    m_input = new InputPanel(this);
    auto *inputScroll = new QScrollArea(this);
    inputScroll->setWidget(m_input);
    inputScroll->setWidgetResizable(true);
    inputScroll->setFrameShape(QFrame::NoFrame);
    m_inputDock = new QDockWidget(tr("Input"), this);
    m_inputDock->setObjectName(QStringLiteral("inputDock"));
    m_inputDock->setWidget(inputScroll);

    // The side columns take the full height; the summary sits under the views only.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    arrangeDocks(layoutFor(QSize(1500, 950)));
}

QRect MainWindow::screenArea() const
{
    const QScreen *s = screen() ? screen() : QGuiApplication::primaryScreen();
    return s ? s->availableGeometry() : QRect(0, 0, 1500, 950);
}

QString MainWindow::screenKey() const
{
    const QSize s = screenArea().size();
    return QStringLiteral("%1x%2").arg(s.width()).arg(s.height());
}

MainWindow::Layout MainWindow::layoutFor(const QSize &window)
{
    if (window.width() < 1360 || window.height() < 800)
        return Layout::Compact;
    return window.width() >= 1700 && window.height() >= 1000 ? Layout::Wide : Layout::Medium;
}

// The default arrangement for a window of this size. Every layout keeps the properties in a column of their own, so
// a Conv2D's fields show without scrolling, and the views in the middle as large as the rest allows:
// - Compact (1280×720, 1366×768): left, the layer list with the summary and the palette as tabs behind it, the input
//   below; right, the properties. Nothing under the views, so the step player's cells stay large enough to read.
// - Medium: as compact, with the summary under the views.
// - Wide (1920×1080): palette and layer list side by side, the input under the properties, the summary below.
void MainWindow::arrangeDocks(Layout layout)
{
    m_layout = layout;
    for (QDockWidget *d : {m_paletteDock, m_stackDock, m_propsDock, m_summaryDock, m_inputDock}) {
        removeDockWidget(d);
        d->setFloating(false);
    }
    const int w = std::max(width(), 800), h = std::max(height(), 500);
    if (layout == Layout::Wide) {
        addDockWidget(Qt::LeftDockWidgetArea, m_paletteDock);
        addDockWidget(Qt::LeftDockWidgetArea, m_stackDock);
        splitDockWidget(m_paletteDock, m_stackDock, Qt::Horizontal);
        addDockWidget(Qt::RightDockWidgetArea, m_propsDock);
        addDockWidget(Qt::RightDockWidgetArea, m_inputDock);
        splitDockWidget(m_propsDock, m_inputDock, Qt::Vertical);
        addDockWidget(Qt::BottomDockWidgetArea, m_summaryDock);
        // resizeDocks does not widen two docks split side by side inside one area (they stay at their minimum): a
        // minimum width for the first layout pass does, released right after so the user can narrow them.
        m_stackDock->setMinimumWidth(330);
        m_paletteDock->setMinimumWidth(165);
        QTimer::singleShot(0, this, [this] {
            m_stackDock->setMinimumWidth(0);
            m_paletteDock->setMinimumWidth(0);
        });
        resizeDocks({m_propsDock}, {400}, Qt::Horizontal);
        resizeDocks({m_propsDock, m_inputDock}, {h / 2, h / 2}, Qt::Vertical);
        resizeDocks({m_summaryDock}, {h * 3 / 10}, Qt::Vertical);
    } else {
        // Split before tabbing: splitting a tabbed dock would add a tab instead.
        addDockWidget(Qt::LeftDockWidgetArea, m_stackDock);
        addDockWidget(Qt::LeftDockWidgetArea, m_inputDock);
        splitDockWidget(m_stackDock, m_inputDock, Qt::Vertical);
        tabifyDockWidget(m_stackDock, m_paletteDock);
        if (layout == Layout::Compact)
            tabifyDockWidget(m_stackDock, m_summaryDock);
        else
            addDockWidget(Qt::BottomDockWidgetArea, m_summaryDock);
        addDockWidget(Qt::RightDockWidgetArea, m_propsDock);
        m_stackDock->raise();
        const int side = std::clamp(w / 4, 300, 360);
        resizeDocks({m_stackDock, m_propsDock}, {side, std::clamp(w / 4, 310, 360)}, Qt::Horizontal);
        // The input panel whole (it is what a student works with), the layer list the rest; about 80 px of the
        // window are menu, tool and status bars.
        const int column = h - 80;
        const int input = std::min(m_input->sizeHint().height() + 34, column * 17 / 25);
        resizeDocks({m_stackDock, m_inputDock}, {column - input, input}, Qt::Vertical);
        if (layout == Layout::Medium)
            resizeDocks({m_summaryDock}, {h / 4}, Qt::Vertical);
    }
    for (QDockWidget *d : {m_paletteDock, m_stackDock, m_propsDock, m_summaryDock, m_inputDock})
        d->show();
}

void MainWindow::showEvent(QShowEvent *e)
{
    QMainWindow::showEvent(e);
    // The first time the window shows, its real size picks the arrangement (unless one was restored for this
    // screen): tests, --screenshot and the user's first start all get the layout that fits.
    if (!m_arranged) {
        m_arranged = true;
        if (!m_restoredLayout)
            arrangeDocks(layoutFor(size()));
        // A first start (nothing remembered): once the window manager has framed the window, the frame too must fit
        // the screen — with a title bar, a window as tall as the screen's free area is not.
        if (m_settings && !m_restoredLayout)
            QTimer::singleShot(100, this, [this] {
                const QRect area = screenArea(), frame = frameGeometry();
                if (area.contains(frame))
                    return;
                const QSize chrome = frame.size() - size();
                resize(size().boundedTo(area.size() - chrome));
                move(area.topLeft() + QPoint(std::max(0, (area.width() - frameGeometry().width()) / 2),
                                             std::max(0, (area.height() - frameGeometry().height()) / 2)));
            });
    }
}

void MainWindow::createActions()
{
    // ---- File
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New"), QKeySequence::New, this, [this] { newDocument(); });
    file->addAction(tr("&Open…"), QKeySequence::Open, this, [this] {
        const QString path = m_prompts->openFileName(this, m_settings ? m_settings->lastDirectory() : QString());
        if (!path.isEmpty())
            openFile(path);
    });
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    QMenu *ex = file->addMenu(tr("&Examples"));
    for (const ExampleInfo &e : examples())
        ex->addAction(e.title, this, [this, id = e.id] { openExample(id); });
    file->addSeparator();
    file->addAction(tr("Import &Keras code…"), QKeySequence(tr("Ctrl+K")), this,
                    [this] { runImportDialog(Framework::Keras, false); });
    file->addAction(tr("Import &PyTorch code…"), QKeySequence(tr("Ctrl+Shift+K")), this,
                    [this] { runImportDialog(Framework::PyTorch, false); });
    file->addAction(tr("Import code from &file…"), this, [this] { runImportDialog(std::nullopt, true); });
    file->addSeparator();
    file->addAction(tr("&Save"), QKeySequence::Save, this, [this] { save(); });
    file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, [this] { saveAs(); });
    file->addSeparator();
    file->addAction(tr("Export diagram as &PNG…"), this, [this] { exportDiagramInteractive(QStringLiteral("png")); });
    file->addAction(tr("Export diagram as S&VG…"), this, [this] { exportDiagramInteractive(QStringLiteral("svg")); });
    QMenu *exportMenu = file->addMenu(tr("E&xport"));
    exportMenu->addAction(tr("&Keras code…"), this, [this] { exportCode(Framework::Keras); });
    exportMenu->addAction(tr("&PyTorch code…"), this, [this] { exportCode(Framework::PyTorch); });
    exportMenu->addAction(tr("&ONNX model…"), this, [this] { exportOnnx(); });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    rebuildRecentMenu();

    // ---- Edit
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_doc.undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcuts(QKeySequence::Undo); // every binding of the platform: Ctrl+Y and Ctrl+Shift+Z both redo
    QAction *redo = m_doc.undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    m_addMenu = edit->addMenu(tr("&Add layer below"));
    auto *del = edit->addAction(tr("&Delete layer"), QKeySequence::Delete, this, [this] { deleteSelected(); });
    auto *dup = edit->addAction(tr("D&uplicate layer"), QKeySequence(tr("Ctrl+D")), this,
                                [this] { duplicateSelected(); });
    auto *ren = edit->addAction(tr("Re&name layer"), QKeySequence(Qt::Key_F2), this, [this] { renameCurrent(); });
    edit->addAction(tr("Select &all layers"), QKeySequence::SelectAll, this, [this] {
        if (m_layers.rowCount() > 0)
            m_selection->select(QItemSelection(m_layers.index(0, 0),
                                               m_layers.index(m_layers.rowCount() - 1, LayerModel::ColumnCount - 1)),
                                QItemSelectionModel::ClearAndSelect);
    });
    // The same actions in the context menu of every view that selects layers.
    for (QWidget *view : {static_cast<QWidget *>(m_stack), static_cast<QWidget *>(m_table),
                          static_cast<QWidget *>(m_diagram)})
        view->addActions({del, dup, ren});
    m_diagram->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(&m_palette, &QAbstractItemModel::modelReset, this, &MainWindow::rebuildAddMenu);
    rebuildAddMenu();

    // ---- Model
    QMenu *model = menuBar()->addMenu(tr("&Model"));
    m_semantics = new QActionGroup(this);
    m_kerasAction = model->addAction(tr("&Keras / TensorFlow semantics"));
    m_torchAction = model->addAction(tr("&PyTorch semantics"));
    for (QAction *a : {m_kerasAction, m_torchAction}) {
        a->setCheckable(true);
        m_semantics->addAction(a);
    }
    m_kerasAction->setChecked(true);
    connect(m_kerasAction, &QAction::triggered, this, [this] { switchFramework(Framework::Keras); });
    connect(m_torchAction, &QAction::triggered, this, [this] { switchFramework(Framework::PyTorch); });

    // ---- View
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(tr("&Diagram"), this, [this] { showView(QStringLiteral("diagram")); });
    m_viewMenu->addAction(tr("&Summary table"), this, [this] { showView(QStringLiteral("summary")); });
    m_viewMenu->addAction(tr("&All layers"), this, [this] { showView(QStringLiteral("overview")); });
    m_viewMenu->addAction(tr("&Feature maps"), this, [this] { showView(QStringLiteral("maps")); });
    m_viewMenu->addAction(tr("S&tep player"), this, [this] { showView(QStringLiteral("stepper")); });
    m_viewMenu->addSeparator();
    m_logScaleAction = m_viewMenu->addAction(tr("&Log scale in the diagram"));
    m_logScaleAction->setCheckable(true);
    connect(m_logScaleAction, &QAction::toggled, this, [this](bool on) {
        m_diagram->setLogScale(on);
        if (m_settings)
            m_settings->setDiagramLogScale(on);
    });
    m_viewMenu->addAction(tr("Zoom &in"), QKeySequence::ZoomIn, m_diagram, &DiagramView::zoomIn);
    m_viewMenu->addAction(tr("Zoom &out"), QKeySequence::ZoomOut, m_diagram, &DiagramView::zoomOut);
    m_viewMenu->addAction(tr("&Fit diagram"), QKeySequence(tr("Ctrl+0")), m_diagram, &DiagramView::fitToView);
    m_viewMenu->addSeparator();
    for (QDockWidget *d : {m_paletteDock, m_stackDock, m_propsDock, m_summaryDock, m_inputDock})
        m_viewMenu->addAction(d->toggleViewAction());

    // ---- Help
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Guide"), QKeySequence::HelpContents, this, [this] { showGuide(); });
    help->addAction(tr("&About ConvLens"), this, [this] {
        m_prompts->inform(this, tr("About ConvLens"),
                          tr("ConvLens %1 — CNN shape arithmetic, exactly as Keras and PyTorch compute it.")
                              .arg(QApplication::applicationVersion()));
    });

    QToolBar *tb = addToolBar(tr("Main"));
    tb->setObjectName(QStringLiteral("mainToolBar"));
    tb->addAction(undo);
    tb->addAction(redo);
    tb->addSeparator();
    tb->addAction(m_kerasAction);
    tb->addAction(m_torchAction);
    m_kerasAction->setIconText(QStringLiteral("Keras"));
    m_torchAction->setIconText(QStringLiteral("PyTorch"));
    tb->setToolButtonStyle(Qt::ToolButtonTextOnly);
    statusBar();
}

void MainWindow::rebuildAddMenu()
{
    m_addMenu->clear();
    QString group;
    for (int r = 0; r < m_palette.rowCount(); ++r) {
        const QModelIndex i = m_palette.index(r);
        const QString g = i.data(PaletteModel::GroupRole).toString();
        if (g != group) {
            m_addMenu->addSection(g);
            group = g;
        }
        m_addMenu->addAction(i.data().toString(), this,
                             [this, kind = i.data().toString()] { insertLayerBelowCurrent(kind); });
    }
}

QStringList MainWindow::recentFiles() const
{
    return m_settings ? m_settings->recentFiles() : QStringList();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = recentFiles();
    for (const QString &f : files)
        m_recentMenu->addAction(QFileInfo(f).fileName(), this, [this, f] { openFile(f); })->setToolTip(f);
    m_recentMenu->setEnabled(!files.isEmpty());
}

void MainWindow::addRecent(const QString &path)
{
    if (!m_settings)
        return;
    m_settings->addRecentFile(QFileInfo(path).absoluteFilePath());
    m_settings->setLastDirectory(QFileInfo(path).absolutePath());
    rebuildRecentMenu();
}

void MainWindow::updateTitle()
{
    setWindowTitle(QStringLiteral("%1[*] — ConvLens").arg(m_doc.displayName()));
    setWindowModified(m_doc.isModified());
}

void MainWindow::updateSummaryExtras()
{
    const ShapeReport &r = m_doc.report();
    const bool keras = r.framework == Framework::Keras;
    QString t;
    if (keras)
        t = tr("Total params: %1 (%2)    Trainable params: %3 (%4)    Non-trainable params: %5 (%6)")
                .arg(groupedNumber(r.totalParams), bytesText(r.totalParams), groupedNumber(r.trainableParams),
                     bytesText(r.trainableParams), groupedNumber(r.nonTrainableParams),
                     bytesText(r.nonTrainableParams));
    else
        t = tr("Total params: %1    Trainable params: %2    Non-trainable params: %3    Total mult-adds (M): %4")
                .arg(groupedNumber(r.totalParams), groupedNumber(r.trainableParams),
                     groupedNumber(r.nonTrainableParams))
                .arg(double(r.totalMacs) / 1e6, 0, 'f', 2);
    if (keras)
        t += tr("    MACs: %1").arg(groupedNumber(r.totalMacs));
    if (!r.ok && r.firstRefused >= 0)
        t += tr("    (totals up to the refused layer)");
    m_totals->setText(t);
    if (r.firstRefused >= 0 && size_t(r.firstRefused) < r.layers.size()) {
        const LayerReport &bad = r.layers[size_t(r.firstRefused)];
        QString d = tr("<b>✗ %1 (%2) is refused:</b> %3")
                        .arg(QString::fromStdString(bad.name).toHtmlEscaped(), QString::fromStdString(bad.type),
                             QString::fromStdString(bad.error).toHtmlEscaped());
        if (!bad.fix.empty())
            d += tr("<br><b>Fix:</b> %1").arg(QString::fromStdString(bad.fix).toHtmlEscaped());
        d += tr("<br>Layers below it have no shape until it resolves.");
        m_diagnostic->setText(d);
        m_fixButton->setVisible(mergeFix(m_doc.graph(), r, r.firstRefused).has_value());
        m_diagnostic->show();
        m_diagnosticBox->show();
    } else {
        m_diagnostic->hide();
        m_diagnosticBox->hide();
    }
}

void MainWindow::message(const QString &text)
{
    message(LiveText::plain(text));
}

void MainWindow::message(const LiveText &text)
{
    m_liveMessage = text;
    m_lastMessage = text.text();
    m_message->setFullText(m_lastMessage);
    m_messageTimer->start();
}

bool MainWindow::startAutosave(const QString &directory)
{
    m_autosave = std::make_unique<Autosave>(&m_doc, directory);
    const std::vector<Autosave::Recovery> found = Autosave::orphans(directory);
    bool restored = false;
    if (!found.empty()) {
        const Autosave::Recovery &r = found.front();
        const QString name = !r.filePath.isEmpty() ? QFileInfo(r.filePath).fileName()
                                                   : r.title.isEmpty() ? tr("Untitled") : r.title;
        const QString what = tr("“%1” (autosaved %2)").arg(name, QLocale().toString(r.saved.toLocalTime(), QLocale::ShortFormat));
        if (m_prompts->askRestore(this, what)) {
            m_doc.reset(r.graph, r.filePath, r.title, r.modelPath);
            m_doc.undoStack()->resetClean(); // not saved anywhere yet: the title shows it, quitting asks
            message(LiveText::message("convlens::MainWindow",
                                      QT_TRANSLATE_NOOP("convlens::MainWindow", "Restored the unsaved changes to %1"),
                                      {name}));
            restored = true;
        }
        for (const Autosave::Recovery &o : found) // asked once: declined or taken, they are done
            Autosave::removeFile(o.recoveryFile);
    }
    return restored;
}

bool MainWindow::maybeSave()
{
    if (!m_doc.isModified())
        return true;
    switch (m_prompts->askSaveChanges(this, m_doc.displayName())) {
    case Prompts::SaveChoice::Save:
        return save();
    case Prompts::SaveChoice::Discard:
        return true;
    case Prompts::SaveChoice::Cancel:
        return false;
    }
    return false;
}

bool MainWindow::newDocument()
{
    if (!maybeSave())
        return false;
    m_doc.reset(emptyModel(m_doc.framework()), {}, tr("Untitled"));
    return true;
}

bool MainWindow::openFile(const QString &path)
{
    if (!maybeSave())
        return false;
    const LoadResult r = loadModelFile(path.toStdString());
    if (!r.ok()) {
        const QString why = r.error ? QString::fromStdString(r.error->toString()) : tr("unknown error");
        m_prompts->warn(this, tr("Cannot open the model"),
                        tr("%1 could not be opened:\n\n%2\n\nThe current model is unchanged.")
                            .arg(QFileInfo(path).fileName(), why));
        message(LiveText::message("convlens::MainWindow",
                                  QT_TRANSLATE_NOOP("convlens::MainWindow", "Could not open %1"), {path}));
        return false;
    }
    const bool project = QFileInfo(path).suffix().compare(QStringLiteral("json"), Qt::CaseInsensitive) == 0;
    m_doc.reset(*r.graph, project ? QFileInfo(path).absoluteFilePath() : QString(),
                project ? QString() : tr("%1 (imported)").arg(QFileInfo(path).fileName()), path);
    addRecent(path);
    // A project saved with trained weights whose folder is gone runs on seeded ones: say so first (issue 13).
    const std::string missing = missingWeightsFolder(path.toStdString());
    if (!missing.empty())
        message(LiveText::message(
            "convlens::MainWindow",
            QT_TRANSLATE_NOOP("convlens::MainWindow",
                              "Opened %1 — its trained weights %2 are missing: running on seeded random weights"),
            {path, QString::fromStdString(missing)}));
    else
        message(r.notes.empty() ? LiveText::message("convlens::MainWindow",
                                                    QT_TRANSLATE_NOOP("convlens::MainWindow", "Opened %1"), {path})
                                : LiveText::message("convlens::MainWindow",
                                                    QT_TRANSLATE_NOOP("convlens::MainWindow", "Opened %1 — %2"),
                                                    {path, QString::fromStdString(r.notes.front())}));
    return true;
}

bool MainWindow::openExample(const QString &id)
{
    if (!maybeSave())
        return false;
    const LoadResult r = loadExample(id);
    if (!r.ok()) {
        const QString why = r.error ? QString::fromStdString(r.error->toString()) : tr("unknown error");
        m_prompts->warn(this, tr("Cannot open the example"), why);
        message(why);
        return false;
    }
    m_doc.reset(*r.graph, {}, exampleTitle(id), exampleModelPath(id));
    message(tr("Example: %1").arg(exampleTitle(id)));
    return true;
}

bool MainWindow::importCode(const QString &code, std::optional<Framework> framework, const QString &inputShape)
{
    ImportDialog dialog(this);
    dialog.setCode(code);
    dialog.setFramework(framework);
    dialog.setInputShape(inputShape);
    if (!dialog.tryImport()) {
        message(dialog.errorText());
        return false;
    }
    adoptImport(dialog.result());
    return true;
}

void MainWindow::adoptImport(const LoadResult &r)
{
    // One undo step: the model before the import comes back with Ctrl+Z, so nothing is lost and nothing is asked.
    const Graph &g = *r.graph;
    const bool keras = g.framework == Framework::Keras;
    m_doc.replaceModel(g, keras ? tr("Imported Keras code") : tr("Imported PyTorch code"),
                       keras ? tr("Import Keras code") : tr("Import PyTorch code"));
    message(r.notes.empty() ? tr("Imported %n layer(s) — Edit ▸ Undo brings the previous model back", nullptr,
                                 int(g.layers.size()))
                            : QString::fromStdString(r.notes.front()));
}

void MainWindow::runImportDialog(std::optional<Framework> framework, bool fromFile)
{
    ImportDialog dialog(this);
    dialog.setFramework(framework);
    if (fromFile) {
        const QString path = m_prompts->openFileName(this, m_settings ? m_settings->lastDirectory() : QString());
        if (path.isEmpty() || !dialog.loadFile(path))
            return;
    }
    if (!m_prompts->runImport(dialog))
        return;
    adoptImport(dialog.result());
}

bool MainWindow::save()
{
    if (m_doc.filePath().isEmpty())
        return saveAs();
    // A project on trained weights names their folder beside it (put there by Save As or by hand), so that opening
    // it without them can say so; one opened without its weights keeps naming them.
    const std::string file = m_doc.filePath().toStdString();
    QString named;
    if (!trainedWeightsFolder().isEmpty()) {
        const QString beside = QString::fromStdString(weightsFolderBeside(file));
        named = beside.isEmpty() ? QString() : QFileInfo(beside).fileName();
    } else if (!missingWeightsFolder(file).empty()) {
        named = QString::fromStdString(projectWeightsFolder(file));
    }
    QString error;
    if (!m_doc.save(m_doc.filePath(), &error, named)) {
        m_prompts->warn(this, tr("Save failed"),
                        tr("Could not save %1:\n\n%2\n\nThe file on disk is unchanged.").arg(m_doc.filePath(), error));
        return false;
    }
    message(LiveText::message("convlens::MainWindow", QT_TRANSLATE_NOOP("convlens::MainWindow", "Saved %1"),
                              {m_doc.filePath()}));
    addRecent(m_doc.filePath());
    return true;
}

bool MainWindow::saveAs(const QString &givenPath)
{
    QString path = givenPath;
    if (path.isEmpty()) {
        QString suggestion = m_doc.displayName();
        suggestion.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]+")), QStringLiteral("_"));
        if (!suggestion.endsWith(QStringLiteral(".json")))
            suggestion = QFileInfo(suggestion).completeBaseName() + QStringLiteral(".json");
        const QString dir = m_settings ? m_settings->lastDirectory() : QString();
        path = m_prompts->saveFileName(this, dir.isEmpty() ? suggestion : dir + u'/' + suggestion);
        if (path.isEmpty())
            return false;
    }
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".json");
    // The trained weights travel with the project (docs/decisions.md): the folder the forward pass reads (one the
    // user chose, else `<model>.weights/` beside the file the model came from) is copied to `<new name>.weights/`;
    // weights a model file carries (.onnx, .h5, .keras, tfjs) are written there as .npy files.
    const QString weights = trainedWeightsFolder();
    const QFileInfo project(path);
    const QString folderName = project.completeBaseName() + QStringLiteral(".weights");
    QString error;
    const WeightSet carried = weights.isEmpty() && !m_doc.modelPath().isEmpty()
                                  ? carriedWeights(m_doc.report(), m_doc.modelPath().toStdString())
                                  : WeightSet{};
    if (!m_doc.save(path, &error, weights.isEmpty() && carried.layers.empty() ? QString() : folderName)) {
        m_prompts->warn(this, tr("Save failed"),
                        tr("Could not save %1:\n\n%2\n\nAny previous file there is unchanged.").arg(path, error));
        return false;
    }
    std::string why;
    if (!carried.layers.empty() &&
        !saveWeightsDir(carried, m_doc.report(), project.absoluteDir().filePath(folderName).toStdString(), &why, false))
        m_prompts->warn(this, tr("Weights not saved"),
                        tr("The model is saved as %1, but the trained weights of %2 could not be written beside it:"
                           "\n\n%3\n\nOpened from there, it will run on initial weights.")
                            .arg(path, QFileInfo(m_doc.modelPath()).fileName(), QString::fromStdString(why)));
    if (!weights.isEmpty() && !copyWeightsBeside(weights, path, &error))
        m_prompts->warn(this, tr("Weights not copied"),
                        tr("The model is saved as %1, but its trained weights could not be copied beside it:\n\n%2\n\n"
                           "Opened from there, it will run on initial weights.")
                            .arg(path, error));
    message(LiveText::message("convlens::MainWindow", QT_TRANSLATE_NOOP("convlens::MainWindow", "Saved %1"), {path}));
    addRecent(path);
    updateTitle();
    return true;
}

QString MainWindow::trainedWeightsFolder() const
{
    return !m_forward->weightsFolder().isEmpty()
               ? m_forward->weightsFolder()
               : QString::fromStdString(weightsFolderBeside(m_doc.modelPath().toStdString()));
}

bool MainWindow::copyWeightsBeside(const QString &from, const QString &projectPath, QString *error)
{
    const QFileInfo project(projectPath);
    const QString to = project.absoluteDir().filePath(project.completeBaseName() + QStringLiteral(".weights"));
    if (QFileInfo(from).canonicalFilePath() == QFileInfo(to).canonicalFilePath())
        return true; // saved over itself
    if (!QDir().mkpath(to)) {
        *error = tr("cannot create %1").arg(to);
        return false;
    }
    for (const QFileInfo &f : QDir(from).entryInfoList({QStringLiteral("*.npy")}, QDir::Files)) {
        const QString target = QDir(to).filePath(f.fileName());
        QFile::remove(target);
        if (!QFile::copy(f.filePath(), target)) {
            *error = tr("cannot copy %1 to %2").arg(f.filePath(), to);
            return false;
        }
    }
    return true;
}

bool MainWindow::exportDiagram(const QString &path)
{
    QString error;
    const bool svg = path.endsWith(QStringLiteral(".svg"), Qt::CaseInsensitive);
    const bool ok = svg ? m_diagram->exportSvg(path, &error) : m_diagram->exportPng(path, &error);
    if (!ok)
        m_prompts->warn(this, tr("Export failed"), error);
    else
        message(LiveText::message("convlens::MainWindow", QT_TRANSLATE_NOOP("convlens::MainWindow", "Exported %1"),
                                  {path}));
    return ok;
}

bool MainWindow::writeExport(const ExportTarget &target, const FileWriter &write,
                             const std::vector<std::string> &notes)
{
    QString path = target.givenPath;
    if (path.isEmpty()) {
        const QString base = QFileInfo(m_doc.displayName()).completeBaseName();
        path = m_prompts->teachingExportName(this, target.title, base + target.nameEnding, target.filter);
        if (path.isEmpty())
            return false;
    }
    if (QFileInfo(path).suffix().isEmpty())
        path += target.suffix;
    std::string error;
    if (!write(path.toStdString(), &error)) {
        m_prompts->warn(this, tr("Export failed"),
                        tr("%1\n\nAny previous file there is unchanged.").arg(QString::fromStdString(error)));
        return false;
    }
    message(notes.empty() ? LiveText::message("convlens::MainWindow",
                                              QT_TRANSLATE_NOOP("convlens::MainWindow", "Exported %1"), {path})
                          : LiveText::message("convlens::MainWindow",
                                              QT_TRANSLATE_NOOP("convlens::MainWindow", "Exported %1 (%2)"),
                                              {path, QString::fromStdString(notes.front())}));
    return true;
}

bool MainWindow::exportCode(Framework to, const QString &givenPath)
{
    const bool keras = to == Framework::Keras;
    const CodeExport e = convlens::exportCode(m_doc.graph(), m_doc.report(), to, m_doc.displayName().toStdString());
    if (!e.ok()) {
        m_prompts->warn(this, tr("Export failed"),
                        (keras ? tr("The model cannot be written as Keras code:\n\n%1")
                               : tr("The model cannot be written as PyTorch code:\n\n%1"))
                            .arg(QString::fromStdString(e.error)));
        return false;
    }
    return writeExport({givenPath, keras ? tr("Export Keras code") : tr("Export PyTorch code"),
                        keras ? QStringLiteral("_keras.py") : QStringLiteral("_torch.py"), tr("Python code (*.py)"),
                        QStringLiteral(".py")},
                       [&e](const std::string &path, std::string *error) {
                           return saveFileAtomically(path, e.code, error);
                       },
                       e.notes);
}

bool MainWindow::exportOnnx(const QString &givenPath)
{
    // The weights the forward pass uses: the trained ones of the model's file or the chosen folder where they fit,
    // seeded initial values elsewhere (core/setup, as `convlens-cli export --to onnx` and the forward view do).
    const ShapeReport &report = m_doc.report();
    TrainedWeights trained = loadTrainedWeights(
        report, WeightsChoice{m_doc.modelPath().toStdString(), m_forward->weightsFolder().toStdString()});
    if (!trained.ok()) {
        QStringList errors;
        for (const auto &e : trained.errors)
            errors << QString::fromStdString(e);
        m_prompts->warn(this, tr("Export failed"),
                        tr("The weights cannot be read:\n\n%1").arg(errors.join(QLatin1Char('\n'))));
        return false;
    }
    const OnnxExport e = convlens::exportOnnx(report, resolveWeights(std::move(trained), report, 0).weights,
                                              m_doc.displayName().toStdString());
    if (!e.ok()) {
        m_prompts->warn(this, tr("Export failed"),
                        tr("The model cannot be written as an ONNX file:\n\n%1").arg(QString::fromStdString(e.error)));
        return false;
    }
    return writeExport({givenPath, tr("Export ONNX model"), QStringLiteral(".onnx"), tr("ONNX models (*.onnx)"),
                        QStringLiteral(".onnx")},
                       [&e](const std::string &path, std::string *error) { return e.save(path, error); }, e.notes);
}

void MainWindow::exportDiagramInteractive(const QString &extension)
{
    const QString base = QFileInfo(m_doc.displayName()).completeBaseName();
    const QString filter = extension == u"svg" ? tr("SVG images (*.svg)") : tr("PNG images (*.png)");
    QString path = m_prompts->exportFileName(this, base + u'.' + extension, filter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += u'.' + extension;
    exportDiagram(path);
}

QStringList MainWindow::selectedLayers() const
{
    QStringList names;
    for (int r : selectedLayerRows(m_selection))
        names << m_layers.layerName(r);
    return names;
}

QStringList MainWindow::editedLayers(QStringList *folded) const
{
    const auto *delegate = qobject_cast<const StackDelegate *>(m_stack->itemDelegate());
    if (!delegate || !m_stack->hasFocus() || delegate->collapsedGroups().isEmpty())
        return selectedLayers();
    std::vector<int> rows;
    for (int r : selectedLayerRows(m_selection)) {
        rows.push_back(r);
        const int g = delegate->groups().foldedGroup(r, delegate->collapsedGroups());
        if (folded && g >= 0)
            *folded << delegate->groups().groups[size_t(g)].label;
    }
    QStringList names;
    for (int r : delegate->groups().editRows(rows, delegate->collapsedGroups()))
        names << m_layers.layerName(r);
    return names;
}

QString MainWindow::currentLayer() const
{
    const QModelIndex cur = m_selection->currentIndex();
    return cur.isValid() ? m_layers.layerName(cur.row()) : QString();
}

bool MainWindow::selectLayer(const QString &nameOrIndex)
{
    int row = m_layers.rowOf(nameOrIndex);
    bool isNumber = false;
    const int index = nameOrIndex.toInt(&isNumber);
    if (row < 0 && isNumber && index >= 0 && index < m_layers.rowCount())
        row = index;
    if (row < 0)
        return false;
    m_selection->setCurrentIndex(m_layers.index(row, 0),
                                 QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_stack->scrollTo(m_layers.index(row, 0));
    m_table->scrollTo(m_layers.index(row, 0));
    return true;
}

bool MainWindow::showView(const QString &view)
{
    // In the compact layout the summary is a tab beside the layer list: resizing it would squeeze that column.
    const bool summaryBelowViews = dockWidgetArea(m_summaryDock) == Qt::BottomDockWidgetArea &&
                                   tabifiedDockWidgets(m_summaryDock).isEmpty();
    if (view == u"diagram") {
        m_views->setCurrentWidget(m_diagram);
        // Give the diagram the height: the summary shrinks to a few rows (when it is under the views at all).
        if (summaryBelowViews)
            resizeDocks({m_summaryDock}, {std::min(220, height() / 4)}, Qt::Vertical);
        m_diagram->fitToView();
    } else if (view == u"maps" || view == u"stepper" || view == u"overview") {
        m_views->setCurrentWidget(view == u"maps"       ? static_cast<QWidget *>(m_maps)
                                  : view == u"overview" ? static_cast<QWidget *>(m_overview)
                                                        : m_player);
        if (summaryBelowViews)
            resizeDocks({m_summaryDock}, {std::min(200, height() / 5)}, Qt::Vertical);
        // The whole input panel in view while looking at activations, when it shares the properties' column; the
        // properties keep at least what their fields need.
        if (m_inputDock->isVisible() && m_propsDock->isVisible() &&
            dockWidgetArea(m_inputDock) == dockWidgetArea(m_propsDock) &&
            !tabifiedDockWidgets(m_inputDock).contains(m_propsDock)) {
            const int both = m_propsDock->height() + m_inputDock->height();
            const int input = std::min(both - m_props->sizeHint().height() - 30, m_input->sizeHint().height() + 30);
            if (input > 0)
                resizeDocks({m_propsDock, m_inputDock}, {both - input, input}, Qt::Vertical);
        }
        if (view == u"stepper")
            m_player->canvas()->setFocus();
    } else if (view == u"summary") {
        m_summaryDock->show();
        m_summaryDock->raise();
        // Give the table most of the height: it is what the user asked to see.
        if (summaryBelowViews)
            resizeDocks({m_summaryDock}, {std::max(300, height() * 3 / 5)}, Qt::Vertical);
        m_table->setFocus();
    } else
        return false;
    return true;
}

bool MainWindow::setInputImage(const QString &path)
{
    QString error;
    if (!m_input->useFile(path, &error)) {
        m_prompts->warn(this, tr("Cannot use the image"), error);
        message(error);
        return false;
    }
    message(LiveText::message("convlens::MainWindow", QT_TRANSLATE_NOOP("convlens::MainWindow", "Input: %1"), {path}));
    return true;
}

bool MainWindow::waitForCompute(int timeoutMs)
{
    return m_forward->waitUntilIdle(timeoutMs);
}

void MainWindow::setPlayerStep(qint64 step)
{
    m_player->setPendingStep(step);
}

void MainWindow::setPlayerChannel(int channel)
{
    m_player->setChannel(channel);
}

void MainWindow::syncComputeLayer()
{
    const QString layer = currentLayer();
    m_overview->setLayer(layer);
    m_maps->setLayer(layer);
    m_player->setLayer(layer);
}

void MainWindow::createComputeViews()
{
    m_forward = new ForwardController(this);
    m_overview->setController(m_forward);
    m_maps->setController(m_forward);
    m_player->setController(m_forward);
    // The message (left, the wider share) and the forward pass (right) each elide to their own part of the line.
    m_message = new ElidedLabel(this);
    m_message->setObjectName(QStringLiteral("statusMessage"));
    m_messageTimer = new QTimer(this);
    m_messageTimer->setSingleShot(true);
    m_messageTimer->setInterval(10000);
    connect(m_messageTimer, &QTimer::timeout, this, [this] { m_message->setFullText({}); });
    m_computeStatus = new ElidedLabel(this);
    m_computeStatus->setObjectName(QStringLiteral("computeStatus"));
    m_computeStatus->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    statusBar()->addWidget(m_message, 3);
    statusBar()->addWidget(m_computeStatus, 2);
    connect(m_forward, &ForwardController::progress, this, [this](int done, int total, const QString &layer) {
        if (!layer.isEmpty())
            m_computeStatus->setFullText(tr("Forward pass: %1 (%2/%3)…").arg(layer).arg(done + 1).arg(total));
    });
    connect(m_forward, &ForwardController::runStarted, this, [this] {
        if (m_computeStatus->fullText().isEmpty() || !m_computeStatus->fullText().endsWith(u'…'))
            m_computeStatus->setFullText(tr("Forward pass…"));
    });
    connect(m_forward, &ForwardController::snapshotChanged, this, [this] {
        const auto s = m_forward->snapshot();
        m_input->showResult(*s);
        updateWeightsOffer(*s);
        m_computeStatus->setStyleSheet({});
        showForwardStatus(*s);
    });
    connect(m_forward, &ForwardController::runFailed, this, [this](const QString &error) {
        m_computeStatus->setStyleSheet(QStringLiteral("color: %1").arg(errorTextColor(palette()).name()));
        m_computeStatus->setFullText(tr("Forward pass failed: %1").arg(error));
        message(LiveText::message("convlens::MainWindow",
                                  QT_TRANSLATE_NOOP("convlens::MainWindow", "Forward pass failed: %1"), {error}));
    });
    connect(m_input, &InputPanel::inputChanged, m_forward, &ForwardController::setInput);
    for (LayerView *view : {static_cast<LayerView *>(m_overview), static_cast<LayerView *>(m_maps),
                            static_cast<LayerView *>(m_player)}) {
        connect(view, &LayerView::offeredWeightsRequested, this, [this] {
            if (m_weightsOfferDir.isEmpty())
                return;
            m_forward->setWeightsFolder(m_weightsOfferDir);
            message(
                LiveText::message("convlens::MainWindow",
                                  QT_TRANSLATE_NOOP("convlens::MainWindow", "Running on the trained weights of “%1”"),
                                  {m_weightsOfferTitle}));
        });
        connect(view, &LayerView::loadWeightsRequested, this, [this] { loadWeights(); });
    }
    connect(m_input, &InputPanel::openImageRequested, this, [this] {
        const QString path = m_prompts->openImageName(this, m_settings ? m_settings->lastDirectory() : QString());
        if (!path.isEmpty())
            setInputImage(path);
    });
    m_forward->setInput(m_input->current());
}

bool MainWindow::loadWeights(const QString &folder)
{
    const QString dir =
        folder.isEmpty() ? m_prompts->weightsFolder(this, m_settings ? m_settings->lastDirectory() : QString()) : folder;
    if (dir.isEmpty())
        return false;
    m_forward->setWeightsFolder(dir);
    message(
        LiveText::message("convlens::MainWindow", QT_TRANSLATE_NOOP("convlens::MainWindow", "Weights from %1"), {dir}));
    return true;
}

// A model running on seeded weights may be an example under another name (pasted code, an undone edit): when the
// trained arrays of an example fit every weighted layer, the banner offers them.
void MainWindow::updateWeightsOffer(const ForwardSnapshot &s)
{
    const bool seeded = s.weightsSource.isEmpty() && !s.seededLayers.isEmpty();
    qsizetype weightedLayers = 0;
    if (seeded)
        for (const LayerReport &l : s.report.layers)
            weightedLayers += l.ok() && !expectedWeights(l, s.report.framework).empty();
    QString title, dir;
    if (seeded)
        for (const ExampleInfo &e : examples()) {
            const std::string path = exampleModelPath(e.id).toStdString();
            const std::string folder = weightsFolderBeside(path);
            // Each weighted layer needs an array of its own: a model with more of them than the folder has arrays
            // cannot fit, and reading the folder against it is skipped (seconds on the 100,000-layer chain).
            if (folder.empty() ||
                weightedLayers > QDir(QString::fromStdString(folder)).entryList({QStringLiteral("*.npy")}, QDir::Files).size())
                continue;
            const TrainedWeights trained = loadTrainedWeights(s.report, WeightsChoice{path, {}});
            // Only whether every weighted layer fits (resolveWeights would also draw seeded values for the layers
            // that do not: 120 MiB for the U-Net after every edit, seconds of the rerun).
            bool fits = false;
            for (const LayerReport &l : s.report.layers) {
                if (!l.ok() || expectedWeights(l, s.report.framework).empty())
                    continue;
                const LayerWeights *t = trained.set.find(l.name);
                fits = t && weightsFitLayer(*t, l, s.report.framework);
                if (!fits)
                    break;
            }
            if (fits) {
                title = e.title;
                dir = QString::fromStdString(trained.dir);
                break;
            }
        }
    m_weightsOfferTitle = title;
    m_weightsOfferDir = dir;
    m_overview->setWeightsOffer(title);
    m_maps->setWeightsOffer(title);
    m_player->setWeightsOffer(title);
}

QString MainWindow::insertLayerBelowCurrent(const QString &kind)
{
    const QModelIndex cur = m_selection->currentIndex();
    const int position = cur.isValid() ? cur.row() + 1 : m_layers.rowCount();
    QString error;
    const QString name = m_doc.addLayer(kind, position, &error);
    if (name.isEmpty())
        message(error);
    return name;
}

void MainWindow::deleteSelected()
{
    const QStringList names = editedLayers();
    if (names.isEmpty())
        return;
    QString error;
    if (!m_doc.removeLayers(names, &error))
        message(error);
}

void MainWindow::duplicateSelected()
{
    // A folded group stands for its layers, but duplicating puts each copy right below its original: the group would
    // come out interleaved (conv, conv copy, bn, bn copy…), with its skip connections rewired. Refuse it by name.
    QStringList folded;
    editedLayers(&folded);
    if (!folded.isEmpty()) {
        message(LiveText::message("convlens::MainWindow",
                                  QT_TRANSLATE_NOOP("convlens::MainWindow",
                                                    "Unfold the group %1 to duplicate its layers: Duplicate copies "
                                                    "single layers, not a whole group."),
                                  {folded.join(QStringLiteral(", "))}));
        return;
    }
    const QStringList names = selectedLayers();
    if (names.isEmpty())
        return;
    QString error;
    if (m_doc.duplicateLayers(names, &error).isEmpty())
        message(error);
}

void MainWindow::showGuide()
{
    // Not modal: the guide stays open beside the window while the user tries what it says.
    if (!m_guide)
        m_guide = new GuideDialog(this);
    m_guide->show();
    m_guide->raise();
    m_guide->activateWindow();
}

void MainWindow::renameCurrent()
{
    const QModelIndex cur = m_selection->currentIndex();
    if (!cur.isValid())
        return;
    const QModelIndex name = m_layers.index(cur.row(), LayerModel::NameColumn);
    // Edit the name where the user is looking: in the table when it has the focus, else in the layer list (or, when
    // that is hidden, in the properties' name field).
    if (m_table->hasFocus() && m_table->isVisible()) {
        m_table->edit(name);
    } else if (m_stack->isVisible()) {
        m_stack->setFocus();
        m_stack->scrollTo(name);
        m_stack->edit(name);
    } else if (auto *field = m_props->findChild<QLineEdit *>(QStringLiteral("layerName"))) {
        m_propsDock->show();
        m_propsDock->raise();
        field->setFocus();
        field->selectAll();
    }
}

bool MainWindow::applyMergeFix()
{
    const ShapeReport &r = m_doc.report();
    if (r.firstRefused < 0)
        return false;
    const QString merge = QString::fromStdString(r.layers[size_t(r.firstRefused)].name);
    QString error;
    const QStringList created = m_doc.applyMergeFix(merge, &error);
    if (created.isEmpty()) {
        message(error);
        return false;
    }
    message(LiveText::message(
        "convlens::MainWindow",
        QT_TRANSLATE_NOOP("convlens::MainWindow", "Inserted %1 before %2 — Ctrl+Z takes it out again"),
        {created.join(QStringLiteral(", ")), merge}));
    return true;
}

// Undo and Redo belong to the document wherever the focus is. A spin box or line edit in the properties would take
// Ctrl+Z for its own text undo (and swallow the shortcut), so for them the edit is committed first — as leaving the
// field would — and the shortcut then goes to Edit ▸ Undo/Redo; the field gets the focus back afterwards.
bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        auto *key = static_cast<QKeyEvent *>(event);
        if ((key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo)) && watched->isWidgetType() &&
            commitFieldEdit(static_cast<QWidget *>(watched))) {
            event->ignore();
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

bool MainWindow::commitFieldEdit(QWidget *focus)
{
    const auto spot = m_props ? m_props->fieldFocus(focus) : std::nullopt;
    if (!spot)
        return false;
    focus->clearFocus(); // editingFinished: the typed value becomes a command (or ends the spin-box interaction)
    // The undo may rebuild the fields (a rename does): the focus goes back to the same field, not the same widget.
    QTimer::singleShot(0, m_props, [this, spot] { m_props->restoreFieldFocus(*spot); });
    return true;
}

void MainWindow::switchFramework(Framework f)
{
    QStringList notes;
    QString error;
    if (!m_doc.switchSemantics(f, &notes, &error)) {
        (m_doc.framework() == Framework::Keras ? m_kerasAction : m_torchAction)->setChecked(true);
        if (!error.isEmpty())
            m_prompts->warn(this, tr("Cannot switch semantics"), error);
        return;
    }
    message(f == Framework::Keras
                ? LiveText::message("convlens::MainWindow",
                                    QT_TRANSLATE_NOOP("convlens::MainWindow", "Now in Keras semantics"), {})
                : LiveText::message("convlens::MainWindow",
                                    QT_TRANSLATE_NOOP("convlens::MainWindow", "Now in PyTorch semantics"), {}));
    if (!notes.isEmpty())
        m_prompts->inform(this, tr("Switched semantics"),
                          tr("Every layer keeps its output shape. Worth knowing:\n\n• %1")
                              .arg(notes.join(QStringLiteral("\n• "))));
}

void MainWindow::changeEvent(QEvent *e)
{
    QMainWindow::changeEvent(e);
    // Removing the old translator and installing the new one each send a LanguageChange: retranslate once, after both.
    if (e->type() == QEvent::LanguageChange && !m_retranslateQueued) {
        m_retranslateQueued = true;
        QTimer::singleShot(0, this, [this] {
            m_retranslateQueued = false;
            retranslateUi();
        });
    }
}

void MainWindow::showForwardStatus(const ForwardSnapshot &s)
{
    QString weights = !s.weightsWarning.isEmpty() ? s.weightsWarning.text()
                      : s.weightsSource.isEmpty()    ? tr("seeded initial weights")
                                                     : s.weightsSource.text();
    if (!s.weightsSource.isEmpty() && !s.seededLayers.isEmpty())
        weights += tr(", %n layer(s) seeded", nullptr, int(s.seededLayers.size()));
    m_computeStatus->setFullText(tr("Forward pass: %1 layer(s) in %2 ms · %3 · input: %4")
                                     .arg(s.computedLayers)
                                     .arg(s.totalMs, 0, 'f', 1)
                                     .arg(weights, s.inputLabel.text()));
}

void MainWindow::retranslateUi()
{
    // Dialogs parented to the window are under it; a dialog of its own (the guide) too, once it exists.
    retranslateWidgets(this);
    m_doc.retranslate(); // → the layer model, the summary's totals and diagnosis, the diagram, the properties
    Q_EMIT m_layers.headerDataChanged(Qt::Horizontal, 0, LayerModel::ColumnCount - 1);
    m_palette.retranslate();
    rebuildAddMenu();
    rebuildRecentMenu();
    updateTitle();
    // The status bar's message while it shows: composed again from its message and arguments (a text that came
    // composed — a core note or error inside it — keeps the language it was written in).
    if (!m_message->fullText().isEmpty()) {
        m_lastMessage = m_liveMessage.text();
        m_message->setFullText(m_lastMessage);
    }
    // The forward pass's line, composed again (the weights' source and the input's name are LiveTexts); a failure's
    // message stays as it was said.
    if (const auto snap = m_forward->snapshot(); snap && m_computeStatus->styleSheet().isEmpty() &&
                                                 !m_computeStatus->fullText().endsWith(u'…'))
        showForwardStatus(*snap);
}

void MainWindow::closeEvent(QCloseEvent *e)
{
    if (!maybeSave()) {
        e->ignore();
        return;
    }
    if (m_autosave) // a clean quit: nothing to recover
        m_autosave->discard();
    if (m_settings) {
        m_settings->setWindowGeometry(screenKey(), saveGeometry());
        m_settings->setWindowState(screenKey(), saveState());
        m_settings->sync();
    }
    e->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *e)
{
    if (e->mimeData()->hasUrls())
        for (const QUrl &u : e->mimeData()->urls())
            if (u.isLocalFile()) {
                e->acceptProposedAction();
                return;
            }
}

void MainWindow::dropEvent(QDropEvent *e)
{
    for (const QUrl &u : e->mimeData()->urls())
        if (u.isLocalFile()) {
            e->acceptProposedAction();
            // An image or an array is the network's input; anything else a model.
            if (InputPanel::isInputFile(u.toLocalFile()))
                setInputImage(u.toLocalFile());
            else
                openFile(u.toLocalFile());
            return;
        }
}

} // namespace convlens
