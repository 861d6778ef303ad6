// run_setup.cpp — weights and input for a forward pass, shared by the CLI and the app (see the header).
#include "setup/run_setup.h"

#include "formats/image_input.h"
#include "formats/keras_model.h"
#include "formats/model_file.h"
#include "formats/onnx_model.h"
#include "formats/weights_dir.h"

#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QPainter>

#include <type_traits>

namespace convlens {

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

std::string fileName(const std::string &path)
{
    return QFileInfo(qs(path)).fileName().toStdString();
}

std::string joinNames(const std::vector<std::string> &names, size_t max)
{
    std::string out;
    for (size_t i = 0; i < names.size() && i < max; ++i)
        out += (i ? ", " : "") + names[i];
    if (names.size() > max)
        out += ", …";
    return out;
}

// Spatial input size (h, w) of a rank-3 input in the framework layout.
std::pair<std::int64_t, std::int64_t> spatialSize(const Shape &s, Framework f)
{
    return f == Framework::Keras ? std::pair{s[0], s[1]} : std::pair{s[1], s[2]};
}

InputResult imageToInput(QImage img, const std::string &name, Framework f, const Shape &shape)
{
    const bool gray = img.isGrayscale();
    img = img.convertToFormat(gray ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
    const int ch = gray ? 1 : 3;
    std::vector<std::uint8_t> px(size_t(img.width()) * size_t(img.height()) * size_t(ch));
    for (int y = 0; y < img.height(); ++y)
        std::copy_n(img.constScanLine(y), size_t(img.width()) * size_t(ch), px.data() + size_t(y) * img.width() * ch);
    return pixelsToInput(px, img.width(), img.height(), ch, f, shape, name);
}

// MNIST digits are 28×28; LeNet-5 was trained on them with a 2-pixel black border (scripts/train/README.md). Padding
// keeps the digit's size and stroke width as the network learned them, where resizing would blow the digit up.
QImage padTo32(const QImage &img)
{
    QImage out(32, 32, img.isGrayscale() ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
    out.fill(Qt::black);
    QPainter p(&out);
    p.drawImage(2, 2, img);
    p.end();
    return out;
}

const char *kPadNote = "the 28×28 digit is padded by 2 black pixels to 32×32, as LeNet-5 was trained";

QImage pixelsToImage(const Pixels &p)
{
    if (p.width <= 0 || p.height <= 0 || (p.channels != 1 && p.channels != 3) ||
        p.data.size() != size_t(p.width) * size_t(p.height) * size_t(p.channels))
        return {};
    QImage img(p.width, p.height, p.channels == 1 ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
    for (int y = 0; y < p.height; ++y)
        std::copy_n(p.data.data() + size_t(y) * p.width * p.channels, size_t(p.width) * p.channels, img.scanLine(y));
    return img;
}

// One image-like input for a spatial model input: a file (image or .npy) or pixels.
InputResult imageInput(const InputChoice &c, const std::string &path, Framework f, const Shape &s,
                       std::vector<std::string> &notes)
{
    const auto [h, w] = spatialSize(s, f);
    const std::string name = c.label.empty() ? fileName(path) : c.label;
    if (c.kind == InputChoice::Kind::Pixels) {
        QImage img = pixelsToImage(c.pixels);
        if (img.isNull())
            return InputResult{std::nullopt, name + ": not a valid 8-bit gray or RGB pixel buffer", {}};
        if (img.width() == 28 && img.height() == 28 && h == 32 && w == 32) {
            img = padTo32(img);
            notes.push_back(kPadNote);
        }
        return imageToInput(img, name, f, s);
    }
    const bool npy = QFileInfo(qs(path)).suffix().compare(QStringLiteral("npy"), Qt::CaseInsensitive) == 0;
    if (!npy && h == 32 && w == 32 && QImageReader(qs(path)).size() == QSize(28, 28)) {
        const QImage img(qs(path));
        if (!img.isNull()) {
            notes.push_back(kPadNote);
            return imageToInput(padTo32(img), name, f, s);
        }
    }
    return loadInputFile(path, f, s);
}

} // namespace

// ------------------------------------------------------------------------------------------------ weights
namespace {

// Where the trained weights of a model file are: the folder a project names, else `<basename>.weights` beside it.
QString weightsFolderOf(const std::string &modelPath)
{
    const QFileInfo fi(qs(modelPath));
    const std::string named = projectWeightsFolder(modelPath);
    return fi.absoluteDir().filePath(named.empty() ? fi.completeBaseName() + QStringLiteral(".weights") : qs(named));
}

} // namespace

std::string weightsFolderBeside(const std::string &modelPath)
{
    if (modelPath.empty())
        return {};
    const QString dir = weightsFolderOf(modelPath);
    return QFileInfo(dir).isDir() ? dir.toStdString() : std::string();
}

std::string missingWeightsFolder(const std::string &modelPath)
{
    if (modelPath.empty() || projectWeightsFolder(modelPath).empty())
        return {};
    const QString dir = weightsFolderOf(modelPath);
    return QFileInfo(dir).isDir() ? std::string() : dir.toStdString();
}

// A Keras file's weights: a file that cannot be read is fatal (as an explicit folder: every array must load);
// arrays that do not fit the model (an edit changed a layer) are seeded, as for a folder beside the model.
TrainedWeights kerasTrained(KerasWeights w, const std::string &from)
{
    TrainedWeights t;
    t.dir = from;
    t.explicitFolder = !w.errors.empty();
    t.errors = std::move(w.errors);
    t.errors.insert(t.errors.end(), w.misfits.begin(), w.misfits.end());
    t.set = std::move(w.set);
    return t;
}

TrainedWeights loadTrainedWeights(const ShapeReport &report, const WeightsChoice &choice)
{
    TrainedWeights t;
    t.explicitFolder = !choice.explicitDir.empty();
    if (!t.explicitFolder && isOnnxFile(choice.modelPath)) { // an ONNX file carries its weights
        LoadOptions opts;
        for (const LayerReport &l : report.layers)
            if (l.op == Op::Input && l.output && !opts.inputShape)
                opts.inputShape = *l.output;
        OnnxWeights w = loadOnnxWeights(choice.modelPath, opts);
        t.dir = choice.modelPath;
        t.errors = std::move(w.errors);
        t.set = std::move(w.set);
        return t;
    }
    // Keras files: the weights a .h5 / .keras / tfjs model.json carries, or a Keras weights file (`--weights
    // x.weights.h5`, or `<model>.weights.h5` beside a model's JSON or code when there is no .weights/ folder).
    if (!t.explicitFolder && isKerasFile(choice.modelPath)) {
        KerasWeights w = loadKerasWeights(choice.modelPath, report);
        if (w.carriesWeights || !w.errors.empty())
            return kerasTrained(std::move(w), choice.modelPath);
    }
    std::string h5 = t.explicitFolder && QFileInfo(qs(choice.explicitDir)).isFile() ? choice.explicitDir : std::string();
    if (!t.explicitFolder && report.framework == Framework::Keras && weightsFolderBeside(choice.modelPath).empty())
        h5 = kerasWeightsBeside(choice.modelPath);
    if (!h5.empty()) {
        TrainedWeights k = kerasTrained(loadKerasWeightsFile(h5, choice.modelPath, report), h5);
        k.explicitFolder = k.explicitFolder || t.explicitFolder;
        return k;
    }
    t.dir = t.explicitFolder ? choice.explicitDir : weightsFolderBeside(choice.modelPath);
    if (t.dir.empty()) {
        if (!t.explicitFolder)
            t.missingDir = missingWeightsFolder(choice.modelPath);
        return t;
    }
    WeightsDirResult w = loadWeightsDir(t.dir, report);
    t.errors = std::move(w.errors);
    t.set = std::move(w.weights);
    return t;
}

WeightSet carriedWeights(const ShapeReport &report, const std::string &modelPath)
{
    WeightSet fitting;
    TrainedWeights t = loadTrainedWeights(report, WeightsChoice{modelPath, {}});
    if (t.dir.empty() || !QFileInfo(qs(t.dir)).isFile()) // none, or a weights folder
        return fitting;
    for (const LayerReport &l : report.layers)
        if (const auto it = t.set.layers.find(l.name);
            it != t.set.layers.end() && weightsFitLayer(it->second, l, report.framework))
            fitting.layers[l.name] = std::move(it->second);
    return fitting;
}

bool weightsFitLayer(const LayerWeights &w, const LayerReport &layer, Framework f)
{
    const std::vector<WeightSpec> specs = expectedWeights(layer, f);
    return !specs.empty() && specs.size() == w.size() && weightsMatch(&w, specs);
}

namespace {

// Copies (const TrainedWeights) or moves (TrainedWeights) the fitting arrays.
template <class Trained>
ResolvedWeights resolve(Trained &trained, const ShapeReport &report, std::uint64_t seed)
{
    ResolvedWeights r;
    for (const LayerReport &l : report.layers) {
        if (!l.ok() || expectedWeights(l, report.framework).empty())
            continue;
        const auto t = trained.set.layers.find(l.name);
        if (t != trained.set.layers.end() && weightsFitLayer(t->second, l, report.framework)) {
            if constexpr (std::is_const_v<Trained>)
                r.weights.layers[l.name] = t->second;
            else
                r.weights.layers[l.name] = std::move(t->second);
            r.trainedLayers.push_back(l.name);
        } else {
            r.weights.layers[l.name] = initialLayerWeights(l, report.framework, seed);
            r.seededLayers.push_back(l.name);
        }
    }
    return r;
}

} // namespace

ResolvedWeights resolveWeights(const TrainedWeights &trained, const ShapeReport &report, std::uint64_t seed)
{
    return resolve(trained, report, seed);
}

ResolvedWeights resolveWeights(TrainedWeights &&trained, const ShapeReport &report, std::uint64_t seed)
{
    return resolve(trained, report, seed);
}

std::string weightsNote(const TrainedWeights &trained, const ResolvedWeights &resolved, Framework f)
{
    const std::string init = f == Framework::Keras ? "glorot_uniform" : "kaiming_uniform";
    if (resolved.trainedLayers.empty()) {
        if (resolved.seededLayers.empty())
            return "the model has no weights";
        return "seeded " + init + " initial weights (" +
               (!trained.missingDir.empty() ? "the trained weights " + fileName(trained.missingDir) + " are missing"
                : trained.dir.empty()       ? std::string("no trained weights for this model")
                                            : "nothing in " + fileName(trained.dir) + " fits") +
               ")";
    }
    std::string note = "trained weights from " + fileName(trained.dir);
    if (!resolved.seededLayers.empty())
        note += " (" + std::to_string(resolved.seededLayers.size()) + " layer" +
                (resolved.seededLayers.size() == 1 ? "" : "s") + " seeded: " + joinNames(resolved.seededLayers, 4) +
                ")";
    return note;
}

// ------------------------------------------------------------------------------------------------ input
std::vector<std::string> sampleDigitPaths()
{
    // Bundled in convlens_core as ":/digits/<digit>_<n>.png" (core/CMakeLists.txt); the source folder otherwise.
    for (const QString &root : {QStringLiteral(":/digits"), QStringLiteral(CONVLENS_RESOURCES_DIR "/digits")}) {
        const QDir dir(root);
        const QStringList files = dir.entryList({QStringLiteral("*.png")}, QDir::Files, QDir::Name);
        if (!files.isEmpty()) {
            std::vector<std::string> out;
            for (const QString &f : files)
                out.push_back(dir.filePath(f).toStdString());
            return out;
        }
    }
    return {};
}

std::string firstSampleDigit()
{
    const auto all = sampleDigitPaths();
    return all.empty() ? std::string() : all.front();
}

PreparedInputs prepareInputs(const ShapeReport &report, const InputChoice &choice)
{
    PreparedInputs out;
    const Framework f = report.framework;
    std::vector<const LayerReport *> inputs;
    for (const LayerReport &l : report.layers)
        if (l.op == Op::Input && l.ok() && l.output)
            inputs.push_back(&l);

    using K = InputChoice::Kind;
    const std::string path = choice.kind == K::SampleDigit && choice.path.empty() ? firstSampleDigit() : choice.path;
    for (const LayerReport *l : inputs) {
        const Shape &s = *l->output;
        const bool image = inputs.size() == 1 && s.size() == 3;
        if (image && choice.kind != K::SeededRandom && (choice.kind == K::Pixels || !path.empty())) {
            std::vector<std::string> notes;
            InputResult res = imageInput(choice, path, f, s, notes);
            if (res.ok()) {
                if (choice.kind == K::SampleDigit)
                    out.notes.push_back("using the sample digit " + fileName(path));
                out.notes.insert(out.notes.end(), notes.begin(), notes.end());
                out.notes.insert(out.notes.end(), res.notes.begin(), res.notes.end());
                out.tensors.emplace(l->name, std::move(*res.tensor));
                continue;
            }
            if (choice.kind != K::SampleDigit) {
                out.error = res.error;
                return out;
            }
            out.notes.push_back("the sample digit does not fit '" + l->name + "' " + shapeToString(s, f));
        }
        if (choice.kind != K::SeededRandom)
            out.notes.push_back("'" + l->name + "' " + shapeToString(s, f) +
                                " takes no image: a seeded random input in [0, 1) is used");
        out.tensors.emplace(l->name, Tensor::fromFrameworkOrder(f, s, seededUniform(size_t(elementCount(s)), 1)));
    }
    return out;
}

} // namespace convlens
