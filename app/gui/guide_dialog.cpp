// guide_dialog.cpp — the guide's text and pictures.
#include "guide_dialog.h"

#include <QDialogButtonBox>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace convlens {

namespace {

QString picture(const QString &name, const QString &alt)
{
    return QStringLiteral("<p align='center'><img src=':/guide/%1.png' alt='%2'></p>").arg(name, alt.toHtmlEscaped());
}

QString shortcutRow(const QString &keys, const QString &what)
{
    return QStringLiteral("<tr><td style='padding-right:16px'><b>%1</b></td><td>%2</td></tr>").arg(keys, what);
}

QString guideHtml()
{
    QString h;
    h += QObject::tr("<h2>ConvLens in five minutes</h2>"
                     "<p>Build or import a model on the left (the layer list, the palette, <i>File ▸ Import</i>), edit "
                     "the selected layer on the right (<i>Properties</i>), and watch every shape follow in the "
                     "<i>Summary</i>. A layer the framework would refuse turns red, with the framework's reason and "
                     "a fix. Every edit is one undo step.</p>");
    h += QObject::tr("<h3>The views</h3><p><b>Diagram</b> — the architecture as boxes sized by their output; dashed "
                     "lines are skip connections. Click a box to select its layer; the wheel zooms.</p>");
    h += picture(QStringLiteral("diagram"), QObject::tr("the diagram of a U-Net"));
    h += QObject::tr("<p><b>All layers</b> — every layer's output at once, one column per layer, as CNN Explainer "
                     "shows a network. Click a column to select its layer.</p>");
    h += picture(QStringLiteral("overview"), QObject::tr("every layer's maps as columns"));
    h += QObject::tr("<p><b>Feature maps</b> — each channel of the selected layer as a small map (yellow = high, "
                     "dark blue = low; for values of both signs, red &gt; 0 &gt; blue). Click a map to enlarge it, "
                     "then a cell to see its receptive field on the input.</p>");
    h += picture(QStringLiteral("maps"), QObject::tr("the sixteen maps of a convolution"));
    h += QObject::tr("<p><b>Step player</b> — a convolution or pooling layer replayed window by window with the real "
                     "numbers: the input on the left inside its padding, the output filling in on the right, the "
                     "arithmetic of the step underneath.</p>");
    h += picture(QStringLiteral("player"), QObject::tr("the step player on a max pooling"));
    h += QObject::tr("<h3>How padding and stride are drawn</h3><ul>"
                     "<li><b>Padding</b> cells are hatched, exactly where the framework puts them: Keras "
                     "<tt>padding='same'</tt> adds the odd row and column at the <i>bottom and right</i> (above: "
                     "7 → 4 with one padded row and column), PyTorch pads both sides equally. Each pad cell says "
                     "what it counts as: <tt>0</tt> for a convolution, <tt>−∞ ignored</tt> for max pooling, "
                     "<tt>not counted</tt> or <tt>counted as 0</tt> for average pooling.</li>"
                     "<li>The <b>orange window</b> is the kernel. Between two steps it moves by the <b>stride</b>: "
                     "with stride 2 it jumps two cells, so the output is about half the size. With dilation the "
                     "window has holes (hatched grey).</li>"
                     "<li>The dashed line joins the window to the output cell it computes; click any output cell to "
                     "jump to its step.</li></ul>");
    h += QObject::tr("<h3>Random or trained weights</h3><p>The autoencoder and LeNet-5 examples come with trained "
                     "weights. Any other model runs on seeded random weights, and an amber banner says so: its maps "
                     "show what random filters make of the input, most cells read 0 after a ReLU. The banner offers "
                     "an example's trained weights when they fit the model, or <i>Load weights…</i> from a folder of "
                     ".npy files.</p>");
    h += QObject::tr("<h3>Keyboard shortcuts</h3><table>");
    h += shortcutRow(QObject::tr("Ctrl+Z, Ctrl+Shift+Z (Ctrl+Y)"),
                     QObject::tr("undo, redo — from anywhere, also while typing in a field"));
    h += shortcutRow(QObject::tr("Del, Ctrl+D, F2"), QObject::tr("delete, duplicate, rename the selected layers"));
    h += shortcutRow(QObject::tr("Ctrl+A"), QObject::tr("select every layer"));
    h += shortcutRow(QObject::tr("Ctrl+K, Ctrl+Shift+K"), QObject::tr("import Keras or PyTorch code"));
    h += shortcutRow(QObject::tr("Ctrl+O, Ctrl+S"), QObject::tr("open, save"));
    h += shortcutRow(QObject::tr("Ctrl+0, Ctrl++, Ctrl+−"), QObject::tr("fit, zoom the diagram"));
    h += shortcutRow(QObject::tr("Space"), QObject::tr("step player: play / pause"));
    h += shortcutRow(QObject::tr("← →, Shift+← →"), QObject::tr("step player: one step, ten steps"));
    h += shortcutRow(QObject::tr("Home, End"), QObject::tr("step player: first, last step"));
    h += shortcutRow(QObject::tr("+ −, F"), QObject::tr("step player: zoom, fit"));
    h += shortcutRow(QObject::tr("Esc"), QObject::tr("feature maps: back from an enlarged map"));
    h += QStringLiteral("</table>");
    return h;
}

} // namespace

QStringList GuideDialog::pictures()
{
    return {QStringLiteral(":/guide/diagram.png"), QStringLiteral(":/guide/overview.png"),
            QStringLiteral(":/guide/maps.png"), QStringLiteral(":/guide/player.png")};
}

GuideDialog::GuideDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("ConvLens guide"));
    setObjectName(QStringLiteral("guideDialog"));
    resize(720, 640);
    auto *v = new QVBoxLayout(this);
    m_browser = new QTextBrowser(this);
    m_browser->setObjectName(QStringLiteral("guide"));
    m_browser->setOpenExternalLinks(false);
    m_browser->setHtml(guideHtml());
    v->addWidget(m_browser);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    v->addWidget(buttons);
}

} // namespace convlens
