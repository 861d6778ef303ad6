// solver.cpp — enumeration of the solver's domain (solver.h), the 1-D formula of each solution and the note comparing
// it with the other framework.
#include "teach/solver.h"

#include "shape/dims.h"

#include <QCoreApplication>
#include <QString>
#include <algorithm>
#include <tuple>

namespace convlens::teach {

namespace {

// The translation context of the notes ("Solver" in the .ts files); lupdate finds tr() through this declaration.
class Solver
{
    Q_DECLARE_TR_FUNCTIONS(Solver)
};

std::string str(i64 v)
{
    return std::to_string(v);
}

std::string kEffText(i64 k, i64 d)
{
    return d == 1 ? str(k) : str(dims::effectiveKernel(k, d));
}

std::string dilationText(i64 k, i64 d)
{
    return d == 1 ? std::string() : " (k' = " + str(d) + "·(" + str(k) + "−1)+1 = " + str(dims::effectiveKernel(k, d)) + ")";
}

// "adds 0 top/left, 1 bottom/right", "adds 1 on every side", "adds nothing" (as the engine's formulas say it).
std::string padText(i64 before, i64 after)
{
    if (before == 0 && after == 0)
        return "adds nothing";
    if (before == after)
        return "adds " + str(before) + " on every side";
    return "adds " + str(before) + " top/left, " + str(after) + " bottom/right";
}

std::string utf8(const QString &s)
{
    return s.toStdString();
}

// ---------------------------------------------------------------- the other framework, for the notes

// Torch pooling with padding p (≤ k/2) and ceil_mode: the output size, or nullopt when refused.
std::optional<i64> torchPoolOut(i64 i, i64 k, i64 s, i64 p, i64 d, bool ceil)
{
    if (p > k / 2)
        return std::nullopt;
    const i64 out = dims::torchPool(i, k, s, p, d, ceil);
    return out >= 1 ? std::optional<i64>(out) : std::nullopt;
}

QString sizeOrRefused(std::optional<i64> v)
{
    return v ? QString::number(*v) : Solver::tr("a refusal");
}

// Keras solution → what PyTorch does with the same kernel, stride and dilation.
std::string kerasNote(const Solution &s, i64 i)
{
    const i64 a = s.padBefore, b = s.padAfter;
    switch (s.kind) {
    case SolveKind::Conv: {
        if (s.padding != Solution::Padding::Same || (a == 0 && b == 0) || s.stride == 1)
            return {}; // 'valid' is padding=0; stride-1 'same' is torch's 'same' (extra pad after as well)
        const i64 kEff = dims::effectiveKernel(s.kernel, s.dilation);
        if (a == b)
            return utf8(Solver::tr("PyTorch refuses padding='same' with stride > 1: write padding=%1 (the same windows).")
                            .arg(a));
        return utf8(Solver::tr("TensorFlow pads %1 top/left and %2 bottom/right here (the extra one after, and it "
                               "depends on the input size); PyTorch pads both sides alike: padding=%1 gives %3, "
                               "padding=%2 gives %4. nn.ZeroPad2d((%1, %2, %1, %2)) before a padding=0 Conv2d "
                               "matches TensorFlow exactly.")
                        .arg(a)
                        .arg(b)
                        .arg(sizeOrRefused(dims::torchConv(i, a, a, kEff, s.stride)))
                        .arg(sizeOrRefused(dims::torchConv(i, b, b, kEff, s.stride))));
    }
    case SolveKind::MaxPool:
    case SolveKind::AvgPool: {
        if (s.padding != Solution::Padding::Same || (a == 0 && b == 0))
            return {};
        const bool isMax = s.kind == SolveKind::MaxPool;
        const QString avg = isMax ? QString()
                                  : Solver::tr(" PyTorch's AvgPool2d counts the padded zeros in the divisor unless "
                                               "count_include_pad=False; Keras never counts them.");
        const QString cls = isMax ? QStringLiteral("MaxPool2d") : QStringLiteral("AvgPool2d");
        // TF's windows start at −a; torch's at −padding: the same windows need padding=a, and ceil_mode when the
        // extra pad after is what makes the last window.
        if (torchPoolOut(i, s.kernel, s.stride, a, 1, false) == s.output)
            return utf8(Solver::tr("PyTorch: %1(%2, %3, padding=%4) gives the same windows.%5")
                            .arg(cls)
                            .arg(s.kernel)
                            .arg(s.stride)
                            .arg(a)
                            .arg(avg));
        if (torchPoolOut(i, s.kernel, s.stride, a, 1, true) == s.output)
            return utf8(Solver::tr("TensorFlow pads %1 top/left and %2 bottom/right; PyTorch pads symmetrically, so "
                                   "the same windows need %3(%4, %5, padding=%1, ceil_mode=True): its last window "
                                   "overhangs the edge as TensorFlow's extra pad does.%6")
                            .arg(a)
                            .arg(b)
                            .arg(cls)
                            .arg(s.kernel)
                            .arg(s.stride)
                            .arg(avg));
        return utf8(Solver::tr("TensorFlow pads %1 top/left and %2 bottom/right; no %3 gives these windows (PyTorch's "
                               "pooling padding is symmetric and at most kernel_size / 2).%4")
                        .arg(a)
                        .arg(b)
                        .arg(cls)
                        .arg(avg));
    }
    case SolveKind::ConvTranspose: {
        // TF crops a before and b after the full (i − 1)·s + k' result; torch crops padding before and
        // padding − output_padding after.
        const i64 maxOp = std::max(s.stride, s.dilation);
        const i64 op = a - b;
        if (op >= 0 && op < maxOp)
            return a == 0 && op == 0 ? std::string()
                                     : utf8(Solver::tr("PyTorch: ConvTranspose2d(…, %1, stride=%2, padding=%3, "
                                                       "output_padding=%4) gives the same output.")
                                                .arg(s.kernel)
                                                .arg(s.stride)
                                                .arg(a)
                                                .arg(op));
        const i64 kEff = dims::effectiveKernel(s.kernel, s.dilation);
        for (i64 p = 0; p <= kEff; ++p)
            for (i64 q = 0; q < maxOp; ++q)
                if (dims::torchConvTranspose(i, kEff, s.stride, p, q) == s.output)
                    return utf8(Solver::tr("PyTorch: padding=%1, output_padding=%2 gives the same size, but "
                                           "TensorFlow crops %3 before and %4 after while PyTorch crops %1 and %5: "
                                           "the output is shifted by one pixel.")
                                    .arg(p)
                                    .arg(q)
                                    .arg(a)
                                    .arg(b)
                                    .arg(p - q));
        return utf8(Solver::tr("No ConvTranspose2d padding gives this size: PyTorch crops padding on both sides and "
                               "adds output_padding after."));
    }
    }
    return {};
}

// PyTorch solution → what Keras offers with the same kernel, stride and dilation.
std::string torchNote(const Solution &s, i64 i)
{
    const i64 kEff = dims::effectiveKernel(s.kernel, s.dilation);
    switch (s.kind) {
    case SolveKind::Conv: {
        if (s.padding == Solution::Padding::Same || s.paddingAmount == 0)
            return {}; // stride-1 'same' is Keras' 'same'; padding=0 is 'valid'
        if (s.stride > 1 && s.dilation > 1)
            return utf8(Solver::tr("Keras refuses strides > 1 with dilation_rate > 1."));
        const dims::SamePad same = dims::tfSame(i, kEff, s.stride);
        if (same.before == s.paddingAmount && same.after == s.paddingAmount)
            return utf8(Solver::tr("Keras: padding='same' gives the same windows here."));
        return utf8(Solver::tr("Keras has only 'valid' and 'same' ('same' pads %1 top/left and %2 bottom/right here, "
                               "giving %3): put ZeroPadding2D(%4) before a 'valid' Conv2D.")
                        .arg(same.before)
                        .arg(same.after)
                        .arg(same.out)
                        .arg(s.paddingAmount));
    }
    case SolveKind::MaxPool:
    case SolveKind::AvgPool: {
        if (s.paddingAmount == 0 && !s.ceilMode)
            return {};
        if (s.dilation > 1)
            return utf8(Solver::tr("Keras pooling has no dilation."));
        const bool isMax = s.kind == SolveKind::MaxPool;
        const QString cls = isMax ? QStringLiteral("MaxPooling2D") : QStringLiteral("AveragePooling2D");
        const QString avg = !isMax && s.paddingAmount > 0
                                ? Solver::tr(" Keras never counts padded cells in the average; AvgPool2d counts "
                                             "them unless count_include_pad=False.")
                                : QString();
        const dims::SamePad same = dims::tfSame(i, s.kernel, s.stride);
        if (same.out == s.output && same.before == s.paddingAmount)
            return utf8(Solver::tr("Keras: %1(%2, strides=%3, padding='same') gives the same windows (it pads %4 "
                                   "top/left and %5 bottom/right).%6")
                            .arg(cls)
                            .arg(s.kernel)
                            .arg(s.stride)
                            .arg(same.before)
                            .arg(same.after)
                            .arg(avg));
        if (s.ceilMode)
            return utf8(Solver::tr("Keras has no ceil_mode: its 'valid' rounds down and 'same' gives %1 here.%2")
                            .arg(same.out)
                            .arg(avg));
        return utf8(Solver::tr("Keras pooling takes no padding amount: ZeroPadding2D(%1) before it would make the pad "
                               "cells real zeros (max pooling could pick them, average pooling counts them).%2")
                        .arg(s.paddingAmount)
                        .arg(avg));
    }
    case SolveKind::ConvTranspose: {
        if (s.stride > 1 && s.dilation > 1)
            return utf8(Solver::tr("Keras refuses strides > 1 with dilation_rate > 1."));
        const i64 before = s.padBefore, after = s.padAfter;
        std::optional<QString> sameSize;
        for (bool same : {false, true})
            for (i64 q = -1; q < s.stride; ++q) {
                const std::optional<i64> op = q < 0 ? std::nullopt : std::optional<i64>(q);
                const i64 out = dims::kerasConvTranspose(i, kEff, s.stride, same, op);
                if (out != s.output)
                    continue;
                const dims::Crop c = dims::tfTransposeCrop(i, kEff, s.stride, out, same);
                const QString spelling = QStringLiteral("padding='%1'%2")
                                             .arg(same ? QStringLiteral("same") : QStringLiteral("valid"),
                                                  op ? QStringLiteral(", output_padding=%1").arg(*op) : QString());
                if (c.before == before && c.after == after)
                    return before == 0 && after == 0 && !op && !same
                               ? std::string()
                               : utf8(Solver::tr("Keras: Conv2DTranspose(…, %1, strides=%2, %3) gives the same "
                                                 "output.")
                                          .arg(s.kernel)
                                          .arg(s.stride)
                                          .arg(spelling));
                if (!sameSize)
                    sameSize = Solver::tr("Keras %1 gives the same size, but TensorFlow crops %2 before and %3 after "
                                          "while PyTorch crops %4 and %5: the output is shifted by one pixel.")
                                   .arg(spelling)
                                   .arg(c.before)
                                   .arg(c.after)
                                   .arg(before)
                                   .arg(after);
            }
        if (sameSize)
            return utf8(*sameSize);
        return utf8(Solver::tr("No Keras Conv2DTranspose gives this size ('same' and 'valid' only): crop with "
                               "Cropping2D after a 'valid' one."));
    }
    }
    return {};
}

// ---------------------------------------------------------------- enumeration

Solution solution(SolveKind kind, const char *layer, i64 k, i64 s, i64 d)
{
    Solution x;
    x.kind = kind;
    x.layer = layer;
    x.kernel = k;
    x.stride = s;
    x.dilation = d;
    return x;
}

struct Enumerator {
    Framework fw;
    i64 from, to;
    const SolverBounds &b;
    std::vector<Solution> out;

    void keep(Solution s)
    {
        if (s.output != to)
            return;
        s.note = fw == Framework::Keras ? kerasNote(s, from) : torchNote(s, from);
        out.push_back(std::move(s));
    }

    // Dilations to try with kernel k: only 1 for a 1×1 kernel.
    int maxDilation(i64 k, bool allowed) const { return allowed && k > 1 ? b.maxDilation : 1; }

    void kerasConv()
    {
        for (i64 k = 1; k <= b.maxKernel; ++k)
            for (i64 s = 1; s <= b.maxStride; ++s)
                for (i64 d = 1; d <= maxDilation(k, s == 1); ++d) // strides > 1 with dilation > 1: refused
                    for (bool same : {false, true}) {
                        const i64 kEff = dims::effectiveKernel(k, d);
                        Solution x = solution(SolveKind::Conv, "Conv2D", k, s, d);
                        x.padding = same ? Solution::Padding::Same : Solution::Padding::Valid;
                        if (same) {
                            const dims::SamePad p = dims::tfSame(from, kEff, s);
                            x.output = p.out;
                            x.padBefore = p.before;
                            x.padAfter = p.after;
                            x.formula = "out = ⌈" + str(from) + " / " + str(s) + "⌉ = " + str(p.out) +
                                        " — padding='same' " + padText(p.before, p.after);
                        } else {
                            const auto o = dims::tfValid(from, kEff, s);
                            if (!o)
                                continue;
                            x.output = *o;
                            x.formula = "out = ⌊(" + str(from) + " − " + kEffText(k, d) + ") / " + str(s) +
                                        "⌋ + 1 = " + str(*o);
                        }
                        x.formula += dilationText(k, d);
                        keep(std::move(x));
                    }
    }

    void kerasPool(SolveKind kind)
    {
        const bool isMax = kind == SolveKind::MaxPool;
        for (i64 k = 1; k <= b.maxKernel; ++k)
            for (i64 s = 1; s <= b.maxStride; ++s)
                for (bool same : {false, true}) {
                    Solution x = solution(kind, isMax ? "MaxPooling2D" : "AveragePooling2D", k, s, 1);
                    x.padding = same ? Solution::Padding::Same : Solution::Padding::Valid;
                    if (same) {
                        const dims::SamePad p = dims::tfSame(from, k, s);
                        x.output = p.out;
                        x.padBefore = p.before;
                        x.padAfter = p.after;
                        x.formula = "out = ⌈" + str(from) + " / " + str(s) + "⌉ = " + str(p.out) +
                                    " — padding='same' " + padText(p.before, p.after) +
                                    (p.before + p.after == 0
                                         ? std::string()
                                         : isMax ? "; padded cells are ignored (−∞)" : "; padded cells are not counted");
                    } else {
                        const auto o = dims::tfValid(from, k, s);
                        if (!o)
                            continue;
                        x.output = *o;
                        x.formula = "out = ⌊(" + str(from) + " − " + str(k) + ") / " + str(s) + "⌋ + 1 = " + str(*o);
                    }
                    if (s == k)
                        x.formula += " (strides=None → strides = pool_size)";
                    keep(std::move(x));
                }
    }

    void kerasTransposed()
    {
        for (i64 k = 1; k <= b.maxKernel; ++k)
            for (i64 s = 1; s <= b.maxStride; ++s)
                for (i64 d = 1; d <= maxDilation(k, s == 1); ++d)
                    for (bool same : {false, true})
                        for (i64 q = -1; q < s; ++q) { // −1: output_padding=None
                            const i64 kEff = dims::effectiveKernel(k, d);
                            const std::optional<i64> op = q < 0 ? std::nullopt : std::optional<i64>(q);
                            const i64 o = dims::kerasConvTranspose(from, kEff, s, same, op);
                            if (o < 1)
                                continue;
                            Solution x = solution(SolveKind::ConvTranspose, "Conv2DTranspose", k, s, d);
                            x.padding = same ? Solution::Padding::Same : Solution::Padding::Valid;
                            x.outputPadding = op;
                            x.output = o;
                            const dims::Crop c = dims::tfTransposeCrop(from, kEff, s, o, same);
                            x.padBefore = c.before;
                            x.padAfter = c.after;
                            if (!op)
                                x.formula = same ? "out = " + str(from) + " · " + str(s) + " = " + str(o)
                                                 : "out = " + str(from) + " · " + str(s) + " + max(" + kEffText(k, d) +
                                                       " − " + str(s) + ", 0) = " + str(o);
                            else
                                x.formula = "out = (" + str(from) + " − 1) · " + str(s) + " + " + kEffText(k, d) +
                                            " − 2·" + str(same ? kEff / 2 : 0) + " + " + str(*op) + " = " + str(o);
                            x.formula += (same ? " — padding='same'" : " — padding='valid'") + dilationText(k, d);
                            keep(std::move(x));
                        }
    }

    void torchConv()
    {
        for (i64 k = 1; k <= b.maxKernel; ++k)
            for (i64 s = 1; s <= b.maxStride; ++s)
                for (i64 d = 1; d <= maxDilation(k, true); ++d) {
                    const i64 kEff = dims::effectiveKernel(k, d);
                    for (i64 p = 0; p <= b.maxPadding; ++p) {
                        const auto o = dims::torchConv(from, p, p, kEff, s);
                        if (!o)
                            continue;
                        Solution x = solution(SolveKind::Conv, "Conv2d", k, s, d);
                        x.padding = Solution::Padding::Explicit;
                        x.paddingAmount = x.padBefore = x.padAfter = p;
                        x.output = *o;
                        x.formula = "out = ⌊(" + str(from) + " + 2·" + str(p) + " − " + kEffText(k, d) + ") / " +
                                    str(s) + "⌋ + 1 = " + str(*o) + dilationText(k, d);
                        keep(std::move(x));
                    }
                    if (s == 1) { // padding='same' exists only for stride 1
                        Solution x = solution(SolveKind::Conv, "Conv2d", k, s, d);
                        x.padding = Solution::Padding::Same;
                        x.padBefore = (kEff - 1) / 2;
                        x.padAfter = kEff - 1 - x.padBefore;
                        x.output = from;
                        x.formula = "out = ⌊(" + str(from) + " + " + str(x.padBefore) + " + " + str(x.padAfter) +
                                    " − " + kEffText(k, d) + ") / 1⌋ + 1 = " + str(from) + " — padding='same' " +
                                    padText(x.padBefore, x.padAfter) +
                                    dilationText(k, d);
                        keep(std::move(x));
                    }
                }
    }

    void torchPool(SolveKind kind)
    {
        const bool isMax = kind == SolveKind::MaxPool;
        for (i64 k = 1; k <= b.maxKernel; ++k)
            for (i64 s = 1; s <= b.maxStride; ++s)
                for (i64 d = 1; d <= maxDilation(k, isMax); ++d)
                    for (i64 p = 0; p <= std::min<i64>(b.maxPadding, k / 2); ++p)
                        for (bool ceil : {false, true}) {
                            const i64 o = dims::torchPool(from, k, s, p, d, ceil);
                            if (o < 1)
                                continue;
                            // ceil_mode=True is another combination only where it changes the size.
                            if (ceil && o == dims::torchPool(from, k, s, p, d, false))
                                continue;
                            Solution x = solution(kind, isMax ? "MaxPool2d" : "AvgPool2d", k, s, d);
                            x.padding = Solution::Padding::Explicit;
                            x.paddingAmount = x.padBefore = x.padAfter = p;
                            x.ceilMode = ceil;
                            x.output = o;
                            x.formula = std::string("out = ") + (ceil ? "⌈(" : "⌊(") + str(from) + " + 2·" + str(p) +
                                        " − " + kEffText(k, d) + ") / " + str(s) + (ceil ? "⌉" : "⌋") + " + 1 = " +
                                        str(o);
                            // (No "last window dropped" here: a dropped window leaves the floor size, so such a
                            // ceil_mode row is never a solution of its own.)
                            if (s == k)
                                x.formula += " (stride=None → kernel_size)";
                            if (p > 0)
                                x.formula += isMax ? "; padded cells are ignored (−∞)"
                                                   : "; padded zeros are counted (count_include_pad)";
                            x.formula += dilationText(k, d);
                            keep(std::move(x));
                        }
    }

    void torchTransposed()
    {
        for (i64 k = 1; k <= b.maxKernel; ++k)
            for (i64 s = 1; s <= b.maxStride; ++s)
                for (i64 d = 1; d <= maxDilation(k, true); ++d)
                    for (i64 p = 0; p <= b.maxPadding; ++p)
                        for (i64 q = 0; q < std::max(s, d); ++q) {
                            const i64 kEff = dims::effectiveKernel(k, d);
                            const i64 o = dims::torchConvTranspose(from, kEff, s, p, q);
                            if (o < 1)
                                continue;
                            Solution x = solution(SolveKind::ConvTranspose, "ConvTranspose2d", k, s, d);
                            x.padding = Solution::Padding::Explicit;
                            x.paddingAmount = p;
                            x.outputPadding = q;
                            x.padBefore = p;
                            x.padAfter = p - q;
                            x.output = o;
                            x.formula = "out = (" + str(from) + " − 1) · " + str(s) + " − 2·" + str(p) + " + " +
                                        kEffText(k, d) + " + " + str(q) + " = " + str(o) + dilationText(k, d);
                            keep(std::move(x));
                        }
    }
};

} // namespace

std::string Solution::paddingText() const
{
    switch (padding) {
    case Padding::Valid:
        return "valid";
    case Padding::Same:
        return "same";
    case Padding::Explicit:
        return std::to_string(paddingAmount);
    }
    return {};
}

std::map<std::string, ParamValue> Solution::params(Framework fw) const
{
    std::map<std::string, ParamValue> p;
    const bool keras = fw == Framework::Keras;
    const bool pool = kind == SolveKind::MaxPool || kind == SolveKind::AvgPool;
    p[keras && pool ? "pool_size" : "kernel_size"] = ParamValue(kernel);
    // Pools default their stride to the window (Keras strides=None, torch stride=None): leave it out then.
    if (pool ? stride != kernel : stride != 1)
        p[keras ? "strides" : "stride"] = ParamValue(stride);
    if (dilation != 1)
        p[keras ? "dilation_rate" : "dilation"] = ParamValue(dilation);
    switch (padding) {
    case Padding::Valid:
        break;
    case Padding::Same:
        p["padding"] = ParamValue("same");
        break;
    case Padding::Explicit:
        if (paddingAmount != 0)
            p["padding"] = ParamValue(paddingAmount);
        break;
    }
    if (ceilMode)
        p["ceil_mode"] = ParamValue(true);
    if (outputPadding && (keras || *outputPadding != 0))
        p["output_padding"] = ParamValue(*outputPadding);
    return p;
}

std::string Solution::code(Framework fw) const
{
    const bool keras = fw == Framework::Keras;
    const bool pool = kind == SolveKind::MaxPool || kind == SolveKind::AvgPool;
    std::string c = layer + "(";
    if (!pool)
        c += keras ? "filters, " : "in, out, ";
    c += std::to_string(kernel);
    // The keyword order of the framework's signature.
    const std::map<std::string, ParamValue> p = params(fw);
    for (const char *key : {"strides", "stride", "padding", "output_padding", "dilation_rate", "dilation", "ceil_mode"})
        if (const auto it = p.find(key); it != p.end())
            c += std::string(", ") + key + "=" + it->second.toPython();
    return c + ")";
}

SolveResult solve(Framework fw, i64 from, i64 to, const SolverBounds &b)
{
    SolveResult r;
    const auto inRange = [](int v) { return v >= 1 && v <= SolverBounds::kLimit; };
    if (!inRange(b.maxKernel) || !inRange(b.maxStride) || !inRange(b.maxDilation) || b.maxPadding < 0 ||
        b.maxPadding > SolverBounds::kLimit) {
        r.error = "bounds must be 1…" + std::to_string(SolverBounds::kLimit) + " (padding 0…" +
                  std::to_string(SolverBounds::kLimit) + ")";
        return r;
    }
    if (from < 1 || to < 1 || from > dims::kMaxDim || to > dims::kMaxDim) {
        r.error = "sizes must be 1…" + std::to_string(dims::kMaxDim);
        return r;
    }
    Enumerator e{fw, from, to, b, {}};
    if (fw == Framework::Keras) {
        if (b.conv)
            e.kerasConv();
        if (b.maxPool)
            e.kerasPool(SolveKind::MaxPool);
        if (b.avgPool)
            e.kerasPool(SolveKind::AvgPool);
        if (b.transposed)
            e.kerasTransposed();
    } else {
        if (b.conv)
            e.torchConv();
        if (b.maxPool)
            e.torchPool(SolveKind::MaxPool);
        if (b.avgPool)
            e.torchPool(SolveKind::AvgPool);
        if (b.transposed)
            e.torchTransposed();
    }
    r.solutions = std::move(e.out);
    return r;
}

} // namespace convlens::teach
