// main.cpp — convlens: the desktop app. Command line (DESIGN.md, contract):
//   convlens [FILE] [--example NAME] [--image PATH] [--select LAYER] [--view summary|diagram|maps|stepper]
//            [--screenshot OUT.png] [--step N] [--channel C] [--palette dark|light] [--size WxH]
//            [--presentation]
// With --screenshot the window renders (offscreen works) once the forward pass has finished, is saved as PNG, and the
// program exits: 0 on success, 2 when the model could not be loaded or the file not written. --step N and --channel C
// put the step player at step N of output channel C (0-based).
#include "canvas_ink.h"
#include "classroom.h"
#include "cli_options.h"
#include "language.h"
#include "main_window.h"
#include "presentation.h"
#include "settings.h"
#include "ui_probe.h"

#include <QApplication>
#include <QTimer>
#include <cstdio>

namespace {

// --screenshot runs must never block on a dialog: warnings go to stderr.
class ConsolePrompts : public convlens::Prompts
{
public:
    SaveChoice askSaveChanges(QWidget *, const QString &) override { return SaveChoice::Discard; }
    void warn(QWidget *, const QString &title, const QString &text) override
    {
        std::fprintf(stderr, "convlens: %s: %s\n", qPrintable(title), qPrintable(text));
    }
    void inform(QWidget *, const QString &, const QString &) override {}
};

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ConvLens"));
    QApplication::setApplicationName(QStringLiteral("ConvLens"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));

    QString error;
    bool help = false;
    const auto options = convlens::parseGuiOptions(QApplication::arguments(), &error, &help);
    if (!options) {
        std::fprintf(help ? stdout : stderr, "%s\n", qPrintable(error));
        return help ? 0 : 2;
    }
    if (!options->palette.isEmpty()) {
        QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(convlens::fusionPalette(options->palette == u"dark"));
    }
    const bool screenshot = !options->screenshot.isEmpty();
    {
        // The system locale's language, or View ▸ Language's choice (screenshots: the locale's, LANG=zh_CN.UTF-8).
        const convlens::Settings settings;
        const QString language = convlens::resolveUiLanguage(screenshot ? QString() : settings.language());
        if (!convlens::installUiLanguage(&app, language))
            std::fprintf(stderr, "convlens: no %s translation in this build; the UI stays English\n",
                         qPrintable(language));
    }
    convlens::MainWindow window(!screenshot);
    if (screenshot)
        window.setPrompts(std::make_unique<ConsolePrompts>());
    convlens::UiProbe::attachIfRequested(&window); // CONVLENS_UI_PROBE: for tests/gui/x11
    // Crash recovery: offers back what a killed or crashed ConvLens left, then autosaves every edit. Not for
    // --screenshot runs, which must neither ask nor leave files.
    if (!screenshot)
        window.startAutosave(convlens::Autosave::defaultDirectory());

    bool loaded = true;
    if (!options->file.isEmpty())
        loaded = window.openFile(options->file);
    else if (!options->example.isEmpty())
        loaded = window.openExample(options->example);
    if (!loaded && screenshot)
        return 2;
    if (!options->image.isEmpty() && !window.setInputImage(options->image) && screenshot)
        return 2;
    if (!options->select.isEmpty() && !window.selectLayer(options->select)) {
        std::fprintf(stderr, "convlens: no layer '%s' in the model\n", qPrintable(options->select));
        if (screenshot)
            return 2;
    }
    // After --select: choosing a layer resets the player's channel and step.
    if (options->channel >= 0)
        window.setPlayerChannel(options->channel);
    if (options->step >= 0)
        window.setPlayerStep(options->step);
    if (screenshot)
        window.resize(options->size.isValid() ? options->size : QSize(1600, 1000));
    window.show();
    if (!options->view.isEmpty())
        window.showView(options->view);
    if (options->presentation) {
        window.classroom()->presentation()->enter();
        // A screenshot is of the --size window, not of whatever screen the (offscreen) platform has.
        if (screenshot) {
            window.setWindowState(window.windowState() & ~Qt::WindowFullScreen);
            window.resize(options->size.isValid() ? options->size : QSize(1600, 1000));
        }
    }
    if (!screenshot)
        return app.exec();

    int status = 0;
    QTimer::singleShot(50, &window, [&] {
        if (!window.waitForCompute(120000))
            std::fprintf(stderr, "convlens: the forward pass did not finish in time; the views may be empty\n");
        QApplication::processEvents();
        const QPixmap shot = window.grab();
        if (!shot.save(options->screenshot, "PNG")) {
            std::fprintf(stderr, "convlens: cannot write %s\n", qPrintable(options->screenshot));
            status = 2;
        }
        QApplication::quit();
    });
    app.exec();
    return status;
}
