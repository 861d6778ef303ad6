// main_window.h — the application window: the diagram, the feature maps and the step player as tabs in the middle,
// and dock panes for the palette, the layer stack, the properties editor, the summary table and the input image, all
// rearrangeable and remembered. One Document, one LayerModel and one QItemSelectionModel shared by the stack, the
// table, the diagram and the two compute views; one ForwardController re-running the model in the background after
// every edit.
#pragma once

#include "autosave.h"
#include "document.h"
#include "formats/model_file.h"
#include "layer_model.h"
#include "live_text.h"
#include "palette_model.h"
#include "prompts.h"

#include <QMainWindow>
#include <functional>
#include <memory>
#include <optional>

class QActionGroup;
class QDockWidget;
class QItemSelectionModel;
class QLabel;
class QListView;
class QMenu;
class QPushButton;
class QTabWidget;
class QTableView;
class QTimer;

namespace convlens {

class Classroom;
class DiagramView;
class ElidedLabel;
class FeatureMapsView;
class ForwardController;
class GuideDialog;
class InputPanel;
class OverviewView;
struct ForwardSnapshot;
class LayerView;
class PropertiesEditor;
class Settings;
class StepPlayerView;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // `rememberLayout`: restore and save window/dock state and recent files through Settings (off for tests and
    // --screenshot, so they render the same every time). The autoencoder example is loaded at startup.
    explicit MainWindow(bool rememberLayout = true, QWidget *parent = nullptr);
    ~MainWindow() override;

    void setPrompts(std::unique_ptr<Prompts> prompts);

    Document *document() { return &m_doc; }
    LayerModel *layerModel() { return &m_layers; }
    PaletteModel *paletteModel() { return &m_palette; }
    QItemSelectionModel *selectionModel() const { return m_selection; }
    QListView *stackView() const { return m_stack; }
    QListView *paletteView() const { return m_paletteView; }
    QTableView *summaryView() const { return m_table; }
    QLabel *totalsLabel() const { return m_totals; }
    QLabel *diagnosticLabel() const { return m_diagnostic; }
    DiagramView *diagramView() const { return m_diagram; }
    PropertiesEditor *propertiesEditor() const { return m_props; }
    QTabWidget *viewTabs() const { return m_views; }
    FeatureMapsView *featureMapsView() const { return m_maps; }
    StepPlayerView *stepPlayer() const { return m_player; }
    OverviewView *overviewView() const { return m_overview; }
    InputPanel *inputPanel() const { return m_input; }
    ForwardController *forwardController() const { return m_forward; }
    Classroom *classroom() const { return m_classroom; }
    QMenu *viewMenu() const { return m_viewMenu; }
    Prompts *prompts() const { return m_prompts.get(); }
    Settings *settings() const { return m_settings.get(); } // null when the layout is not remembered (tests)
    QString lastMessage() const { return m_lastMessage; }
    void message(const QString &text); // in the status bar, for a while, as written
    // In the status bar, for a while, composed again in the new language when View ▸ Language changes meanwhile.
    void message(const LiveText &text);
    QStringList recentFiles() const;

    // Document operations (each asks before discarding unsaved changes; false when cancelled or failed, with a
    // message box; a failed open leaves the current document untouched).
    bool newDocument();
    bool openFile(const QString &path);
    bool openExample(const QString &id);
    bool importCode(const QString &code, std::optional<Framework> framework = std::nullopt,
                    const QString &inputShape = {}); // without the dialog (tests, drops of .py text)
    bool save();
    bool saveAs(const QString &path = {});
    bool exportDiagram(const QString &path); // .png or .svg by extension
    // File ▸ Export ▸ Keras code / PyTorch code: the model as runnable code (core/export), saved atomically; without
    // `path` asks for one. A model the other framework cannot express, or a failed write (the old file is kept), is
    // a warning saying why; false then.
    bool exportCode(Framework to, const QString &path = {});
    // File ▸ Export ▸ ONNX model: an ONNX file (opset 13) with the weights the forward pass uses (core/export),
    // saved atomically like the code exports; a layer ONNX cannot express is a warning naming it; false then.
    bool exportOnnx(const QString &path = {});

    // Select a layer by name or 0-based index; false if there is none.
    bool selectLayer(const QString &nameOrIndex);
    QStringList selectedLayers() const;
    // What Edit ▸ Delete acts on: the selected layers, where a folded group header selected in the Layers list (while
    // it has the focus) stands for every layer of its group. `folded`, when given, gets the folded groups' labels.
    QStringList editedLayers(QStringList *folded = nullptr) const;
    QString currentLayer() const;
    // "summary" | "diagram" | "overview" | "maps" | "stepper"
    bool showView(const QString &view);
    // The input for the forward pass: an image or .npy file (false with a message when it cannot be read).
    bool setInputImage(const QString &path);
    // Waits (running the event loop) until the forward pass has caught up with the document; false on timeout.
    bool waitForCompute(int timeoutMs = 30000);
    // Crash recovery (autosave.h) in `directory`: first offers back what a crashed ConvLens left there (true when the
    // user took it; the document is then unsaved), then autosaves every edit. The app calls it with
    // Autosave::defaultDirectory(); tests with a folder of their own (without it nothing is autosaved).
    bool startAutosave(const QString &directory);
    Autosave *autosave() const { return m_autosave.get(); }
    // The step player's step (0-based), applied as soon as its trace exists (--step).
    void setPlayerStep(qint64 step);
    void setPlayerChannel(int channel); // the step player's output channel (--channel)
    // Insert a layer kind below the current layer (palette double-click, Add menu); selects it.
    QString insertLayerBelowCurrent(const QString &kind);

    // Edit ▸ Delete / Duplicate / Rename on the current selection, whichever view made it.
    void deleteSelected();
    void duplicateSelected();
    void renameCurrent();
    // The crop core proposes for the refused merge (the summary's "Apply the crop" button).
    bool applyMergeFix();
    void showGuide(); // Help ▸ Guide
    // Trained weights from a folder (asked for when empty): the banner's "Load weights…".
    bool loadWeights(const QString &folder = {});

    // The default arrangements of the docks, by window size (see arrangeDocks in main_window.cpp).
    enum class Layout { Compact, Medium, Wide };
    static Layout layoutFor(const QSize &window);
    Layout dockLayout() const { return m_layout; }
    void arrangeDocks(Layout layout);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *e) override;
    void closeEvent(QCloseEvent *e) override;
    void dragEnterEvent(QDragEnterEvent *e) override;
    void dropEvent(QDropEvent *e) override;
    void changeEvent(QEvent *e) override;

private:
    // Where an export goes: the given path, else one asked for (dialog title, the model's base name + nameEnding,
    // the file filter); `suffix` is added to a path without one.
    struct ExportTarget {
        QString givenPath, title, nameEnding, filter, suffix;
    };
    // The one tail of every file export: choose the path, write atomically with `write` (the old file kept on
    // failure, with a warning), report it with the first note.
    using FileWriter = std::function<bool(const std::string &path, std::string *error)>;
    bool writeExport(const ExportTarget &target, const FileWriter &write, const std::vector<std::string> &notes);
    // Copies the .npy files of `from` into `<projectPath's name>.weights/` beside it (Save As).
    bool copyWeightsBeside(const QString &from, const QString &projectPath, QString *error);
    QString trainedWeightsFolder() const; // the folder the forward pass reads trained weights from, or empty
    void createViews();
    void createDocks();
    void createActions();
    void rebuildAddMenu();
    void rebuildRecentMenu();
    void updateTitle();
    void updateSummaryExtras();
    bool maybeSave();
    void addRecent(const QString &path);
    QRect screenArea() const;  // the available area of the window's screen, in device-independent pixels
    QString screenKey() const; // "1920x1080": the settings key of the layout remembered for it
    void adoptImport(const LoadResult &result);
    bool commitFieldEdit(QWidget *focus);
    void updateWeightsOffer(const ForwardSnapshot &snapshot);
    void switchFramework(Framework f);
    void runImportDialog(std::optional<Framework> framework, bool fromFile);
    void exportDiagramInteractive(const QString &extension);
    void createComputeViews();
    void syncComputeLayer();
    // View ▸ Language applied live: the texts on screen (retranslate.h), the report's words (inferred again), the
    // models' texts and the menus built from data.
    void retranslateUi();
    void showForwardStatus(const ForwardSnapshot &s); // the status bar's line about the last forward pass
    bool m_retranslateQueued = false;

    Document m_doc;
    LayerModel m_layers;
    PaletteModel m_palette;
    std::unique_ptr<Prompts> m_prompts;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<Autosave> m_autosave;
    QItemSelectionModel *m_selection = nullptr;

    QTabWidget *m_views = nullptr;
    DiagramView *m_diagram = nullptr;
    FeatureMapsView *m_maps = nullptr;
    StepPlayerView *m_player = nullptr;
    OverviewView *m_overview = nullptr;
    InputPanel *m_input = nullptr;
    ForwardController *m_forward = nullptr;
    Classroom *m_classroom = nullptr;
    ElidedLabel *m_computeStatus = nullptr, *m_message = nullptr;
    QTimer *m_messageTimer = nullptr;
    QListView *m_stack = nullptr;
    QListView *m_paletteView = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_totals = nullptr;
    QLabel *m_diagnostic = nullptr;
    QWidget *m_diagnosticBox = nullptr;
    QPushButton *m_fixButton = nullptr;
    PropertiesEditor *m_props = nullptr;
    Layout m_layout = Layout::Wide;
    bool m_arranged = false, m_restoredLayout = false;
    QDockWidget *m_paletteDock = nullptr, *m_stackDock = nullptr, *m_propsDock = nullptr, *m_summaryDock = nullptr,
                *m_inputDock = nullptr;

    QMenu *m_recentMenu = nullptr, *m_addMenu = nullptr, *m_viewMenu = nullptr;
    QActionGroup *m_semantics = nullptr;
    QAction *m_kerasAction = nullptr, *m_torchAction = nullptr, *m_logScaleAction = nullptr;
    QString m_lastMessage;
    LiveText m_liveMessage; // what m_lastMessage was composed from
    QString m_weightsOfferTitle, m_weightsOfferDir;
    GuideDialog *m_guide = nullptr;

    // Selection survives model resets (structural edits) by layer name, falling back to the same row.
    QStringList m_keptSelection;
    QString m_keptCurrent;
    int m_keptRow = -1;
};

} // namespace convlens
