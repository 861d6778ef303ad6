// tst_solver.cpp — the shape solver against the shape engine, by brute force: for every input size 1–64, every layer
// of the solver's domain (solver.h) is built as a one-layer model and run through infer(); the layers that reach
// each output size must be exactly the solver's list for that target — no solution missing, none extra — with the
// same padding per side (or crop, for transposed convolutions) and a formula ending in the target. The domain is
// written here independently of the solver; the refusals (strides with dilation, pool padding over kernel/2,
// output_padding too large, windows larger than the input) are the engine's, not re-implemented.
#include "shape/infer.h"
#include "teach/solver.h"

#include <QTest>
#include <map>
#include <set>
#include <tuple>

using namespace convlens;
using teach::i64;

namespace {

constexpr i64 kMaxSize = 64;

// What identifies one solution: class, kernel, stride, dilation, padding as the JSON writes it, ceil_mode,
// output_padding (−1 = None / not applicable).
using Key = std::tuple<std::string, i64, i64, i64, std::string, bool, i64>;
struct Found {
    i64 before = 0, after = 0;
};

struct Candidate {
    std::string type;
    i64 k, s, d;
    std::string padding; // "valid" | "same" | integer
    bool ceil = false;
    i64 op = -1;
};

Layer inputLayer(Framework fw, i64 size)
{
    Layer in;
    in.name = "input";
    in.type = fw == Framework::Keras ? "InputLayer" : "Input";
    in.implicitInput = fw == Framework::PyTorch;
    in.params["shape"] = fw == Framework::Keras ? ParamValue::ints({size, size, 1}) : ParamValue::ints({1, size, size});
    return in;
}

// The candidate as a layer written by hand (not through Solution::params, which is tested separately).
Layer candidateLayer(Framework fw, const Candidate &c)
{
    Layer l;
    l.name = "layer";
    l.type = c.type;
    l.inputs = {"input"};
    const bool keras = fw == Framework::Keras;
    const bool pool = c.type.find("Pool") != std::string::npos;
    if (keras) {
        if (!pool)
            l.params["filters"] = ParamValue(1);
        l.params[pool ? "pool_size" : "kernel_size"] = ParamValue(c.k);
        l.params["strides"] = ParamValue(c.s);
        if (!pool)
            l.params["dilation_rate"] = ParamValue(c.d);
        l.params["padding"] = ParamValue(c.padding);
        if (c.op >= 0)
            l.params["output_padding"] = ParamValue(c.op);
    } else {
        if (!pool) {
            l.params["in_channels"] = ParamValue(1);
            l.params["out_channels"] = ParamValue(1);
        }
        l.params["kernel_size"] = ParamValue(c.k);
        l.params["stride"] = ParamValue(c.s);
        if (c.type != "AvgPool2d")
            l.params["dilation"] = ParamValue(c.d);
        l.params["padding"] = c.padding == "same" ? ParamValue("same") : ParamValue(i64(std::stoll(c.padding)));
        if (pool)
            l.params["ceil_mode"] = ParamValue(c.ceil);
        if (c.op >= 0)
            l.params["output_padding"] = ParamValue(c.op);
    }
    return l;
}

// The engine's answer for one candidate: output size and padding per side (or crop), or nullopt when refused.
struct EngineResult {
    i64 out, before, after;
};
std::optional<EngineResult> runEngine(Framework fw, i64 size, const Layer &layer)
{
    Graph g;
    g.framework = fw;
    g.layers = {inputLayer(fw, size), layer};
    if (!validateAndOrder(g).empty())
        qFatal("invalid test graph");
    const ShapeReport r = infer(g);
    const LayerReport &l = r.layers.back();
    if (!l.ok())
        return std::nullopt;
    const Shape &o = *l.output;
    const i64 out = fw == Framework::Keras ? o[0] : o[1];
    if (l.op == Op::ConvTranspose)
        return EngineResult{out, l.spec.transposedCrop.top, l.spec.transposedCrop.bottom};
    return EngineResult{out, l.spec.pad.top, l.spec.pad.bottom};
}

// Every candidate of the solver's domain for these bounds (solver.h), refused ones included.
std::vector<Candidate> domain(Framework fw, const teach::SolverBounds &b)
{
    std::vector<Candidate> c;
    const auto dilations = [&](i64 k) { return k > 1 ? b.maxDilation : 1; };
    const bool keras = fw == Framework::Keras;
    for (i64 k = 1; k <= b.maxKernel; ++k)
        for (i64 s = 1; s <= b.maxStride; ++s) {
            if (keras) {
                for (const char *pad : {"valid", "same"}) {
                    for (i64 d = 1; d <= dilations(k); ++d) {
                        if (b.conv)
                            c.push_back({"Conv2D", k, s, d, pad});
                        if (b.transposed)
                            for (i64 op = -1; op <= b.maxStride; ++op)
                                c.push_back({"Conv2DTranspose", k, s, d, pad, false, op});
                    }
                    if (b.maxPool)
                        c.push_back({"MaxPooling2D", k, s, 1, pad});
                    if (b.avgPool)
                        c.push_back({"AveragePooling2D", k, s, 1, pad});
                }
                continue;
            }
            for (i64 d = 1; d <= dilations(k); ++d) {
                for (i64 p = 0; p <= b.maxPadding; ++p) {
                    const std::string pad = std::to_string(p);
                    if (b.conv)
                        c.push_back({"Conv2d", k, s, d, pad});
                    if (b.transposed)
                        for (i64 op = 0; op <= b.maxStride + b.maxDilation; ++op)
                            c.push_back({"ConvTranspose2d", k, s, d, pad, false, op});
                    for (bool ceil : {false, true}) {
                        if (b.maxPool)
                            c.push_back({"MaxPool2d", k, s, d, pad, ceil});
                        if (b.avgPool && d == 1)
                            c.push_back({"AvgPool2d", k, s, 1, pad, ceil});
                    }
                }
                if (b.conv)
                    c.push_back({"Conv2d", k, s, d, "same"});
            }
        }
    return c;
}

Key keyOf(const teach::Solution &s)
{
    return {s.layer, s.kernel, s.stride, s.dilation, s.paddingText(), s.ceilMode, s.outputPadding.value_or(-1)};
}

} // namespace

class TstSolver : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void matchesTheEngine_data();
    void matchesTheEngine();
    void paramsInsertTheSolution();
    void notes();
    void refusesAbsurdBounds();
};

void TstSolver::matchesTheEngine_data()
{
    // Every family on (average pooling is off by default): each family is enumerated on its own, so this covers the
    // default bounds too.
    QTest::addColumn<Framework>("fw");
    QTest::addRow("keras") << Framework::Keras;
    QTest::addRow("pytorch") << Framework::PyTorch;
}

void TstSolver::matchesTheEngine()
{
    QFETCH(Framework, fw);
    teach::SolverBounds b;
    b.avgPool = true;
    const std::vector<Candidate> candidates = domain(fw, b);
    std::int64_t compared = 0;
    for (i64 from = 1; from <= kMaxSize; ++from) {
        // Brute force: every candidate through the engine, bucketed by output size.
        std::map<i64, std::map<Key, Found>> byTarget;
        for (const Candidate &c : candidates) {
            const auto r = runEngine(fw, from, candidateLayer(fw, c));
            if (!r)
                continue;
            if (c.ceil) { // ceil_mode=True is its own solution only where it changes the size
                Candidate floorMode = c;
                floorMode.ceil = false;
                const auto f = runEngine(fw, from, candidateLayer(fw, floorMode));
                if (f && f->out == r->out)
                    continue;
            }
            byTarget[r->out][Key{c.type, c.k, c.s, c.d, c.padding, c.ceil, c.op}] = {r->before, r->after};
        }
        std::set<i64> targets;
        for (i64 to = 1; to <= kMaxSize; ++to)
            targets.insert(to);
        for (const auto &[to, _] : byTarget)
            targets.insert(to);
        for (i64 to : targets) {
            const teach::SolveResult got = teach::solve(fw, from, to, b);
            QVERIFY2(got.error.empty(), got.error.c_str());
            const std::map<Key, Found> &expected = byTarget[to];
            std::set<Key> seen;
            for (const teach::Solution &s : got.solutions) {
                const Key key = keyOf(s);
                const auto it = expected.find(key);
                const std::string where = std::to_string(from) + " → " + std::to_string(to) + ": " + s.layer + " k=" +
                                          std::to_string(s.kernel) + " s=" + std::to_string(s.stride) + " d=" +
                                          std::to_string(s.dilation) + " padding=" + s.paddingText() +
                                          (s.ceilMode ? " ceil_mode" : "") + " op=" +
                                          std::to_string(s.outputPadding.value_or(-1));
                QVERIFY2(it != expected.end(), ("the engine does not give this solution: " + where).c_str());
                QVERIFY2(seen.insert(key).second, ("listed twice: " + where).c_str());
                QVERIFY2(s.output == to, where.c_str());
                QVERIFY2(s.padBefore == it->second.before && s.padAfter == it->second.after,
                         ("padding differs from the engine's: " + where).c_str());
                const std::string tail = "= " + std::to_string(to);
                QVERIFY2(s.formula.find(tail) != std::string::npos, ("formula without the result: " + where).c_str());
                ++compared;
            }
            for (const auto &[key, found] : expected)
                QVERIFY2(seen.count(key),
                         (std::to_string(from) + " → " + std::to_string(to) + ": the solver misses " + std::get<0>(key) +
                          " k=" + std::to_string(std::get<1>(key)) + " s=" + std::to_string(std::get<2>(key)) +
                          " d=" + std::to_string(std::get<3>(key)) + " padding=" + std::get<4>(key) +
                          (std::get<5>(key) ? " ceil_mode" : "") + " op=" + std::to_string(std::get<6>(key)))
                             .c_str());
        }
    }
    QVERIFY(compared > 10000);
}

// The parameters a solution gives the layer (what the app inserts) reach the target through the engine.
void TstSolver::paramsInsertTheSolution()
{
    teach::SolverBounds b;
    b.avgPool = true;
    for (Framework fw : {Framework::Keras, Framework::PyTorch})
        for (auto [from, to] : {std::pair<i64, i64>{28, 14}, {7, 4}, {7, 14}, {25, 12}, {5, 3}, {224, 112}}) {
            const teach::SolveResult r = teach::solve(fw, from, to, b);
            QVERIFY(!r.solutions.empty());
            for (const teach::Solution &s : r.solutions) {
                Layer l;
                l.name = "layer";
                l.type = s.layer;
                l.inputs = {"input"};
                l.params = s.params(fw);
                if (s.kind != teach::SolveKind::MaxPool && s.kind != teach::SolveKind::AvgPool) {
                    if (fw == Framework::Keras) {
                        l.params["filters"] = ParamValue(1);
                    } else {
                        l.params["in_channels"] = ParamValue(1);
                        l.params["out_channels"] = ParamValue(1);
                    }
                }
                const auto e = runEngine(fw, from, l);
                QVERIFY2(e && e->out == to, (s.layer + " " + s.formula).c_str());
            }
        }
}

void TstSolver::notes()
{
    // 28 → 14 in Keras: 'same' with stride 2 pads 0/1 for even kernels… the odd pad after, which torch cannot do.
    const auto find = [](const teach::SolveResult &r, const std::string &layer, i64 k, i64 s,
                         const std::string &pad) -> const teach::Solution * {
        for (const auto &x : r.solutions)
            if (x.layer == layer && x.kernel == k && x.stride == s && x.paddingText() == pad && !x.ceilMode)
                return &x;
        return nullptr;
    };
    const teach::SolveResult keras = teach::solve(Framework::Keras, 28, 14);
    const teach::Solution *c3 = find(keras, "Conv2D", 3, 2, "same");
    QVERIFY(c3);
    QCOMPARE(c3->padBefore, 0);
    QCOMPARE(c3->padAfter, 1);
    QVERIFY2(c3->note.find("ZeroPad2d((0, 1, 0, 1))") != std::string::npos, c3->note.c_str());
    const teach::Solution *valid = find(keras, "Conv2D", 2, 2, "valid");
    QVERIFY(valid && valid->note.empty());
    // 7 → 4 max pooling 'same': torch needs padding=0 with ceil_mode=True.
    const teach::SolveResult keras7to4 = teach::solve(Framework::Keras, 7, 4);
    const teach::Solution *pool = find(keras7to4, "MaxPooling2D", 2, 2, "same");
    QVERIFY(pool);
    QVERIFY2(pool->note.find("ceil_mode=True") != std::string::npos, pool->note.c_str());
    QVERIFY2(pool->formula.find("strides=None") != std::string::npos, pool->formula.c_str());
    // torch 7 → 4 MaxPool2d(2, ceil_mode=True) is Keras' 'same' (0 top, 1 bottom); 5 → 3 with padding=1 and
    // ceil_mode=True is no solution of its own (the last window would start in the padding: floor's size).
    bool sameWindows = false;
    for (const auto &x : teach::solve(Framework::PyTorch, 7, 4).solutions)
        if (x.layer == "MaxPool2d" && x.kernel == 2 && x.stride == 2 && x.paddingAmount == 0 && x.ceilMode)
            sameWindows = x.note.find("padding='same') gives the same windows") != std::string::npos;
    QVERIFY(sameWindows);
    for (const auto &x : teach::solve(Framework::PyTorch, 5, 3).solutions)
        QVERIFY(!(x.layer == "MaxPool2d" && x.kernel == 2 && x.stride == 2 && x.dilation == 1 && x.paddingAmount == 1 &&
                  x.ceilMode));
    // torch 7 → 14 ConvTranspose2d(3, 2, padding=1, output_padding=1): Keras 'same' gives the size, shifted.
    bool shifted = false;
    for (const auto &x : teach::solve(Framework::PyTorch, 7, 14).solutions)
        if (x.layer == "ConvTranspose2d" && x.kernel == 3 && x.stride == 2 && x.paddingAmount == 1)
            shifted = x.note.find("shifted by one pixel") != std::string::npos;
    QVERIFY(shifted);
}

void TstSolver::refusesAbsurdBounds()
{
    teach::SolverBounds onlyPools;
    onlyPools.conv = onlyPools.transposed = false;
    for (const auto &x : teach::solve(Framework::PyTorch, 28, 14, onlyPools).solutions)
        QCOMPARE(x.kind, teach::SolveKind::MaxPool);
    teach::SolverBounds b;
    b.maxKernel = 1000;
    QVERIFY(!teach::solve(Framework::Keras, 28, 14, b).error.empty());
    QVERIFY(!teach::solve(Framework::Keras, 0, 14).error.empty());
}

QTEST_GUILESS_MAIN(TstSolver)
#include "tst_solver.moc"
