// cli_options.h — the GUI's command line (DESIGN.md, contract):
//   convlens [FILE] [--example NAME] [--image PATH] [--select LAYER] [--view summary|diagram|maps|stepper]
//            [--screenshot OUT.png] [--step N] [--channel C] [--palette dark|light] [--size WxH]
//            [--presentation]
#pragma once

#include <QSize>
#include <QString>
#include <QtGlobal>
#include <QStringList>
#include <optional>

namespace convlens {

struct GuiOptions {
    QString file;        // a project (.json) or model code (.py)
    QString example;     // an example id (see examples.h)
    QString image;       // input image (or .npy array) for the feature maps and the step player
    QString select;      // layer name or 0-based index to select
    QString view;        // summary | diagram | maps | stepper (empty: the remembered layout)
    QString screenshot;  // render the window into this PNG and exit
    qint64 step = -1;    // the step player's step (0-based; an extension of the contract, for screenshots)
    int channel = -1;    // the step player's output channel (an extension of the contract, for screenshots)
    QString palette;     // "dark" | "light": Fusion with that palette instead of the system's (extension)
    QSize size;          // the window's size for --screenshot (extension; default 1600×1000)
    bool presentation = false; // start in View ▸ Presentation (extension; full screen: the screen's size)
};

// nullopt on a usage error (message in *error). `arguments` includes the program name, as QCoreApplication gives.
std::optional<GuiOptions> parseGuiOptions(const QStringList &arguments, QString *error, bool *helpShown = nullptr);

} // namespace convlens
