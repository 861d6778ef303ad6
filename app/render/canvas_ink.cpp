// canvas_ink.cpp — palette → canvas colours.
#include "canvas_ink.h"

namespace convlens {

QColor mixColors(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t), float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t), float(a.alphaF() + (b.alphaF() - a.alphaF()) * t));
}

namespace {

bool darkWindow(const QPalette &p)
{
    return p.color(QPalette::Window).lightnessF() < p.color(QPalette::WindowText).lightnessF();
}

} // namespace

QColor errorTextColor(const QPalette &palette)
{
    return darkWindow(palette) ? QColor(0xff, 0x8a, 0x80) : QColor(0xa0, 0x10, 0x20);
}

QColor warningTextColor(const QPalette &palette)
{
    return darkWindow(palette) ? QColor(0xff, 0xb8, 0x60) : QColor(0x9a, 0x4c, 0x00);
}

QPalette fusionPalette(bool dark)
{
    if (!dark)
        return QPalette(QColor(0xef, 0xef, 0xef)); // Fusion's own light palette
    QPalette p;
    const QColor window(0x35, 0x35, 0x35), base(0x24, 0x24, 0x24), text(0xe6, 0xe6, 0xe6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x2e, 0x2e, 0x2e));
    p.setColor(QPalette::ToolTipBase, QColor(0x40, 0x40, 0x40));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Link, QColor(0x6e, 0xb4, 0xff));
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xc0));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x50, 0x50, 0x50));
    p.setColor(QPalette::Midlight, QColor(0x45, 0x45, 0x45));
    p.setColor(QPalette::Mid, QColor(0x2a, 0x2a, 0x2a));
    p.setColor(QPalette::Dark, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::Shadow, Qt::black);
    for (QPalette::ColorRole r : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, r, QColor(0x80, 0x80, 0x80));
    return p;
}

CanvasInk CanvasInk::from(const QPalette &palette)
{
    CanvasInk ink;
    ink.base = palette.color(QPalette::Base);
    ink.text = palette.color(QPalette::Text);
    ink.dark = ink.base.lightnessF() < ink.text.lightnessF();
    ink.dimText = mixColors(ink.text, ink.base, 0.35);
    ink.line = mixColors(ink.text, ink.base, 0.55);
    ink.panel = ink.base;
    ink.panel.setAlpha(230);
    ink.empty = mixColors(ink.base, ink.text, 0.06);
    return ink;
}

CanvasInk CanvasInk::light()
{
    QPalette p;
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::Text, QColor(0x10, 0x10, 0x10));
    return from(p);
}

} // namespace convlens
