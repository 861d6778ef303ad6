// cli_options.h — the GUI's command line (DESIGN.md, contract):
//   convlens [FILE] [--example NAME] [--image PATH] [--select LAYER] [--view summary|diagram|maps|stepper]
//            [--screenshot OUT.png]
#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace convlens {

struct GuiOptions {
    QString file;        // a project (.json) or model code (.py)
    QString example;     // an example id (see examples.h)
    QString image;       // input image for the feature-map views (later issue; accepted and kept)
    QString select;      // layer name or 0-based index to select
    QString view;        // summary | diagram | maps | stepper (empty: the remembered layout)
    QString screenshot;  // render the window into this PNG and exit
};

// nullopt on a usage error (message in *error). `arguments` includes the program name, as QCoreApplication gives.
std::optional<GuiOptions> parseGuiOptions(const QStringList &arguments, QString *error, bool *helpShown = nullptr);

} // namespace convlens
