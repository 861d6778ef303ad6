// cli_options.cpp — QCommandLineParser over the contract's options.
#include "cli_options.h"

#include <QCommandLineParser>

namespace convlens {

std::optional<GuiOptions> parseGuiOptions(const QStringList &arguments, QString *error, bool *helpShown)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("ConvLens: CNN shape arithmetic, exactly as Keras and PyTorch do it"));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    const QCommandLineOption example(QStringLiteral("example"),
                                     QStringLiteral("Open an example: autoencoder, unet_same, unet_valid, lenet5, vgg16."),
                                     QStringLiteral("NAME"));
    const QCommandLineOption image(QStringLiteral("image"), QStringLiteral("Input image for the feature-map views."),
                                   QStringLiteral("PATH"));
    const QCommandLineOption select(QStringLiteral("select"), QStringLiteral("Select a layer (name or index)."),
                                    QStringLiteral("LAYER"));
    const QCommandLineOption view(QStringLiteral("view"),
                                  QStringLiteral("Bring a view to the front: summary, diagram, overview, maps or "
                                                 "stepper."),
                                  QStringLiteral("VIEW"));
    const QCommandLineOption shot(QStringLiteral("screenshot"),
                                  QStringLiteral("Render the window into a PNG file and exit."),
                                  QStringLiteral("OUT.png"));
    const QCommandLineOption step(QStringLiteral("step"),
                                  QStringLiteral("Step player: go to step N (0-based) once the layer is traced."),
                                  QStringLiteral("N"));
    const QCommandLineOption channel(QStringLiteral("channel"),
                                     QStringLiteral("Step player: replay output channel C (0-based)."),
                                     QStringLiteral("C"));
    const QCommandLineOption palette(QStringLiteral("palette"),
                                     QStringLiteral("Use the Fusion style with a dark or light palette."),
                                     QStringLiteral("dark|light"));
    const QCommandLineOption size(QStringLiteral("size"),
                                  QStringLiteral("With --screenshot: the window's size (default 1600x1000)."),
                                  QStringLiteral("WxH"));
    const QCommandLineOption presentation(
        QStringLiteral("presentation"),
        QStringLiteral("Start in presentation mode (full screen, one large view; Esc leaves)."));
    p.addOption(help);
    p.addOptions({example, image, select, view, shot, step, channel, palette, size, presentation});
    p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("A project (.json) or model code (.py)."),
                            QStringLiteral("[FILE]"));
    if (!p.parse(arguments)) {
        if (error)
            *error = p.errorText();
        return std::nullopt;
    }
    if (p.isSet(help)) {
        if (helpShown)
            *helpShown = true;
        if (error)
            *error = p.helpText();
        return std::nullopt;
    }
    GuiOptions o;
    const QStringList pos = p.positionalArguments();
    if (pos.size() > 1) {
        if (error)
            *error = QStringLiteral("expected at most one FILE, got %1").arg(pos.size());
        return std::nullopt;
    }
    o.file = pos.value(0);
    o.example = p.value(example);
    o.image = p.value(image);
    o.select = p.value(select);
    o.view = p.value(view);
    o.screenshot = p.value(shot);
    o.presentation = p.isSet(presentation);
    if (p.isSet(channel)) {
        bool ok = false;
        o.channel = p.value(channel).toInt(&ok);
        if (!ok || o.channel < 0) {
            if (error)
                *error = QStringLiteral("--channel expects a non-negative integer, got '%1'").arg(p.value(channel));
            return std::nullopt;
        }
    }
    if (p.isSet(step)) {
        bool ok = false;
        o.step = p.value(step).toLongLong(&ok);
        if (!ok || o.step < 0) {
            if (error)
                *error = QStringLiteral("--step expects a non-negative integer, got '%1'").arg(p.value(step));
            return std::nullopt;
        }
    }
    o.palette = p.value(palette);
    if (!o.palette.isEmpty() && o.palette != u"dark" && o.palette != u"light") {
        if (error)
            *error = QStringLiteral("--palette expects dark or light, got '%1'").arg(o.palette);
        return std::nullopt;
    }
    if (p.isSet(size)) {
        const QStringList wh = p.value(size).split(u'x');
        const int w = wh.value(0).toInt(), h = wh.value(1).toInt();
        if (wh.size() != 2 || w < 320 || h < 240) {
            if (error)
                *error = QStringLiteral("--size expects WIDTHxHEIGHT (at least 320x240), got '%1'").arg(p.value(size));
            return std::nullopt;
        }
        o.size = QSize(w, h);
    }
    if (!o.file.isEmpty() && !o.example.isEmpty()) {
        if (error)
            *error = QStringLiteral("give either FILE or --example, not both");
        return std::nullopt;
    }
    static const QStringList views{QStringLiteral("summary"), QStringLiteral("diagram"), QStringLiteral("overview"),
                                   QStringLiteral("maps"), QStringLiteral("stepper")};
    if (!o.view.isEmpty() && !views.contains(o.view)) {
        if (error)
            *error = QStringLiteral("unknown view '%1'; expected one of %2").arg(o.view, views.join(u'|'));
        return std::nullopt;
    }
    return o;
}

} // namespace convlens
