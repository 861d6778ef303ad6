// code_export.cpp — Keras and PyTorch code writers (see the header). Both work on a graph already in the target
// framework's vocabulary, with its shape report: the parameters are written as the graph holds them (only what was
// given, catalogue order, required ones by position), the input shape from the report.
#include "export/code_export.h"

#include "model/translate.h"
#include "shape/infer.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>
#include <sstream>

namespace convlens {

namespace {

bool isPythonKeyword(const std::string &s)
{
    static const std::set<std::string> kw{"False", "None", "True", "and", "as", "assert", "async", "await", "break",
                                          "class", "continue", "def", "del", "elif", "else", "except", "finally",
                                          "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
                                          "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
                                          // names the generated code itself uses
                                          "keras", "layers", "torch", "nn", "model", "self", "OrderedDict"};
    return kw.count(s) != 0;
}

// A Python identifier close to `name`: other characters become '_', a leading digit gets a prefix.
std::string identifier(const std::string &name, const std::string &prefixForDigit = "layer_")
{
    std::string out;
    for (char c : name)
        out += std::isalnum(static_cast<unsigned char>(c)) || c == '_' ? c : '_';
    if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0])))
        out = prefixForDigit + out;
    if (isPythonKeyword(out))
        out += '_';
    return out;
}

// Unique names in the style of torch.fx and tf.keras: base, base_1, base_2, …
struct Namer {
    std::set<std::string> taken;
    std::string create(const std::string &base)
    {
        std::string n = base;
        for (int i = 1; taken.count(n); ++i)
            n = base + "_" + std::to_string(i);
        taken.insert(n);
        return n;
    }
};

// snake_case of a torch.nn class, the way torch names its functional twins: Conv2d → conv2d, MaxPool2d → max_pool2d,
// ReLU → relu, LeakyReLU → leaky_relu, BatchNorm2d → batch_norm2d.
std::string snakeCase(std::string cls)
{
    for (size_t p; (p = cls.find("ReLU")) != std::string::npos;)
        cls.replace(p, 4, "Relu");
    std::string out;
    for (size_t i = 0; i < cls.size(); ++i) {
        const char c = cls[i];
        if (std::isupper(static_cast<unsigned char>(c)) && i > 0 &&
            (std::islower(static_cast<unsigned char>(cls[i - 1])) ||
             (i + 1 < cls.size() && std::islower(static_cast<unsigned char>(cls[i + 1])))))
            out += '_';
        out += char(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

// Wraps `text` as '#' comment lines of at most ~110 columns, indented by `indent`.
std::string comment(const std::string &text, const std::string &indent)
{
    std::string out, line;
    std::istringstream words(text);
    for (std::string w; words >> w;) {
        if (!line.empty() && indent.size() + 2 + line.size() + 1 + w.size() > 110) {
            out += indent + "# " + line + "\n";
            line.clear();
        }
        line += (line.empty() ? "" : " ") + w;
    }
    if (!line.empty())
        out += indent + "# " + line + "\n";
    return out;
}

// The constructor arguments of a layer: the parameters it was given, in catalogue order; required ones by position
// while every earlier one is also given, the rest by keyword. Parameters ConvLens accepts and ignores (initialisers,
// regularisers, inplace, device) are not written: the graph does not keep what they said.
std::string constructorArgs(const Layer &l, const KindDef &k)
{
    std::vector<std::string> parts;
    bool positional = true;
    for (const ParamDef &d : k.params) {
        const auto it = l.params.find(d.name);
        // Ignored parameters change nothing here and are not written, except Normalization's mean and variance
        // (the only Ignored-typed parameters of an Arith kind): they are the layer's values.
        if (it == l.params.end() || (d.type == ParamType::Ignored && k.op != Op::Arith) || d.name == "data_format") {
            positional = false;
            continue;
        }
        if (positional && d.required && d.positional)
            parts.push_back(it->second.toPython());
        else {
            positional = false;
            parts.push_back(d.name + "=" + it->second.toPython());
        }
    }
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i)
        out += (i ? ", " : "") + parts[i];
    return out;
}

std::vector<std::string> modelOutputs(const Graph &g)
{
    if (!g.outputs.empty())
        return g.outputs;
    return {g.layers.back().name};
}

// Whether the graph is one chain: one input first, every other layer reading exactly the one before it, the last
// layer the only output.
bool isChain(const Graph &g)
{
    if (g.layers.empty() || !g.layers.front().inputs.empty())
        return false;
    for (size_t i = 1; i < g.layers.size(); ++i)
        if (g.layers[i].inputs != std::vector<std::string>{g.layers[i - 1].name})
            return false;
    return modelOutputs(g) == std::vector<std::string>{g.layers.back().name};
}

// How many layers (and model outputs) read each layer.
std::map<std::string, int> readerCounts(const Graph &g)
{
    std::map<std::string, int> n;
    for (const Layer &l : g.layers)
        for (const auto &i : l.inputs)
            ++n[i];
    for (const auto &o : modelOutputs(g))
        ++n[o];
    return n;
}

// Variable names for a forward pass written line by line: a layer whose only input is the layer just before it, read
// by nothing else, reuses that layer's variable (`x = layer(x)`, the idiom of both frameworks); any other layer gets
// `fresh(layer)`. Correct because the value overwritten is read by no one later.
// `keepInputs`: the model inputs' variables are read again at the end (keras.Model(inputs=…)), so never reused.
std::map<std::string, std::string> forwardVariables(const Graph &g, bool keepInputs,
                                                    const std::function<std::string(const Layer &)> &fresh)
{
    const auto readers = readerCounts(g);
    std::map<std::string, std::string> var;
    for (size_t i = 0; i < g.layers.size(); ++i) {
        const Layer &l = g.layers[i];
        if (i > 0 && l.inputs.size() == 1 && l.inputs[0] == g.layers[i - 1].name && readers.at(l.inputs[0]) == 1 &&
            !(keepInputs && g.layers[i - 1].inputs.empty()))
            var[l.name] = var.at(l.inputs[0]);
        else
            var[l.name] = fresh(l);
    }
    return var;
}

std::string header(const char *what, const std::string &source, const std::vector<std::string> &notes)
{
    std::string out = std::string("# ") + what + " exported by ConvLens" + (source.empty() ? "" : " from " + source) +
                      ".\n";
    for (const auto &n : notes)
        out += comment("Note: " + n, "");
    return out;
}

// ---------------------------------------------------------------- Keras

std::string writeKeras(const Graph &g, const ShapeReport &rep, const std::map<std::string, std::string> &why,
                       const std::string &source, const std::vector<std::string> &notes)
{
    // Names the importer (and tf.keras) would give anyway are not written.
    Graph unnamed = g;
    for (Layer &l : unnamed.layers)
        l.name.clear();
    assignDefaultNames(unnamed);
    const auto nameArg = [&](size_t i) -> std::string {
        const Layer &l = g.layers[i];
        if (l.name == unnamed.layers[i].name || (l.implicitInput && l.name == "input"))
            return {};
        return "name=" + ParamValue(l.name).toPython();
    };
    const auto layerCall = [&](size_t i) {
        const Layer &l = g.layers[i];
        const KindDef &k = *findKind(Framework::Keras, l.type);
        std::string args;
        if (k.op == Op::Input)
            args = "shape=" + shapeTuple(*rep.layers[i].output);
        else
            args = constructorArgs(l, k);
        const std::string name = nameArg(i);
        if (!name.empty())
            args += (args.empty() ? "" : ", ") + name;
        return (k.op == Op::Input ? std::string("keras.Input") : "layers." + k.className) + "(" + args + ")";
    };
    const auto note = [&](const Layer &l, const std::string &indent) {
        const auto it = why.find(l.name);
        return it == why.end() ? std::string() : comment(it->second, indent);
    };

    std::string out = header("Keras code", source, notes);
    out += "import keras\nfrom keras import layers\n\n";
    if (isChain(g)) {
        out += "model = keras.Sequential([\n";
        for (size_t i = 0; i < g.layers.size(); ++i)
            out += note(g.layers[i], "    ") + "    " + layerCall(i) + ",\n";
        out += "])\n";
        return out;
    }
    Namer names;
    names.taken.insert("x");
    const auto var = forwardVariables(g, true, [&](const Layer &l) {
        if (l.inputs.empty() && std::count_if(g.layers.begin(), g.layers.end(),
                                              [](const Layer &k) { return k.inputs.empty(); }) == 1)
            return names.create("inputs");
        return names.create(identifier(l.name));
    });
    std::vector<std::string> inputs;
    for (size_t i = 0; i < g.layers.size(); ++i) {
        const Layer &l = g.layers[i];
        out += note(l, "");
        if (l.inputs.empty()) {
            inputs.push_back(var.at(l.name));
            out += var.at(l.name) + " = " + layerCall(i) + "\n";
            continue;
        }
        std::string in;
        if (l.inputs.size() == 1) {
            in = var.at(l.inputs[0]);
        } else {
            in = "[";
            for (size_t j = 0; j < l.inputs.size(); ++j)
                in += (j ? ", " : "") + var.at(l.inputs[j]);
            in += "]";
        }
        out += var.at(l.name) + " = " + layerCall(i) + "(" + in + ")\n";
    }
    const auto list = [&](const std::vector<std::string> &vs, bool byVar) {
        if (vs.size() == 1)
            return byVar ? var.at(vs[0]) : vs[0];
        std::string s = "[";
        for (size_t j = 0; j < vs.size(); ++j)
            s += (j ? ", " : "") + (byVar ? var.at(vs[j]) : vs[j]);
        return s + "]";
    };
    out += "model = keras.Model(inputs=" + list(inputs, false) + ", outputs=" + list(modelOutputs(g), true) + ")\n";
    return out;
}

// ---------------------------------------------------------------- PyTorch

// nn.Module attributes a submodule must not shadow.
bool isModuleAttribute(const std::string &s)
{
    static const std::set<std::string> attrs{"forward", "training", "train", "eval", "to", "cuda", "cpu", "float",
                                             "double", "half", "type", "apply", "parameters", "buffers", "modules",
                                             "children", "state_dict", "add_module", "register_buffer",
                                             "zero_grad", "requires_grad_", "named_modules", "get_submodule"};
    return attrs.count(s) != 0;
}

std::string writeTorch(const Graph &g, const ShapeReport &rep, const std::map<std::string, std::string> &why,
                       const std::string &source, const std::vector<std::string> &notes)
{
    const auto kind = [](const Layer &l) -> const KindDef & { return *findKind(Framework::PyTorch, l.type); };
    const auto isFunction = [&](const Layer &l) { return l.type == "cat" || l.type == "add"; };
    const auto module = [&](const Layer &l) { return "nn." + kind(l).className + "(" + constructorArgs(l, kind(l)) + ")"; };
    const auto note = [&](const Layer &l, const std::string &indent) {
        const auto it = why.find(l.name);
        return it == why.end() ? std::string() : comment(it->second, indent);
    };

    std::string out = header("PyTorch code", source, notes);
    std::string inputs;
    for (size_t i = 0; i < g.layers.size(); ++i)
        if (g.layers[i].inputs.empty()) {
            Shape s = *rep.layers[i].output;
            s.insert(s.begin(), 1);
            std::string dims = shapeTuple(s);
            dims.replace(1, 1, "N");
            inputs += (inputs.empty() ? "" : ", ") + dims;
        }
    out += comment("Input: a batch of shape " + inputs + " (N, C, H, W).", "");

    // Modules: one per row, except that rows of one module called twice share it.
    std::set<std::string> shared, seenPath;
    for (const Layer &l : g.layers)
        if (!l.modulePath.empty() && !seenPath.insert(l.modulePath).second)
            shared.insert(l.modulePath);
    const bool indexNames = [&] {
        int n = 0;
        for (const Layer &l : g.layers)
            if (!l.inputs.empty() && l.name != std::to_string(n++))
                return false;
        return true;
    }();

    if (isChain(g) && shared.empty() &&
        std::none_of(g.layers.begin(), g.layers.end(), [&](const Layer &l) { return isFunction(l); })) {
        out += "import torch\nimport torch.nn as nn\n";
        if (!indexNames)
            out += "from collections import OrderedDict\n";
        out += "\nmodel = nn.Sequential(" + std::string(indexNames ? "\n" : "OrderedDict([\n");
        for (const Layer &l : g.layers) {
            if (l.inputs.empty())
                continue;
            out += note(l, "    ") + "    ";
            std::string key = l.name; // torch refuses '.' in a module name: a nested Sequential's "0.1" becomes "0_1"
            std::replace(key.begin(), key.end(), '.', '_');
            out += indexNames ? module(l) + ",\n" : "(" + ParamValue(key).toPython() + ", " + module(l) + "),\n";
        }
        out += indexNames ? ")\n" : "]))\n";
        return out;
    }

    // An nn.Module class: attributes named as the rows are (torch.fx names them back the same way), or after their
    // class (conv2d, conv2d_1, …) when the rows are numbered.
    Namer attrs;
    std::map<std::string, std::string> attrOf;        // layer → attribute
    std::map<std::string, std::string> attrOfPath;    // shared module path → attribute
    std::vector<std::pair<std::string, const Layer *>> declared;
    for (const Layer &l : g.layers) {
        if (l.inputs.empty() || isFunction(l))
            continue;
        if (!l.modulePath.empty() && shared.count(l.modulePath)) {
            if (const auto it = attrOfPath.find(l.modulePath); it != attrOfPath.end()) {
                attrOf[l.name] = it->second;
                continue;
            }
        }
        std::string base = indexNames ? snakeCase(l.type)
                                      : identifier(l.modulePath.empty() ? l.name : l.modulePath, "m");
        for (char &c : base)
            if (c == '.')
                c = '_';
        if (isModuleAttribute(base))
            base += '_';
        const std::string a = attrs.create(base);
        attrOf[l.name] = a;
        if (!l.modulePath.empty())
            attrOfPath[l.modulePath] = a;
        declared.emplace_back(a, &l);
    }
    std::string cls = "Net";
    if (!source.empty()) {
        std::string stem = source.substr(source.find_last_of("/\\") + 1);
        stem = stem.substr(0, stem.find('.'));
        std::string camel;
        bool up = true;
        for (char c : stem) {
            if (!std::isalnum(static_cast<unsigned char>(c))) {
                up = true;
                continue;
            }
            camel += up ? char(std::toupper(static_cast<unsigned char>(c))) : c;
            up = false;
        }
        if (!camel.empty() && !std::isdigit(static_cast<unsigned char>(camel[0])) && !isPythonKeyword(camel))
            cls = camel;
    }
    out += "import torch\nimport torch.nn as nn\n\n\nclass " + cls + "(nn.Module):\n";
    out += "    def __init__(self):\n        super().__init__()\n";
    for (const auto &[a, l] : declared)
        out += note(*l, "        ") + "        self." + a + " = " + module(*l) + "\n";

    Namer vars; // locals are named like the attributes they come from (conv1 = self.conv1(x))
    vars.taken.insert("x");
    const size_t inputCount = size_t(std::count_if(g.layers.begin(), g.layers.end(),
                                                   [](const Layer &l) { return l.inputs.empty(); }));
    const auto var = forwardVariables(g, false, [&](const Layer &l) {
        if (l.inputs.empty())
            return inputCount == 1 ? std::string("x") : vars.create(identifier(l.name, "x"));
        if (isFunction(l))
            return vars.create(l.type);
        return vars.create(attrOf.at(l.name));
    });
    std::string params;
    for (const Layer &l : g.layers)
        if (l.inputs.empty())
            params += ", " + var.at(l.name);
    out += "\n    def forward(self" + params + "):\n";
    for (const Layer &l : g.layers) {
        if (l.inputs.empty())
            continue;
        out += note(l, "        ") + "        " + var.at(l.name) + " = ";
        if (l.type == "cat") {
            out += "torch.cat([";
            for (size_t j = 0; j < l.inputs.size(); ++j)
                out += (j ? ", " : "") + var.at(l.inputs[j]);
            out += "], dim=" + l.param(kind(l), "dim").toPython() + ")\n";
        } else if (l.type == "add") {
            for (size_t j = 0; j < l.inputs.size(); ++j)
                out += (j ? " + " : "") + var.at(l.inputs[j]);
            out += "\n";
        } else {
            out += "self." + attrOf.at(l.name) + "(" + var.at(l.inputs[0]) + ")\n";
        }
    }
    std::string ret;
    for (const auto &o : modelOutputs(g))
        ret += (ret.empty() ? "" : ", ") + var.at(o);
    out += "        return " + ret + "\n\n\nmodel = " + cls + "()\n";
    return out;
}

// A shape in the other framework's layout: (H, W, C) ⇄ (C, H, W); other ranks are the same in both.
Shape otherLayout(const Shape &s, Framework to)
{
    if (s.size() != 3)
        return s;
    return to == Framework::PyTorch ? Shape{s[2], s[0], s[1]} : Shape{s[1], s[2], s[0]};
}

// PyTorch has no n-ary sum: `a + b + c` is two adds, which is also what importing the code gives. The graph the code
// stands for says so, so that it and the code agree row for row.
void splitAdds(Graph &g)
{
    std::set<std::string> names;
    for (const Layer &l : g.layers)
        names.insert(l.name);
    std::vector<Layer> out;
    for (Layer &l : g.layers) {
        if (l.type != "add" || l.inputs.size() <= 2) {
            out.push_back(std::move(l));
            continue;
        }
        std::string acc = l.inputs[0];
        for (size_t j = 1; j + 1 < l.inputs.size(); ++j) {
            Layer part = l;
            part.inputs = {acc, l.inputs[j]};
            std::string n = l.name + "_" + std::to_string(j);
            while (names.count(n))
                n += "_";
            names.insert(n);
            part.name = n;
            acc = n;
            out.push_back(std::move(part));
        }
        l.inputs = {acc, l.inputs.back()};
        out.push_back(std::move(l));
    }
    g.layers = std::move(out);
}

} // namespace

CodeExport exportCode(const Graph &graph, const ShapeReport &report, Framework to, const std::string &source)
{
    CodeExport result;
    if (!report.ok) {
        const LayerReport *bad =
            report.firstRefused >= 0 ? &report.layers[size_t(report.firstRefused)] : nullptr;
        result.error = bad ? "layer '" + bad->name + "' (" + bad->type + ") is refused: " + bad->error +
                                 " — the model must resolve before it can be exported"
                           : std::string("the model does not resolve; it must before it can be exported");
        return result;
    }
    if (graph.layers.empty()) {
        result.error = "the model has no layers";
        return result;
    }
    SemanticsSwitch sw = switchSemantics(graph, report, to);
    if (!sw.graph) {
        result.error = sw.error;
        return result;
    }
    Graph g = std::move(*sw.graph);
    if (to == Framework::PyTorch) {
        // torch.nn modules are CamelCase; lower-case kinds are tensor operations of forward() (x.view, x * y, x.mean):
        // the writer spells torch.cat and + and refuses the rest rather than write a module torch does not have.
        for (const Layer &l : g.layers)
            if (!l.type.empty() && std::islower(static_cast<unsigned char>(l.type[0])) && l.type != "cat" &&
                l.type != "add") {
                const auto it = sw.sourceOf.find(l.name);
                result.error = "'" + (it == sw.sourceOf.end() ? l.name : it->second) + "' (" + l.type +
                               ") is a tensor operation in forward() that the PyTorch code export does not write yet";
                return result;
            }
        splitAdds(g);
    } else {
        // The Keras writer gives every row a layer of its own: a layer or model called twice (rows sharing a module
        // path and weights) would come back with its weights twice. Refuse rather than write a different model.
        std::map<std::string, const Layer *> byPath;
        for (size_t i = 0; i < g.layers.size(); ++i) {
            const Layer &l = g.layers[i];
            const auto src = sw.sourceOf.find(l.name);
            const int r = report.indexOf(src == sw.sourceOf.end() ? l.name : src->second);
            if (l.modulePath.empty() || r < 0 || report.layers[size_t(r)].params == 0)
                continue;
            if (const auto [it, fresh] = byPath.emplace(l.modulePath, &l); !fresh) {
                const auto a = sw.sourceOf.find(it->second->name), b = sw.sourceOf.find(l.name);
                result.error = "'" + (b == sw.sourceOf.end() ? l.name : b->second) + "' (" + l.type +
                               ") shares its weights with '" +
                               (a == sw.sourceOf.end() ? it->second->name : a->second) +
                               "' (one layer or model called twice), which the Keras code export does not write yet";
                return result;
            }
        }
        // Keras layers are CamelCase; lower-case kinds (reduce_mean, depth_to_space) are backend operations read
        // from a Lambda, which the writer does not rebuild: refuse rather than write layers.<op>(…).
        // ReflectionPadding2D is the kind tf.pad(mode="REFLECT") in a custom layer is read into; keras.layers has no
        // such class, so `layers.ReflectionPadding2D(…)` would not run.
        for (const Layer &l : g.layers)
            if (!l.type.empty() && (std::islower(static_cast<unsigned char>(l.type[0])) ||
                                    l.type == "ReflectionPadding2D")) {
                const auto it = sw.sourceOf.find(l.name);
                result.error = "'" + (it == sw.sourceOf.end() ? l.name : it->second) + "' (" + l.type + ") is " +
                               (l.type == "ReflectionPadding2D"
                                    ? std::string("tf.pad(mode=\"REFLECT\") in a custom layer, and keras.layers has "
                                                  "no ReflectionPadding2D: the Keras code export does not write it yet")
                                    : std::string("a backend operation inside a Lambda that the Keras code export "
                                                  "does not write yet"));
                return result;
            }
    }
    const ShapeReport rep = infer(g);
    // The rewritten model must resolve and keep every layer's shape; where it does not, the code would build a
    // different model: refuse, naming the layer the user wrote.
    const std::string target = to == Framework::Keras ? "Keras" : "PyTorch";
    const auto sourceLayer = [&](const std::string &newName) -> const LayerReport * {
        const auto it = sw.sourceOf.find(newName);
        const int i = report.indexOf(it == sw.sourceOf.end() ? newName : it->second);
        return i < 0 ? nullptr : &report.layers[size_t(i)];
    };
    if (!rep.ok) {
        const LayerReport &bad = rep.layers[size_t(std::max(rep.firstRefused, 0))];
        const LayerReport *src = sourceLayer(bad.name);
        result.error = (src ? "'" + src->name + "' (" + src->type + ")" : "'" + bad.name + "' (" + bad.type + ")") +
                       " cannot be written in " + target + " code: " + bad.error;
        return result;
    }
    if (graph.framework != to)
        for (const LayerReport &src : report.layers) {
            const auto tail = sw.tailOf.find(src.name);
            const int i = tail == sw.tailOf.end() ? -1 : rep.indexOf(tail->second);
            if (i < 0 || !src.output)
                continue;
            const Shape want = otherLayout(*src.output, to), &got = *rep.layers[size_t(i)].output;
            if (got != want) {
                result.error = "'" + src.name + "' (" + src.type + ") cannot be written in " + target +
                               " code: the rewritten layer gives " + shapeToString(got, to) + " instead of " +
                               shapeToString(want, to);
                return result;
            }
        }
    for (size_t i = 0; i < g.layers.size(); ++i)
        if (g.layers[i].inputs.empty() && result.inputShape.empty())
            result.inputShape = *rep.layers[i].output;
    result.notes = sw.notes;
    result.code = to == Framework::Keras ? writeKeras(g, rep, sw.layerNotes, source, sw.notes)
                                         : writeTorch(g, rep, sw.layerNotes, source, sw.notes);
    result.graph = std::move(g);
    return result;
}

} // namespace convlens
