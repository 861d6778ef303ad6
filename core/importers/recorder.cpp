// recorder.cpp — the machinery both importers share: running the evaluator with the recorder as its host, turning
// call arguments into layer parameters checked against the catalogue, layer names and messages, and calling a
// builder function the code defines but never calls.
#include "importers/recorder.h"

#include "model/text.h"
#include "python/parser.h"

#include <QFile>

#include <algorithm>

namespace convlens::importers {

using py::Kind;

namespace {

std::string lineRef(int line)
{
    return line > 0 ? " " + tx(QT_TRANSLATE_NOOP("convlens::core", "(line %1)"), {std::to_string(line)})
                    : std::string();
}

std::string toLower(std::string s)
{
    for (char &c : s)
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    return s;
}

std::string kerasOneHint(const std::string &kw)
{
    static const std::map<std::string, std::string> renamed{
        {"border_mode", "padding"},     {"subsample", "strides"},       {"nb_filter", "filters"},
        {"init", "kernel_initializer"}, {"output_dim", "units"},        {"dim_ordering", "data_format"},
        {"W_regularizer", "kernel_regularizer"}, {"b_regularizer", "bias_regularizer"}, {"bias", "use_bias"},
        {"atrous_rate", "dilation_rate"}, {"p", "rate"}};
    auto it = renamed.find(kw);
    if (it == renamed.end())
        return {};
    return " " + tx(QT_TRANSLATE_NOOP("convlens::core", "(Keras 1 spelling; tf.keras calls it %1=)"), {it->second});
}

// Parameter values are small (a kernel size, a shape); a bigger one is a mistake, not a model.
constexpr std::size_t kMaxParamElements = 10'000;

} // namespace

bool underModule(const std::vector<std::string> &segs, const std::set<std::string> &modules)
{
    for (size_t i = 0; i + 1 < segs.size(); ++i)
        if (modules.count(segs[i]))
            return true;
    return false;
}

Recorder::Recorder(Framework f, std::string fileName, const LoadOptions &opts)
    : framework_(f), file_(std::move(fileName)), opts_(opts)
{
}

Recorder::~Recorder() = default;

LoadResult Recorder::run(const py::Module &module)
{
    LoadResult result;
    std::vector<std::string> notes;
    try {
        py::Evaluator ev(*this);
        ev_ = &ev;
        try {
            ev.run(module);
            importDefaultBodies();
            Graph g = assemble();
            notes = ev.notes();
            g.notes = notes;
            result.graph = std::move(g);
        } catch (const py::Failure &f) {
            notes = ev.notes();
            result.error = LoadError{file_, f.line, f.column, f.message};
        } catch (const py::HeapExhausted &) {
            notes = ev.notes();
            result.error =
                LoadError{file_, 0, 0, tx(QT_TRANSLATE_NOOP("convlens::core", "the code uses too much memory"))};
        }
        ev_ = nullptr;
    } catch (const std::bad_alloc &) {
        result.graph.reset();
        result.error =
            LoadError{file_, 0, 0, tx(QT_TRANSLATE_NOOP("convlens::core", "out of memory while reading the code"))};
    }
    result.notes = std::move(notes);
    return result;
}

void Recorder::fail(int line, int column, std::string message) const
{
    throw py::Failure{line, column, std::move(message)};
}

void Recorder::note(int line, std::string text)
{
    ev_->note(line, std::move(text));
}

Value Recorder::opaque(const std::string &why, int line)
{
    return ev_->unknown(why, line);
}

std::string Recorder::whyNotValue(const Value &v) const
{
    return ev_->whyNotValue(v);
}

std::string Recorder::lastSegment(const std::string &path)
{
    const auto dot = path.rfind('.');
    return dot == std::string::npos ? path : path.substr(dot + 1);
}

std::vector<std::string> Recorder::segments(const std::string &path)
{
    std::vector<std::string> out;
    size_t start = 0;
    while (true) {
        const auto dot = path.find('.', start);
        out.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (dot == std::string::npos)
            break;
        start = dot + 1;
    }
    return out;
}

bool Recorder::hasTensor(const CallArgs &args) const
{
    for (const auto &a : args.positional)
        if (isTensor(a.value))
            return true;
    for (const auto &k : args.keywords)
        if (isTensor(k.second.value))
            return true;
    return false;
}

Value Recorder::opaqueCall(const CallArgs &args, const Expr &call, const std::string &frameworkHint)
{
    if (hasTensor(args))
        return opaque(tx(QT_TRANSLATE_NOOP("convlens::core",
                                           "%1%2 is applied to a tensor, but it is not a layer ConvLens knows%3"),
                         {py::shortText(call), lineRef(call.line), frameworkHint}),
                      call.line);
    return opaque(tx(QT_TRANSLATE_NOOP("convlens::core", "%1%2 is not evaluated by ConvLens"),
                     {py::shortText(call), lineRef(call.line)}),
                  call.line);
}

Value Recorder::callUnevaluated(py::Evaluator &, const Value &callee, CallArgs &args, const Expr &call)
{
    if (hasTensor(args))
        return opaqueCall(args, call, "");
    if (callee.is(Kind::Unknown))
        return callee;
    return opaqueCall(args, call, "");
}

// ------------------------------------------------------------------------------------------------- layers

std::optional<ParamValue> Recorder::toParam(const Value &v0, const ParamDef *def, std::string *why) const
{
    std::size_t budget = kMaxParamElements;
    const std::function<std::optional<ParamValue>(const Value &, int)> convert =
        [&](const Value &in, int depth) -> std::optional<ParamValue> {
        const Value v = ev_->plain(in);
        switch (v.kind()) {
        case Kind::None: return ParamValue{};
        case Kind::Bool: return ParamValue(v.asBool());
        case Kind::Int: return ParamValue(v.asInt());
        case Kind::Float: return ParamValue(v.asFloat());
        case Kind::Str: return ParamValue(v.str());
        case Kind::Tuple:
        case Kind::List: {
            if (depth > py::kMaxNesting || v.items().size() > budget) {
                *why = tx(QT_TRANSLATE_NOOP("convlens::core", "the value is too large"));
                return std::nullopt;
            }
            budget -= v.items().size();
            ParamList out;
            for (const auto &e : v.items()) {
                auto p = convert(e, depth + 1);
                if (!p)
                    return std::nullopt;
                out.push_back(std::move(*p));
            }
            return ParamValue(std::move(out));
        }
        case Kind::Symbol:
            // activation=tf.nn.relu, activation=keras.activations.relu, activation=relu (imported function)
            if (depth == 0 && def && (def->type == ParamType::Choice || def->type == ParamType::OptChoice)) {
                const std::string last = lastSegment(v.str());
                if (std::find(def->choices.begin(), def->choices.end(), last) != def->choices.end())
                    return ParamValue(last);
            }
            [[fallthrough]];
        default: *why = ev_->whyNotValue(v); return std::nullopt;
        }
    };
    return convert(v0, 0);
}

int Recorder::newLayer(LayerObj obj)
{
    obj.session = session_;
    if (layers_.size() >= kMaxLayers)
        fail(obj.line, obj.column,
             tx(QT_TRANSLATE_NOOP("convlens::core", "too many layers (more than %1)"), {std::to_string(kMaxLayers)}));
    layers_.push_back(std::move(obj));
    ++buildEvents_;
    return int(layers_.size() - 1);
}

int Recorder::newModel(ModelObj m)
{
    m.session = session_;
    if (models_.size() >= kMaxLayers)
        fail(m.line, m.column, tx(QT_TRANSLATE_NOOP("convlens::core", "too many models")));
    models_.push_back(std::move(m));
    ++buildEvents_;
    return int(models_.size() - 1);
}

int Recorder::constructLayer(const KindDef &kind, const std::string &written, const CallArgs &args, const Expr &call,
                             std::size_t skipPositional, const SpecialKeyword &special)
{
    LayerObj obj;
    obj.kind = &kind;
    obj.written = written;
    obj.line = call.line;
    obj.column = call.column;
    const std::string cls = written + "()";
    if (!args.unresolved.empty())
        fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1(...): cannot expand %2"), {written, args.unresolved}));
    std::vector<const ParamDef *> positional;
    for (const auto &p : kind.params)
        if (p.positional)
            positional.push_back(&p);
    std::map<std::string, const Arg *> given;
    const size_t npos = args.positional.size() > skipPositional ? args.positional.size() - skipPositional : 0;
    if (npos > positional.size()) {
        std::string names;
        for (const auto *p : positional)
            names += (names.empty() ? "" : ", ") + p->name;
        fail(call, positional.size() == 1
                       ? tx(QT_TRANSLATE_NOOP("convlens::core", "%1 takes at most %2 positional argument%3, got %4"),
                            {cls, std::to_string(positional.size()), names.empty() ? "" : " (" + names + ")",
                             std::to_string(npos)})
                       : tx(QT_TRANSLATE_NOOP("convlens::core", "%1 takes at most %2 positional arguments%3, got %4"),
                            {cls, std::to_string(positional.size()), names.empty() ? "" : " (" + names + ")",
                             std::to_string(npos)}));
    }
    for (size_t i = 0; i < npos; ++i)
        given[positional[i]->name] = &args.positional[skipPositional + i];
    for (const auto &[kw, arg] : args.keywords) {
        if (special && special(kw, arg, obj))
            continue;
        const ParamDef *d = findParam(kind, kw);
        if (!d)
            fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1 got an unexpected keyword argument '%2'%3"),
                          {cls, kw, framework_ == Framework::Keras ? kerasOneHint(kw) : std::string()}));
        if (given.count(kw))
            fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1 got multiple values for argument '%2'"), {cls, kw}));
        given[kw] = &arg;
    }
    for (const auto &p : kind.params)
        if (p.required && !given.count(p.name))
            fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1 missing required argument '%2'"), {cls, p.name}));
    for (const auto &p : kind.params) {
        auto it = given.find(p.name);
        if (it == given.end())
            continue;
        const Arg &arg = *it->second;
        std::string why;
        auto value = toParam(arg.value, &p, &why);
        if (p.type == ParamType::Ignored) { // kept when it is a plain value, for the record
            if (value)
                obj.params[p.name] = std::move(*value);
            continue;
        }
        if (!value)
            fail(call, written + "(" + p.name + "=" + (arg.expr ? py::shortText(*arg.expr) : std::string("…")) +
                           "): " + why);
        const std::string err = checkParamType(p, *value);
        if (!err.empty())
            fail(call, written + "(" + p.name + "=" + value->toPython() + "): " + err);
        obj.params[p.name] = std::move(*value);
    }
    return newLayer(std::move(obj));
}

std::string Recorder::describeLayer(int id) const
{
    const LayerObj &o = layers_[size_t(id)];
    if (!o.name.empty())
        return "'" + o.name + "'" + lineRef(o.line);
    return o.written + "(...)" + lineRef(o.line);
}

std::string Recorder::unknownLayerMessage(const std::string &cls, int line) const
{
    std::string known;
    std::string suggestion;
    const std::string lower = toLower(cls);
    for (const auto &n : kindNames(framework_)) {
        const KindDef *k = findKind(framework_, n);
        if (k->op == Op::Input || (framework_ == Framework::PyTorch && (n == "cat" || n == "add")))
            continue;
        known += (known.empty() ? "" : ", ") + n;
        if (toLower(n) == lower)
            suggestion = n;
    }
    if (!suggestion.empty())
        return tx(QT_TRANSLATE_NOOP("convlens::core", "unknown layer '%1'%2; did you mean %3?; ConvLens knows: %4"),
                  {cls, lineRef(line), suggestion, known});
    const Framework other = framework_ == Framework::Keras ? Framework::PyTorch : Framework::Keras;
    if (findKind(other, cls))
        return tx(
            QT_TRANSLATE_NOOP("convlens::core",
                              "unknown layer '%1'%2 (that is a %3 name; is the framework right?); ConvLens knows: %4"),
            {cls, lineRef(line), other == Framework::Keras ? "Keras" : "PyTorch", known});
    return tx(QT_TRANSLATE_NOOP("convlens::core", "unknown layer '%1'%2; ConvLens knows: %3"),
              {cls, lineRef(line), known});
}

std::vector<std::string> Recorder::kerasDefaultNames() const
{
    // tf.keras 2 keeps one counter per base name (conv2d, conv2d_1, …; inputs input_1, input_2, …), taken when the
    // layer is constructed; keras.backend.clear_session() restarts them. An explicit name takes no number.
    std::vector<std::string> names(layers_.size());
    std::map<std::string, int> counters;
    std::set<std::string> taken;
    int session = -1;
    for (size_t i = 0; i < layers_.size(); ++i) {
        const LayerObj &o = layers_[i];
        if (o.session != session) {
            session = o.session;
            counters.clear();
            taken.clear();
            for (size_t j = i; j < layers_.size() && layers_[j].session == session; ++j)
                if (!layers_[j].name.empty())
                    taken.insert(layers_[j].name);
        }
        if (o.cloneOf >= 0)
            continue; // named after the layer it copies, below: a copy takes no number
        if (!o.name.empty()) {
            names[i] = o.name;
            continue;
        }
        const bool input = o.kind->op == Op::Input;
        if (input && o.implicitInput) {
            names[i] = "input";
            continue;
        }
        const std::string &base = o.autoName.empty() ? o.kind->autoName : o.autoName;
        std::string name;
        do {
            int &c = counters[base];
            if (input)
                name = base + "_" + std::to_string(++c);
            else
                name = c == 0 ? base : base + "_" + std::to_string(c), ++c;
        } while (taken.count(name));
        taken.insert(name);
        names[i] = name;
    }
    // Copies of one layer (a nested model called twice, a shared layer): the first has the layer's name, the later
    // ones "name@2", "name@3" (one graph node per call; the summary shows them as one row, as Keras does).
    std::map<int, int> copies;
    for (size_t i = 0; i < layers_.size(); ++i)
        if (const int of = layers_[i].cloneOf; of >= 0) {
            const int k = ++copies[of];
            // a model's own layers are not in the model that calls it; a layer called again is
            const bool originalUsed = !layers_[i].viaModel;
            names[i] = k == 1 && !originalUsed ? names[size_t(of)]
                                               : names[size_t(of)] + "@" + std::to_string(originalUsed ? k + 1 : k);
        }
    return names;
}

std::vector<std::string> Recorder::kerasModelNames() const
{
    // The same counters as layers (tf.keras' backend.unique_object_name), but "sequential" and "model" are no layer's
    // base name, so only explicit names and sessions matter.
    std::vector<std::string> names(models_.size());
    std::map<std::string, int> counters;
    std::set<std::string> taken;
    int session = -1;
    for (size_t i = 0; i < models_.size(); ++i) {
        const ModelObj &m = models_[i];
        if (m.session != session) {
            session = m.session;
            counters.clear();
            taken.clear();
            for (const auto &o : layers_)
                if (o.session == session && !o.name.empty())
                    taken.insert(o.name);
            for (const auto &x : models_)
                if (x.session == session && !x.name.empty())
                    taken.insert(x.name);
        }
        if (!m.name.empty()) {
            names[i] = m.name;
            continue;
        }
        const std::string base = m.kind == ModelObj::Kind::KerasSequential ? "sequential" : "model";
        std::string name;
        do {
            int &c = counters[base];
            name = c == 0 ? base : base + "_" + std::to_string(c);
            ++c;
        } while (taken.count(name));
        taken.insert(name);
        names[i] = name;
    }
    return names;
}



Graph Recorder::finishGraph(Graph g) const
{
    const auto errors = validateAndOrder(g);
    if (!errors.empty())
        fail(errors.front().line, 0, errors.front().message);
    return g;
}

std::optional<Value> Recorder::evaluateCall()
{
    if (!opts_.call)
        return std::nullopt;
    py::SyntaxError syntax;
    callExpr_ = py::parseExpression(*opts_.call, &syntax);
    if (!callExpr_)
        fail(0, 0,
             tx(QT_TRANSLATE_NOOP("convlens::core", "--call \"%1\": syntax error: %2"), {*opts_.call, syntax.message}));
    return ev_->evaluate(*callExpr_);
}

bool Recorder::mentions(const py::Block &b, const std::string &name)
{
    std::function<bool(const Expr &)> inExpr = [&](const Expr &e) {
        if ((e.kind == py::ExprKind::Name || e.kind == py::ExprKind::Attribute) && e.text == name)
            return true;
        for (const auto &c : e.children)
            if (c && inExpr(*c))
                return true;
        for (const auto &a : e.args)
            if (a.value && inExpr(*a.value))
                return true;
        return false;
    };
    std::function<bool(const py::Block &)> inBlock = [&](const py::Block &blk) {
        for (const auto &s : blk) {
            if (s->value && inExpr(*s->value))
                return true;
            for (const auto &t : s->targets)
                if (t && inExpr(*t))
                    return true;
            for (const auto &p : s->params)
                if (p.defaultValue && inExpr(*p.defaultValue))
                    return true;
            for (const auto &br : s->branches)
                if (inExpr(*br.first) || inBlock(br.second))
                    return true;
            for (const auto &it : s->items)
                if (it && inExpr(*it))
                    return true;
            if (inBlock(s->body) || inBlock(s->orelse) || inBlock(s->finalbody))
                return true;
            for (const auto &h : s->handlers)
                if (inBlock(h))
                    return true;
        }
        return false;
    };
    return inBlock(b);
}

std::vector<Recorder::Builder> Recorder::uncalledBuilders() const
{
    std::vector<Builder> out;
    std::vector<const py::FunctionObject *> fns;
    for (const py::FunctionObject *fn : ev_->functions())
        if (fn->def && fn->calls == 0 && !fn->library && !py::Evaluator::requiredParams(*fn).empty() &&
            (fn->topLevel || (fn->owner && fn->owner->def)))
            fns.push_back(fn);
    for (const py::FunctionObject *fn : fns) {
        // a helper that another uncalled function uses is part of that builder, not one of its own
        const bool helper = std::any_of(fns.begin(), fns.end(), [&](const py::FunctionObject *other) {
            return other != fn && mentions(other->def->body, fn->name);
        });
        if (helper)
            continue;
        bool isStatic = false, isClassMethod = false;
        for (const auto &d : fn->def->decorators) {
            isStatic = isStatic || py::shortText(*d) == "staticmethod";
            isClassMethod = isClassMethod || py::shortText(*d) == "classmethod";
        }
        const bool method = !fn->topLevel;
        Builder b;
        b.callee = !method ? fn->name
                   : (isStatic || isClassMethod ? fn->owner->name : fn->owner->name + "()") + "." + fn->name;
        std::string sig;
        bool first = true;
        for (const auto &p : fn->def->params) {
            const bool receiver = method && !isStatic && first;
            first = false;
            if (receiver || p.kind != py::Param::Kind::Normal || p.defaultValue)
                continue;
            sig += (sig.empty() ? "" : ", ") + p.name;
            ++b.params;
        }
        b.text = b.callee + "(" + sig + ")";
        b.line = fn->def->line;
        b.column = fn->def->column;
        out.push_back(std::move(b));
    }
    return out;
}

void Recorder::failNoModel(const std::string &expected)
{
    const auto builders = uncalledBuilders();
    if (builders.empty())
        fail(0, 0, expected);
    std::string list;
    for (const auto &b : builders)
        list += (list.empty() ? "" : ", ") + b.text + lineRef(b.line);
    const Builder &last = builders.back(); // the builder is usually the last function; its example
    std::string dots;
    for (int i = 0; i < last.params; ++i)
        dots += i ? ", …" : "…";
    const std::string example = last.callee + "(" + dots + ")";
    fail(
        last.line, last.column,
        builders.size() == 1
            ? tx(QT_TRANSLATE_NOOP("convlens::core", "the code builds no model, but defines a builder that nothing "
                                                     "calls: %1; say which to build and with what, e.g. --call \"%2\""),
                 {list, example})
            : tx(QT_TRANSLATE_NOOP("convlens::core", "the code builds no model, but defines builders that nothing "
                                                     "calls: %1; say which to build and with what, e.g. --call \"%2\""),
                 {list, example}));
}

Value Recorder::callApplication(const std::string &file, const std::string &function, CallArgs &args,
                                const Expr &call)
{
    auto it = applications_.find(file);
    if (it == applications_.end()) {
        QFile f(QStringLiteral(":/applications/") + QString::fromStdString(file));
        if (!f.open(QIODevice::ReadOnly))
            fail(call, tx(QT_TRANSLATE_NOOP("convlens::core",
                                            "ConvLens has no definition of %1 (%2 is missing from the build)"),
                          {function, file}));
        const QByteArray text = f.readAll();
        auto module = std::make_unique<py::Module>(py::parseModule(std::string_view(text.constData(), size_t(text.size()))));
        if (module->error) // the project's own file: a build problem, not the user's
            fail(call, "resources/applications/" + file + ":" + std::to_string(module->error->line) +
                           ": syntax error: " + module->error->message);
        py::Scope *scope = ev_->runLibrary(*module);
        it = applications_.emplace(file, std::make_pair(std::move(module), scope)).first;
    }
    auto fn = it->second.second->vars.find(function);
    if (fn == it->second.second->vars.end())
        fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "ConvLens' definitions in %1 have no %2"), {file, function}));
    return ev_->call(fn->second, args, call);
}

// A `def` that builds the model but that nothing calls, with defaults for every parameter: the tutorials' `def
// unet(pretrained_weights=None, input_size=(256, 256, 1))`. Called as the user would, when nothing else was built.
void Recorder::importDefaultBodies()
{
    if (opts_.call)
        return; // the code's builder is what --call names
    const auto built = [&] {
        if (!models_.empty())
            return true;
        return std::any_of(layers_.begin(), layers_.end(), [](const LayerObj &l) { return l.owner != -2; });
    };
    if (built())
        return;
    // The builder is usually the last function and calls the helpers above it: try from the end, stop once a
    // model exists.
    const auto &fns = ev_->functions();
    for (size_t k = fns.size(); k-- > 0;) {
        py::FunctionObject *fn = fns[k];
        if (!fn->topLevel || fn->calls > 0 || !fn->def || fn->library)
            continue;
        if (!py::Evaluator::requiredParams(*fn).empty())
            continue;
        note(fn->def->line,
             tx(QT_TRANSLATE_NOOP(
                    "convlens::core",
                    "imported the body of %1() with its default arguments (the code defines it but does not call it)"),
                {fn->def->name}));
        auto site = std::make_unique<Expr>(); // `name()`, as the user would call it
        site->kind = py::ExprKind::Call;
        site->line = fn->def->line;
        site->column = fn->def->column;
        auto callee = std::make_unique<Expr>();
        callee->kind = py::ExprKind::Name;
        callee->text = fn->def->name;
        callee->line = site->line;
        callee->column = site->column;
        site->children.push_back(std::move(callee));
        CallArgs none;
        ev_->call(Value(static_cast<py::Object *>(fn)), none, *site);
        syntheticSites_.push_back(std::move(site));
        if (built())
            return;
    }
}

} // namespace convlens::importers
