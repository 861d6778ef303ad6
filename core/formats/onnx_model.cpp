// onnx_model.cpp — the ONNX reader: protobuf parsing with limits, initializers (inline or external) checked against
// their declared sizes before anything is allocated, constant folding of the small integer subgraphs exporters
// write (shapes, pads, sizes), and one PyTorch row per ONNX node. Why PyTorch rows: ONNX is NCHW with explicit
// per-side pads and torch's window rules (ceil_mode, count_include_pad), which are PyTorch's kinds; what those kinds
// cannot say (asymmetric pads) becomes a ZeroPad2d row in front, or a refusal that says why.
#include "formats/onnx_model.h"

#include "model/text.h"
#include "shape/infer.h"
#include "shape/resize.h"

#include <onnx/onnx_pb.h>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <limits>
#include <map>
#include <numbers>
#include <optional>
#include <type_traits>
#include <set>
#include <unistd.h>
#include <unordered_map>

namespace convlens {

namespace {

constexpr std::int64_t kMinOpset = 9, kMaxOpset = 18;
constexpr std::int64_t kMaxFoldElements = std::int64_t(1) << 16; // constant subgraphs are shapes and pads
constexpr std::int64_t kMaxTensorElements = std::int64_t(1) << 31;

// A small folded constant (shapes, pads, scales): values as doubles, which hold every int64 a shape has.
struct Const {
    std::vector<std::int64_t> dims;
    std::vector<double> v;
    bool integer = false;
    std::int64_t count() const { return std::int64_t(v.size()); }
};

struct Value {
    std::string layer;                       // the row computing it; empty for a constant
    std::optional<Const> constant;           // a folded constant
    const onnx::TensorProto *init = nullptr; // an initializer, decoded when needed
    std::string unresolved;                  // why nothing computes it (a node that was neither folded nor a row)
};

struct Fail { std::string message; };   // the file cannot be read
struct Refuse { std::string message; }; // this node becomes a refused row

std::string joinInts(const std::vector<std::int64_t> &v)
{
    std::string s = "[";
    for (size_t i = 0; i < v.size(); ++i)
        s += (i ? ", " : "") + std::to_string(v[i]);
    return s + "]";
}

std::int64_t checkedCount(const google::protobuf::RepeatedField<std::int64_t> &dims, const std::string &what)
{
    std::int64_t n = 1;
    for (std::int64_t d : dims) {
        if (d < 0)
            throw Fail{what + " has a negative dimension (" + std::to_string(d) + ")"};
        if (d != 0 && n > kMaxTensorElements / d)
            throw Fail{what + " claims more than 2^31 elements"};
        n *= d;
    }
    return n;
}

int elementSize(int type)
{
    switch (type) {
    case onnx::TensorProto::FLOAT: case onnx::TensorProto::INT32: case onnx::TensorProto::UINT32: return 4;
    case onnx::TensorProto::DOUBLE: case onnx::TensorProto::INT64: case onnx::TensorProto::UINT64: return 8;
    case onnx::TensorProto::INT8: case onnx::TensorProto::UINT8: case onnx::TensorProto::BOOL: return 1;
    case onnx::TensorProto::INT16: case onnx::TensorProto::UINT16: case onnx::TensorProto::FLOAT16: return 2;
    default: return 0;
    }
}

bool isIntegerType(int type)
{
    return type != onnx::TensorProto::FLOAT && type != onnx::TensorProto::DOUBLE &&
           type != onnx::TensorProto::FLOAT16;
}

float halfToFloat(std::uint16_t h)
{
    const std::uint32_t sign = std::uint32_t(h & 0x8000) << 16;
    std::uint32_t exp = (h >> 10) & 0x1f, mant = h & 0x3ff, bits;
    if (exp == 0) {
        if (mant == 0) {
            bits = sign;
        } else {
            exp = 127 - 15 + 1;
            while (!(mant & 0x400)) {
                mant <<= 1;
                --exp;
            }
            bits = sign | (exp << 23) | ((mant & 0x3ff) << 13);
        }
    } else if (exp == 31) {
        bits = sign | 0x7f800000 | (mant << 13);
    } else {
        bits = sign | ((exp + 127 - 15) << 23) | (mant << 13);
    }
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

// Little-endian raw bytes of `type` → T.
template <class T> void convertRaw(const char *p, std::int64_t n, int type, std::vector<T> *out)
{
    out->resize(size_t(n));
    if constexpr (std::is_same_v<T, float>) { // the weights: float32 little-endian, as this machine's floats
        if (type == onnx::TensorProto::FLOAT) {
            std::memcpy(out->data(), p, size_t(n) * sizeof(float));
            return;
        }
    }
    for (std::int64_t i = 0; i < n; ++i) {
        double x = 0;
        switch (type) {
        case onnx::TensorProto::FLOAT: { float f; std::memcpy(&f, p + 4 * i, 4); x = f; break; }
        case onnx::TensorProto::DOUBLE: std::memcpy(&x, p + 8 * i, 8); break;
        case onnx::TensorProto::INT64: { std::int64_t v; std::memcpy(&v, p + 8 * i, 8); x = double(v); break; }
        case onnx::TensorProto::UINT64: { std::uint64_t v; std::memcpy(&v, p + 8 * i, 8); x = double(v); break; }
        case onnx::TensorProto::INT32: { std::int32_t v; std::memcpy(&v, p + 4 * i, 4); x = v; break; }
        case onnx::TensorProto::UINT32: { std::uint32_t v; std::memcpy(&v, p + 4 * i, 4); x = v; break; }
        case onnx::TensorProto::INT16: { std::int16_t v; std::memcpy(&v, p + 2 * i, 2); x = v; break; }
        case onnx::TensorProto::UINT16: { std::uint16_t v; std::memcpy(&v, p + 2 * i, 2); x = v; break; }
        case onnx::TensorProto::FLOAT16: { std::uint16_t v; std::memcpy(&v, p + 2 * i, 2); x = halfToFloat(v); break; }
        case onnx::TensorProto::INT8: x = double(std::int8_t(p[i])); break;
        case onnx::TensorProto::UINT8: case onnx::TensorProto::BOOL: x = double(std::uint8_t(p[i])); break;
        default: break;
        }
        (*out)[size_t(i)] = T(x);
    }
}

std::string attrString(const onnx::NodeProto &n, const char *name, const std::string &def)
{
    for (const auto &a : n.attribute())
        if (a.name() == name)
            return a.s();
    return def;
}

const onnx::AttributeProto *findAttr(const onnx::NodeProto &n, const char *name)
{
    for (const auto &a : n.attribute())
        if (a.name() == name)
            return &a;
    return nullptr;
}

std::int64_t attrInt(const onnx::NodeProto &n, const char *name, std::int64_t def)
{
    const auto *a = findAttr(n, name);
    return a ? a->i() : def;
}

double attrFloat(const onnx::NodeProto &n, const char *name, double def)
{
    const auto *a = findAttr(n, name);
    return a ? double(a->f()) : def;
}

std::vector<std::int64_t> attrInts(const onnx::NodeProto &n, const char *name, std::vector<std::int64_t> def)
{
    const auto *a = findAttr(n, name);
    if (!a)
        return def;
    return {a->ints().begin(), a->ints().end()};
}

std::vector<std::int64_t> stridesOf(const std::vector<std::int64_t> &dims)
{
    std::vector<std::int64_t> s(dims.size(), 1);
    for (size_t i = dims.size(); i-- > 1;)
        s[i - 1] = s[i] * dims[i];
    return s;
}

std::int64_t product(const std::vector<std::int64_t> &dims)
{
    std::int64_t n = 1;
    for (auto d : dims)
        n *= d;
    return n;
}

// Calls f(outIndex) for every multi-index of `dims` in row-major order.
template <class F> void forEachIndex(const std::vector<std::int64_t> &dims, F f)
{
    const std::int64_t n = product(dims);
    std::vector<std::int64_t> idx(dims.size(), 0);
    for (std::int64_t k = 0; k < n; ++k) {
        f(idx);
        for (size_t a = dims.size(); a-- > 0;) {
            if (++idx[a] < dims[a])
                break;
            idx[a] = 0;
        }
    }
}

class Reader {
public:
    Reader(std::string path, const LoadOptions &opts, bool wantWeights)
        : path_(std::move(path)), opts_(opts), wantWeights_(wantWeights)
    {
    }

    ~Reader();
    Reader(const Reader &) = delete;
    Reader &operator=(const Reader &) = delete;

    LoadResult read();
    WeightSet weights;

private:
    void parse();
    std::optional<std::string_view> rawOf(const onnx::TensorProto &t) const;
    void releaseMapped(std::string_view bytes) const;
    void declareInputs();
    std::vector<int> nodeOrder();
    void mapNode(const onnx::NodeProto &n);
    bool fold(const onnx::NodeProto &n);
    void refuseRow(const onnx::NodeProto &n, const std::string &why);

    // inputs
    bool has(const onnx::NodeProto &n, int i) const { return i < n.input_size() && !n.input(i).empty(); }
    // The name of input i; a node with fewer inputs than its op reads is refused here, once, rather than read
    // past the end of the list at each of the ~40 places that take an input (fuzz_onnx: LogSoftmax of nothing).
    static const std::string &inName(const onnx::NodeProto &n, int i);
    static std::string nodeLabel(const onnx::NodeProto &n);
    const Value &val(const std::string &name);
    std::string layerIn(const onnx::NodeProto &n, int i);
    std::optional<Const> constIn(const onnx::NodeProto &n, int i);
    Const constOf(const std::string &name);
    std::vector<std::int64_t> weightDims(const onnx::NodeProto &n, int i);
    NdArray weightArray(const std::string &name, std::vector<std::int64_t> shape);
    std::vector<std::int64_t> shapeOf(const std::string &name);
    bool used(const onnx::NodeProto &n, int output) const;

    // rows
    std::string addRow(const onnx::NodeProto &n, const std::string &type, std::map<std::string, ParamValue> params,
                       std::vector<std::string> inputs, const std::string &suffix = {});
    void output(const onnx::NodeProto &n, const std::string &row);
    void kindRow(const onnx::NodeProto &n, const std::string &cls, std::map<std::string, ParamValue> params = {});
    Pad4 windowPads(const onnx::NodeProto &n, const std::vector<std::int64_t> &k,
                    const std::vector<std::int64_t> &s, const std::vector<std::int64_t> &d);

    void conv(const onnx::NodeProto &n);
    void convTranspose(const onnx::NodeProto &n);
    void pool(const onnx::NodeProto &n, bool max);
    void gemm(const onnx::NodeProto &n);
    void matmul(const onnx::NodeProto &n);
    void binary(const onnx::NodeProto &n);
    void transpose(const onnx::NodeProto &n);
    void slice(const onnx::NodeProto &n);
    struct SliceArgs {
        std::vector<std::int64_t> starts, ends, axes, steps;
    };
    SliceArgs sliceArgs(const onnx::NodeProto &n);
    void reduce(const onnx::NodeProto &n);
    void depthToSpace(const onnx::NodeProto &n);
    void batchNorm(const onnx::NodeProto &n);
    void clip(const onnx::NodeProto &n);
    void reshape(const onnx::NodeProto &n);
    void flatten(const onnx::NodeProto &n);
    void resize(const onnx::NodeProto &n);
    void pad(const onnx::NodeProto &n);
    void softmax(const onnx::NodeProto &n, const std::string &cls);
    void dropout(const onnx::NodeProto &n);
    void instanceNorm(const onnx::NodeProto &n);

    // Subgraphs an exporter writes for one layer (GELU's erf, torch Softplus' threshold, GroupNorm's reshapes):
    // found before mapping, by structure; the values are checked when the last node of the pattern is reached,
    // and a pattern whose values do not fit is a refused row that says which value.
    struct Fusion {
        enum Kind { Gelu, Softplus, GroupNorm, ReluClip } kind;
        int key;                              // the node no row computes alone (Erf, Greater, InstanceNormalization):
                                              // a pattern whose values do not fit is a refused row named after it
        std::string x;                        // the value the row reads
        std::vector<std::string> constants;   // per kind, in the order emitFusion reads them
        const onnx::NodeProto *detail = nullptr; // GroupNorm: its InstanceNormalization (epsilon)
        bool affine = false;                  // GroupNorm: a per-channel Mul and Add follow
    };
    void findFusions();
    void emitFusion(const Fusion &f, const onnx::NodeProto &last);
    void refuseFusion(const Fusion &f, const onnx::NodeProto &last, const std::string &why);
    std::unordered_map<int, Fusion> fusions_; // by the index of the pattern's last node
    std::set<int> fusedAway_;                 // the pattern's other nodes: no row of their own

    std::string path_;
    LoadOptions opts_;
    bool wantWeights_;
    // The file, mapped read-only: the initializers' raw_data stay in it (read in place when decoded), and only the
    // rest of the message is parsed (a 553 MB VGG16 is ~10 KB of graph).
    const char *map_ = nullptr;
    size_t mapSize_ = 0;
    std::unordered_map<const onnx::TensorProto *, std::string_view> mappedRaw_;
    onnx::ModelProto model_;
    std::int64_t opset_ = 0;
    Graph g_;
    std::unordered_map<std::string, Value> values_;
    std::unordered_map<std::string, const onnx::TensorProto *> inits_;
    std::unordered_map<std::string, int> uses_;
    std::set<std::string> rowNames_;
    std::set<std::string> matmulRows_; // Linear rows made from a MatMul without bias (an Add may give them one)
    std::optional<ShapeReport> report_;
    size_t reportLayers_ = 0;
    int nodeIndex_ = 0;
};

// ------------------------------------------------------------------------------------------------ reading bytes
// A tensor's own raw_data (a Constant's value, a tensor attribute): parsed with the message.
std::optional<std::string_view> ownRaw(const onnx::TensorProto &t)
{
    return t.has_raw_data() ? std::optional<std::string_view>(t.raw_data()) : std::nullopt;
}

// The protobuf wire format, just enough to take the initializers' raw_data out of a ModelProto before it is parsed:
// ModelProto.graph (7) → GraphProto.initializer (5) → TensorProto.raw_data (9). Everything else is copied as it is
// and parsed by protobuf; a malformed field is a corrupt file.
class Stripper {
public:
    explicit Stripper(std::vector<std::string_view> *raws) : raws_(raws) {}

    // The ModelProto `in` without its initializers' raw_data (each one's bytes appended to raws, in file order;
    // an initializer without raw_data gets an empty view and is told apart by has_raw).
    bool model(std::string_view in, std::string *out) { return fields(in, out, 0); }
    std::vector<bool> hasRaw;

private:
    static bool varint(std::string_view in, size_t *pos, std::uint64_t *v)
    {
        *v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (*pos >= in.size())
                return false;
            const auto b = std::uint8_t(in[(*pos)++]);
            *v |= std::uint64_t(b & 0x7f) << shift;
            if (!(b & 0x80))
                return true;
        }
        return false;
    }
    static void putVarint(std::uint64_t v, std::string *out)
    {
        while (v >= 0x80) {
            out->push_back(char(v | 0x80));
            v >>= 7;
        }
        out->push_back(char(v));
    }
    // level 0: ModelProto, 1: GraphProto, 2: an initializer's TensorProto.
    bool fields(std::string_view in, std::string *out, int level)
    {
        size_t pos = 0;
        std::optional<std::string_view> raw;
        while (pos < in.size()) {
            const size_t start = pos;
            std::uint64_t tag, len = 0;
            if (!varint(in, &pos, &tag))
                return false;
            const size_t tagEnd = pos;
            const std::uint64_t field = tag >> 3;
            switch (tag & 7) {
            case 0: if (!varint(in, &pos, &len)) return false; break;
            case 1: if (in.size() - pos < 8) return false; pos += 8; break;
            case 5: if (in.size() - pos < 4) return false; pos += 4; break;
            case 2: {
                if (!varint(in, &pos, &len) || len > in.size() - pos)
                    return false;
                const std::string_view body = in.substr(pos, size_t(len));
                pos += size_t(len);
                if ((level == 0 && field == 7) || (level == 1 && field == 5)) {
                    std::string inner;
                    if (!fields(body, &inner, level + 1))
                        return false;
                    out->append(in.data() + start, tagEnd - start); // the tag, then the new length
                    putVarint(inner.size(), out);
                    out->append(inner);
                    continue;
                }
                if (level == 2 && field == 9) { // raw_data: left in the file (the last one wins, as in protobuf)
                    raw = body;
                    continue;
                }
                break;
            }
            default: return false; // groups (3, 4) and unknown wire types: ONNX writes none
            }
            if (field == 0)
                return false;
            out->append(in.data() + start, pos - start);
        }
        if (level == 2) {
            raws_->push_back(raw.value_or(std::string_view()));
            hasRaw.push_back(raw.has_value());
        }
        return true;
    }
    std::vector<std::string_view> *raws_;
};

Reader::~Reader()
{
    if (map_)
        ::munmap(const_cast<char *>(map_), mapSize_);
}

std::optional<std::string_view> Reader::rawOf(const onnx::TensorProto &t) const
{
    const auto it = mappedRaw_.find(&t);
    if (it != mappedRaw_.end())
        return it->second;
    return ownRaw(t);
}

// Bytes of the mapped file that were decoded and are not read again: their pages leave the process's memory (the
// file stays mapped; they would be read back from it), so a large model is not held twice (file pages and arrays).
void Reader::releaseMapped(std::string_view bytes) const
{
    if (!map_ || bytes.data() < map_ || bytes.data() + bytes.size() > map_ + mapSize_)
        return;
    const auto page = std::uintptr_t(::sysconf(_SC_PAGESIZE));
    const std::uintptr_t begin = (std::uintptr_t(bytes.data()) + page - 1) / page * page;
    const std::uintptr_t end = (std::uintptr_t(bytes.data()) + bytes.size()) / page * page;
    if (end > begin)
        ::madvise(reinterpret_cast<void *>(begin), end - begin, MADV_DONTNEED);
}

void Reader::parse()
{
    const QFileInfo info(QString::fromStdString(path_));
    if (!info.isFile())
        throw Fail{tx(QT_TRANSLATE_NOOP("convlens::core", "cannot open the file: it does not exist or is not a file"))};
    if (info.size() >= std::int64_t(INT_MAX))
        throw Fail{
            tx(QT_TRANSLATE_NOOP("convlens::core", "the file is 2 GiB or larger, more than one protobuf message can "
                                                   "hold (large models keep their weights in external data)"))};
    if (info.size() == 0)
        throw Fail{tx(QT_TRANSLATE_NOOP("convlens::core", "not an ONNX model: no graph nodes (the file is empty)"))};
    const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw Fail{tx(QT_TRANSLATE_NOOP("convlens::core", "cannot open the file"))};
    struct stat st {};
    if (::fstat(fd, &st) != 0 || st.st_size <= 0 || st.st_size >= std::int64_t(INT_MAX)) {
        ::close(fd);
        throw Fail{tx(QT_TRANSLATE_NOOP("convlens::core", "cannot read the file's size"))};
    }
    void *m = ::mmap(nullptr, size_t(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (m == MAP_FAILED)
        throw Fail{tx(QT_TRANSLATE_NOOP("convlens::core", "cannot map the file into memory"))};
    map_ = static_cast<const char *>(m);
    mapSize_ = size_t(st.st_size);
    // The message without the initializers' raw_data, parsed by protobuf (a copy of ~the graph, not of the weights).
    std::vector<std::string_view> raws;
    Stripper strip(&raws);
    std::string rest;
    bool ok = strip.model(std::string_view(map_, mapSize_), &rest);
    if (ok) {
        google::protobuf::io::CodedInputStream coded(reinterpret_cast<const std::uint8_t *>(rest.data()),
                                                     int(rest.size()));
        coded.SetRecursionLimit(64); // nesting depth bounded; lengths were checked against the file by the stripper
        ok = model_.ParseFromCodedStream(&coded) && coded.ConsumedEntireMessage();
    }
    if (!ok)
        throw Fail{
            tx(QT_TRANSLATE_NOOP("convlens::core", "not a valid ONNX file: the protobuf is truncated or corrupt"))};
    const auto &inits = model_.graph().initializer();
    if (inits.size() != int(raws.size()))
        throw Fail{
            tx(QT_TRANSLATE_NOOP("convlens::core", "not a valid ONNX file: the protobuf is truncated or corrupt"))};
    for (int i = 0; i < inits.size(); ++i)
        if (strip.hasRaw[size_t(i)])
            mappedRaw_[&inits.Get(i)] = raws[size_t(i)];
    if (!model_.has_graph() || model_.graph().node_size() == 0)
        throw Fail{tx(QT_TRANSLATE_NOOP("convlens::core", "not an ONNX model: no graph nodes"))};
    for (const auto &o : model_.opset_import())
        if (o.domain().empty() || o.domain() == "ai.onnx")
            opset_ = o.version();
    if (opset_ == 0)
        throw Fail{tx(QT_TRANSLATE_NOOP("convlens::core", "not an ONNX model: it imports no ai.onnx opset"))};
    if (opset_ < kMinOpset || opset_ > kMaxOpset)
        throw Fail{
            tx(QT_TRANSLATE_NOOP("convlens::core", "opset %1 is not supported (ConvLens reads ai.onnx opsets 9 to 18)"),
               {std::to_string(opset_)})};
}

// An externally stored initializer's `length` bytes at `offset` of a file inside the model's folder, checked: the
// location stays in the folder, the length is what the dims need, and the bytes are in the file. With `dst`, they
// are read into it (`bytes` of room), straight from the file: no buffer of the whole tensor in between.
void externalBytes(const onnx::TensorProto &t, const std::string &modelPath, std::int64_t bytes, char *dst = nullptr)
{
    std::string location;
    std::int64_t offset = 0, length = -1;
    for (const auto &kv : t.external_data()) {
        try {
            if (kv.key() == "location")
                location = kv.value();
            else if (kv.key() == "offset")
                offset = std::stoll(kv.value());
            else if (kv.key() == "length")
                length = std::stoll(kv.value());
        } catch (const std::exception &) {
            throw Fail{"initializer '" + t.name() + "': external_data " + kv.key() + " '" + kv.value() +
                       "' is not a number"};
        }
    }
    const std::string what = "initializer '" + t.name() + "'";
    const QString loc = QString::fromStdString(location);
    if (location.empty())
        throw Fail{what + ": external data without a location"};
    if (QDir::isAbsolutePath(loc) || loc.split(QLatin1Char('/')).contains(QStringLiteral("..")) ||
        loc.contains(QLatin1Char('\\')))
        throw Fail{what + ": external data location '" + location +
                   "' leaves the model's folder (only relative paths inside it are read)"};
    const QString file = QFileInfo(QString::fromStdString(modelPath)).absoluteDir().filePath(loc);
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        throw Fail{what + ": cannot open its external data file '" + location + "'"};
    if (offset < 0 || (length >= 0 && length != bytes))
        throw Fail{what + ": external data length " + std::to_string(length) + " disagrees with its shape (" +
                   std::to_string(bytes) + " bytes)"};
    if (offset > f.size() || bytes > f.size() - offset)
        throw Fail{what + ": external data at offset " + std::to_string(offset) + " runs past the end of '" +
                   location + "' (" + std::to_string(f.size()) + " bytes)"};
    if (!dst)
        return;
    if (!f.seek(offset) || f.read(dst, bytes) != bytes)
        throw Fail{what + ": cannot read its external data"};
}

// Decodes an initializer or a tensor attribute, checking that its data agrees with its dims.
// `raw`: the tensor's raw_data (an initializer's lies in the mapped file, not in the parsed message).
template <class T>
std::vector<T> decodeTensor(const onnx::TensorProto &t, std::optional<std::string_view> raw, const std::string &modelPath,
                            std::int64_t maxElements)
{
    const std::string what = "tensor '" + t.name() + "'";
    const std::int64_t n = checkedCount(t.dims(), what);
    if (n > maxElements)
        throw Refuse{what + " has " + std::to_string(n) + " elements, more than a constant here may have"};
    const int type = t.data_type();
    const int size = elementSize(type);
    if (size == 0)
        throw Fail{what + " has element type " + std::to_string(type) + ", which ConvLens does not read"};
    const std::int64_t bytes = n * size;
    std::vector<T> out;
    if (t.data_location() == onnx::TensorProto::EXTERNAL) {
        if constexpr (std::is_same_v<T, float>) { // the weights: float32 little-endian, read into their array
            if (type == onnx::TensorProto::FLOAT) {
                out.resize(size_t(n));
                externalBytes(t, modelPath, bytes, reinterpret_cast<char *>(out.data()));
                return out;
            }
        }
        std::string data(size_t(bytes), '\0');
        externalBytes(t, modelPath, bytes, data.data());
        convertRaw(data.data(), n, type, &out);
        return out;
    }
    if (raw) {
        if (std::int64_t(raw->size()) != bytes)
            throw Fail{what + ": its shape " + joinInts({t.dims().begin(), t.dims().end()}) + " needs " +
                       std::to_string(bytes) + " bytes but raw_data holds " + std::to_string(raw->size())};
        convertRaw(raw->data(), n, type, &out);
        return out;
    }
    const auto mismatch = [&](std::int64_t have) {
        return Fail{what + ": its shape " + joinInts({t.dims().begin(), t.dims().end()}) + " needs " +
                    std::to_string(n) + " values but the file holds " + std::to_string(have)};
    };
    out.resize(size_t(n));
    switch (type) {
    case onnx::TensorProto::FLOAT:
        if (t.float_data_size() != n)
            throw mismatch(t.float_data_size());
        for (std::int64_t i = 0; i < n; ++i)
            out[size_t(i)] = T(t.float_data(int(i)));
        return out;
    case onnx::TensorProto::DOUBLE:
        if (t.double_data_size() != n)
            throw mismatch(t.double_data_size());
        for (std::int64_t i = 0; i < n; ++i)
            out[size_t(i)] = T(t.double_data(int(i)));
        return out;
    case onnx::TensorProto::INT64:
        if (t.int64_data_size() != n)
            throw mismatch(t.int64_data_size());
        for (std::int64_t i = 0; i < n; ++i)
            out[size_t(i)] = T(t.int64_data(int(i)));
        return out;
    case onnx::TensorProto::UINT32: case onnx::TensorProto::UINT64:
        if (t.uint64_data_size() != n)
            throw mismatch(t.uint64_data_size());
        for (std::int64_t i = 0; i < n; ++i)
            out[size_t(i)] = T(t.uint64_data(int(i)));
        return out;
    default:
        if (t.int32_data_size() != n)
            throw mismatch(t.int32_data_size());
        for (std::int64_t i = 0; i < n; ++i)
            out[size_t(i)] = type == onnx::TensorProto::FLOAT16
                                 ? T(halfToFloat(std::uint16_t(t.int32_data(int(i)))))
                                 : T(t.int32_data(int(i)));
        return out;
    }
}

// Checks, without decoding, that a tensor's data holds what its dims claim: so a 1 KiB file that claims 2 GiB
// is refused when it is opened, before anything is allocated.
void checkTensorData(const onnx::TensorProto &t, std::optional<std::string_view> raw, const std::string &modelPath)
{
    const std::string what = "initializer '" + t.name() + "'";
    const std::int64_t n = checkedCount(t.dims(), what);
    const int size = elementSize(t.data_type());
    if (size == 0)
        throw Fail{what + " has element type " + std::to_string(t.data_type()) + ", which ConvLens does not read"};
    if (t.data_location() == onnx::TensorProto::EXTERNAL) {
        externalBytes(t, modelPath, n * size);
        return;
    }
    std::int64_t have = 0;
    if (raw) {
        if (std::int64_t(raw->size()) != n * size)
            throw Fail{what + ": its shape " + joinInts({t.dims().begin(), t.dims().end()}) + " needs " +
                       std::to_string(n * size) + " bytes but raw_data holds " + std::to_string(raw->size())};
        return;
    }
    switch (t.data_type()) {
    case onnx::TensorProto::FLOAT: have = t.float_data_size(); break;
    case onnx::TensorProto::DOUBLE: have = t.double_data_size(); break;
    case onnx::TensorProto::INT64: have = t.int64_data_size(); break;
    case onnx::TensorProto::UINT32: case onnx::TensorProto::UINT64: have = t.uint64_data_size(); break;
    default: have = t.int32_data_size(); break;
    }
    if (have != n)
        throw Fail{what + ": its shape " + joinInts({t.dims().begin(), t.dims().end()}) + " needs " +
                   std::to_string(n) + " values but the file holds " + std::to_string(have)};
}

Const constFromTensor(const onnx::TensorProto &t, std::optional<std::string_view> raw, const std::string &modelPath)
{
    Const c;
    c.dims.assign(t.dims().begin(), t.dims().end());
    c.v = decodeTensor<double>(t, raw, modelPath, kMaxFoldElements);
    c.integer = isIntegerType(t.data_type());
    return c;
}

// ------------------------------------------------------------------------------------------------ values
const Value &Reader::val(const std::string &name)
{
    auto it = values_.find(name);
    if (it == values_.end())
        throw Refuse{"its input '" + name + "' is not defined"};
    if (!it->second.unresolved.empty())
        throw Refuse{"its input '" + name + "' " + it->second.unresolved};
    return it->second;
}

std::string Reader::layerIn(const onnx::NodeProto &n, int i)
{
    if (!has(n, i))
        throw Refuse{"input " + std::to_string(i) + " is missing"};
    const Value &v = val(inName(n, i));
    if (v.layer.empty())
        throw Refuse{"its input '" + inName(n, i) + "' is a constant, not a computed tensor"};
    return v.layer;
}

Const Reader::constOf(const std::string &name)
{
    const Value &v = val(name);
    if (v.constant)
        return *v.constant;
    if (v.init)
        return constFromTensor(*v.init, rawOf(*v.init), path_);
    throw Refuse{"its input '" + name + "' is computed, where ConvLens needs a constant"};
}

std::optional<Const> Reader::constIn(const onnx::NodeProto &n, int i)
{
    if (!has(n, i))
        return std::nullopt;
    return constOf(inName(n, i));
}

std::vector<std::int64_t> Reader::weightDims(const onnx::NodeProto &n, int i)
{
    if (!has(n, i))
        throw Refuse{"input " + std::to_string(i) + " (a weight) is missing"};
    const Value &v = val(inName(n, i));
    if (v.init) {
        checkedCount(v.init->dims(), "initializer '" + v.init->name() + "'");
        return {v.init->dims().begin(), v.init->dims().end()};
    }
    if (v.constant)
        return v.constant->dims;
    throw Refuse{"its weight '" + inName(n, i) + "' is computed, not stored in the file"};
}

NdArray Reader::weightArray(const std::string &name, std::vector<std::int64_t> shape)
{
    NdArray a;
    a.shape = std::move(shape);
    const Value &v = val(name);
    if (v.init) {
        const auto raw = rawOf(*v.init);
        const bool last = raw && uses_[name] <= 1;
        const std::int64_t n = checkedCount(v.init->dims(), "initializer '" + v.init->name() + "'");
        if (last && v.init->data_type() == onnx::TensorProto::FLOAT &&
            v.init->data_location() != onnx::TensorProto::EXTERNAL && n <= kMaxTensorElements &&
            std::int64_t(raw->size()) == n * std::int64_t(sizeof(float))) {
            // float32 in the mapped file, read for the last time: copied piece by piece, each piece's pages
            // released once copied, so the tensor is never resident twice (VGG16's 411 MB fc1 weight was)
            constexpr size_t kPiece = size_t(16) << 20;
            a.data.resize(size_t(n));
            for (size_t off = 0; off < raw->size(); off += kPiece) {
                const size_t len = std::min(kPiece, raw->size() - off);
                std::memcpy(reinterpret_cast<char *>(a.data.data()) + off, raw->data() + off, len);
                releaseMapped(raw->substr(off, len));
            }
        } else {
            a.data = decodeTensor<float>(*v.init, raw, path_, kMaxTensorElements);
        }
        if (last)
            releaseMapped(*raw);
    } else {
        for (double x : v.constant->v)
            a.data.push_back(float(x));
    }
    return a;
}

std::vector<std::int64_t> Reader::shapeOf(const std::string &name)
{
    const Value &v = val(name);
    if (v.layer.empty())
        return v.constant ? v.constant->dims
                          : std::vector<std::int64_t>(v.init->dims().begin(), v.init->dims().end());
    if (!report_ || reportLayers_ != g_.layers.size()) {
        report_ = infer(g_);
        reportLayers_ = g_.layers.size();
    }
    const int i = report_->indexOf(v.layer);
    if (i < 0 || !report_->layers[size_t(i)].ok())
        throw Refuse{"the shape of its input '" + name + "' is unknown (row " + v.layer + " is not resolved)"};
    std::vector<std::int64_t> s{1};
    const Shape &out = *report_->layers[size_t(i)].output;
    s.insert(s.end(), out.begin(), out.end());
    return s;
}

bool Reader::used(const onnx::NodeProto &n, int output) const
{
    if (output >= n.output_size() || n.output(output).empty())
        return false;
    const auto it = uses_.find(n.output(output));
    return it != uses_.end() && it->second > 0;
}

// ------------------------------------------------------------------------------------------------ rows
std::string Reader::addRow(const onnx::NodeProto &n, const std::string &type, std::map<std::string, ParamValue> params,
                           std::vector<std::string> inputs, const std::string &suffix)
{
    std::string base = nodeLabel(n) + suffix;
    std::string name = base;
    for (int k = 1; !rowNames_.insert(name).second; ++k)
        name = base + "_" + std::to_string(k);
    Layer l;
    l.name = name;
    l.type = type;
    l.params = std::move(params);
    l.inputs = std::move(inputs);
    l.line = nodeIndex_ + 1;
    g_.layers.push_back(std::move(l));
    return name;
}

void Reader::output(const onnx::NodeProto &n, const std::string &row)
{
    if (n.output_size() == 0) // a node without outputs feeds nobody (output(0) of none read past the end: fuzz_onnx)
        return;
    values_[n.output(0)] = Value{row, std::nullopt, nullptr, {}};
    for (int i = 1; i < n.output_size(); ++i)
        if (!n.output(i).empty())
            values_[n.output(i)].unresolved = "is the extra output " + std::to_string(i) + " of node '" + n.name() +
                                              "' (" + n.op_type() + "), which ConvLens does not compute";
}

void Reader::kindRow(const onnx::NodeProto &n, const std::string &cls, std::map<std::string, ParamValue> params)
{
    const KindDef *kind = findKind(Framework::PyTorch, cls);
    if (!kind)
        throw Refuse{"ONNX " + n.op_type() + " would be a PyTorch " + cls + " row, a layer ConvLens does not have"};
    for (const auto &[p, v] : params)
        if (!findParam(*kind, p))
            throw Refuse{"ONNX " + n.op_type() + " needs " + cls + "(" + p + "=" + v.toPython() +
                         "), which ConvLens' " + cls + " does not take"};
    const std::string x = layerIn(n, 0);
    output(n, addRow(n, cls, std::move(params), {x}));
}

void Reader::refuseRow(const onnx::NodeProto &n, const std::string &why)
{
    const std::string label = tx(QT_TRANSLATE_NOOP("convlens::core", "ONNX node '%1' (%2): %3"),
                                 {nodeLabel(n), (n.domain().empty() ? "" : n.domain() + ".") + n.op_type(), why});
    std::string x;
    for (int i = 0; i < n.input_size() && x.empty(); ++i) {
        const auto it = values_.find(inName(n, i));
        if (it != values_.end() && !it->second.layer.empty())
            x = it->second.layer;
    }
    if (x.empty()) { // nothing computed goes in: its outputs are simply unknown to whoever uses them
        for (const auto &o : n.output())
            values_[o].unresolved = "comes from " + label;
        g_.notes.push_back(label);
        return;
    }
    const std::string row = addRow(n, "Identity", {}, {x});
    g_.layers.back().params["refused_by_reader"] = label; // shape inference refuses the row with it
    output(n, row);
}

Pad4 Reader::windowPads(const onnx::NodeProto &n, const std::vector<std::int64_t> &k,
                        const std::vector<std::int64_t> &s, const std::vector<std::int64_t> &d)
{
    const std::string autoPad = attrString(n, "auto_pad", "NOTSET");
    if (autoPad == "NOTSET") {
        const auto p = attrInts(n, "pads", {0, 0, 0, 0});
        if (p.size() != 4)
            throw Refuse{"pads " + joinInts(p) + " is not 4 numbers [top, left, bottom, right]"};
        for (auto v : p)
            if (v < 0)
                throw Refuse{"negative pads " + joinInts(p)};
        return Pad4{p[0], p[2], p[1], p[3]};
    }
    if (autoPad == "VALID")
        return {};
    if (autoPad != "SAME_UPPER" && autoPad != "SAME_LOWER")
        throw Refuse{"auto_pad '" + autoPad + "' is not NOTSET, SAME_UPPER, SAME_LOWER or VALID"};
    const auto in = shapeOf(inName(n, 0));
    if (in.size() != 4)
        throw Refuse{"auto_pad on a rank-" + std::to_string(in.size()) + " input"};
    for (int a = 0; a < 2; ++a)
        if (k[size_t(a)] < 1 || s[size_t(a)] < 1 || d[size_t(a)] < 1)
            throw Refuse{"auto_pad with kernel_shape " + joinInts(k) + ", strides " + joinInts(s) + " and dilations " +
                         joinInts(d) + ": each must be at least 1"};
    std::int64_t before[2], after[2];
    for (int a = 0; a < 2; ++a) {
        const std::int64_t i = in[size_t(2 + a)], out = (i + s[size_t(a)] - 1) / s[size_t(a)];
        const std::int64_t eff = d[size_t(a)] * (k[size_t(a)] - 1) + 1;
        const std::int64_t total = std::max<std::int64_t>((out - 1) * s[size_t(a)] + eff - i, 0);
        const std::int64_t small = total / 2;
        before[a] = autoPad == "SAME_UPPER" ? small : total - small; // SAME_UPPER: the extra one at the end
        after[a] = total - before[a];
    }
    return Pad4{before[0], after[0], before[1], after[1]};
}

// A window's two sizes, strides or dilations (each at least 1: a 0 would divide by zero in the pooling and
// convolution arithmetic); output_padding may be 0.
std::vector<std::int64_t> pair(const std::vector<std::int64_t> &v, const std::string &what)
{
    if (v.size() != 2)
        throw Refuse{what + " " + joinInts(v) + ": only 2-D windows are mapped"};
    const std::int64_t least = what == "output_padding" ? 0 : 1;
    if (v[0] < least || v[1] < least)
        throw Refuse{what + " " + joinInts(v) + ": each must be at least " + std::to_string(least)};
    return v;
}

void Reader::conv(const onnx::NodeProto &n)
{
    const std::string x = layerIn(n, 0);
    const auto w = weightDims(n, 1);
    if (w.size() != 4)
        throw Refuse{"only 2-D convolutions are mapped (its weight has rank " + std::to_string(w.size()) + ")"};
    const std::int64_t group = attrInt(n, "group", 1);
    const auto k = pair(attrInts(n, "kernel_shape", {w[2], w[3]}), "kernel_shape");
    if (k[0] != w[2] || k[1] != w[3])
        throw Refuse{"kernel_shape " + joinInts(k) + " disagrees with the weight " + joinInts(w)};
    const auto s = pair(attrInts(n, "strides", {1, 1}), "strides");
    const auto d = pair(attrInts(n, "dilations", {1, 1}), "dilations");
    Pad4 p = windowPads(n, k, s, d);
    std::string in = x;
    if (p.top != p.bottom || p.left != p.right) {
        in = addRow(n, "ZeroPad2d", {{"padding", ParamValue::ints({p.left, p.right, p.top, p.bottom})}}, {x},
                    "/pad");
        p = {};
    }
    const bool bias = has(n, 2);
    const std::string row = addRow(n, "Conv2d",
                                   {{"in_channels", w[1] * group},
                                    {"out_channels", w[0]},
                                    {"kernel_size", ParamValue::ints({k[0], k[1]})},
                                    {"stride", ParamValue::ints({s[0], s[1]})},
                                    {"padding", ParamValue::ints({p.top, p.left})},
                                    {"dilation", ParamValue::ints({d[0], d[1]})},
                                    {"groups", group},
                                    {"bias", bias}},
                                   {in});
    if (wantWeights_) {
        weights.layers[row]["weight"] = weightArray(inName(n, 1), w);
        if (bias)
            weights.layers[row]["bias"] = weightArray(inName(n, 2), {w[0]});
    }
    output(n, row);
}

void Reader::convTranspose(const onnx::NodeProto &n)
{
    const std::string x = layerIn(n, 0);
    const auto w = weightDims(n, 1);
    if (w.size() != 4)
        throw Refuse{"only 2-D transposed convolutions are mapped"};
    const std::int64_t group = attrInt(n, "group", 1);
    const auto k = pair(attrInts(n, "kernel_shape", {w[2], w[3]}), "kernel_shape");
    const auto s = pair(attrInts(n, "strides", {1, 1}), "strides");
    const auto d = pair(attrInts(n, "dilations", {1, 1}), "dilations");
    const auto op = pair(attrInts(n, "output_padding", {0, 0}), "output_padding");
    if (findAttr(n, "output_shape"))
        throw Refuse{"output_shape is not mapped (give pads and output_padding)"};
    if (attrString(n, "auto_pad", "NOTSET") != "NOTSET")
        throw Refuse{"auto_pad on ConvTranspose is not mapped"};
    const auto p = attrInts(n, "pads", {0, 0, 0, 0});
    if (p.size() != 4 || p[0] < 0 || p[1] < 0 || p[2] < 0 || p[3] < 0)
        throw Refuse{"pads " + joinInts(p) + " is not 4 non-negative numbers [top, left, bottom, right]"};
    // ONNX crops the full (i−1)·s + k' result by pads [begin, end] and appends output_padding cells (bias only);
    // torch's ConvTranspose2d crops `padding` at the start and padding − output_padding at the end. Per axis: an end
    // crop up to the start one is torch's own form; a larger one is torch's with no output_padding, and a
    // ZeroPad2d of negative pads after it crops the rest.
    std::int64_t tpad[2], tout[2], crop[2];
    for (int a = 0; a < 2; ++a) {
        const std::int64_t begin = p[size_t(a)], end = p[size_t(a) + 2], extra = op[size_t(a)];
        if (extra < 0)
            throw Refuse{"negative output_padding " + joinInts(op)};
        tpad[a] = begin;
        tout[a] = std::max<std::int64_t>(begin - end + extra, 0);
        crop[a] = std::max<std::int64_t>(end - extra - begin, 0);
        if (tout[a] >= std::max(s[size_t(a)], d[size_t(a)]))
            throw Refuse{"pads " + joinInts(p) + " and output_padding " + joinInts(op) +
                         " append more cells than torch's output_padding (below the stride or dilation) can"};
    }
    const bool cropped = crop[0] > 0 || crop[1] > 0;
    const bool bias = has(n, 2);
    const std::string row = addRow(n, "ConvTranspose2d",
                                   {{"in_channels", w[0]},
                                    {"out_channels", w[1] * group},
                                    {"kernel_size", ParamValue::ints({k[0], k[1]})},
                                    {"stride", ParamValue::ints({s[0], s[1]})},
                                    {"padding", ParamValue::ints({tpad[0], tpad[1]})},
                                    {"output_padding", ParamValue::ints({tout[0], tout[1]})},
                                    {"groups", group},
                                    {"bias", bias},
                                    {"dilation", ParamValue::ints({d[0], d[1]})}},
                                   {x}, cropped ? "/uncropped" : "");
    if (wantWeights_) {
        weights.layers[row]["weight"] = weightArray(inName(n, 1), w);
        if (bias)
            weights.layers[row]["bias"] = weightArray(inName(n, 2), {w[1] * group});
    }
    if (cropped)
        return output(n, addRow(n, "ZeroPad2d", {{"padding", ParamValue::ints({0, -crop[1], 0, -crop[0]})}}, {row}));
    output(n, row);
}

void Reader::pool(const onnx::NodeProto &n, bool max)
{
    const std::string x = layerIn(n, 0);
    const auto k = pair(attrInts(n, "kernel_shape", {}), "kernel_shape");
    const auto s = pair(attrInts(n, "strides", {1, 1}), "strides");
    const auto d = pair(attrInts(n, "dilations", {1, 1}), "dilations");
    const bool ceil = attrInt(n, "ceil_mode", 0) != 0;
    if (max && used(n, 1))
        throw Refuse{"its Indices output is used, which ConvLens does not compute"};
    Pad4 p = windowPads(n, k, s, d);
    const bool asymmetric = p.top != p.bottom || p.left != p.right;
    if (max) {
        std::string in = x;
        if (asymmetric) {
            // ONNX's pads are −∞ (ignored by the maximum), as Keras' 'same' pooling: a ConstantPad2d of −∞ in front
            // of an unpadded MaxPool2d computes the same maxima, as long as every window holds a real cell (pads
            // below the kernel, no dilation) and ceil_mode keeps the same last window.
            const std::string sides = "pads top " + std::to_string(p.top) + ", bottom " + std::to_string(p.bottom) +
                                      ", left " + std::to_string(p.left) + ", right " + std::to_string(p.right);
            if (d[0] != 1 || d[1] != 1)
                throw Refuse{sides + " with dilations " + joinInts(d) +
                             ": PyTorch's MaxPool2d pads each side alike, and a dilated window could miss every "
                             "real cell"};
            if (p.top >= k[0] || p.bottom >= k[0] || p.left >= k[1] || p.right >= k[1])
                throw Refuse{sides + ": a pad as large as the kernel " + joinInts(k) +
                             " makes windows without a real cell"};
            if (ceil) {
                const auto in4 = shapeOf(inName(n, 0));
                if (in4.size() != 4)
                    throw Refuse{"MaxPool of a rank-" + std::to_string(in4.size()) + " input"};
                const std::int64_t before[2] = {p.top, p.left}, after[2] = {p.bottom, p.right};
                for (int a = 0; a < 2; ++a) {
                    const std::int64_t i = in4[size_t(2 + a)], padded = i + before[a] + after[a];
                    if (padded < k[size_t(a)])
                        break; // the pooling rule refuses it
                    std::int64_t out = (padded - k[size_t(a)] + s[size_t(a)] - 1) / s[size_t(a)] + 1;
                    // onnxruntime (as torch) drops a last window that starts in the end padding; after a pad row
                    // that padding is part of the input and torch keeps the window.
                    if ((out - 1) * s[size_t(a)] >= i + before[a])
                        throw Refuse{sides + " with ceil_mode: the last window starts in the end padding, which "
                                             "onnxruntime drops and a padded MaxPool2d keeps"};
                }
            }
            in = addRow(n, "ConstantPad2d",
                        {{"padding", ParamValue::ints({p.left, p.right, p.top, p.bottom})},
                         {"value", -std::numeric_limits<double>::infinity()}},
                        {x}, "/pad");
            p = {};
        }
        output(n, addRow(n, "MaxPool2d",
                         {{"kernel_size", ParamValue::ints({k[0], k[1]})},
                          {"stride", ParamValue::ints({s[0], s[1]})},
                          {"padding", ParamValue::ints({p.top, p.left})},
                          {"dilation", ParamValue::ints({d[0], d[1]})},
                          {"ceil_mode", ceil}},
                         {in}));
        return;
    }
    if (d[0] != 1 || d[1] != 1)
        throw Refuse{"AveragePool with dilations is not mapped"};
    const bool countPad = attrInt(n, "count_include_pad", 0) != 0;
    std::string in = x;
    if (asymmetric && !countPad) {
        // Keras 'same' (SAME_UPPER): one more pad at the end, pads not counted. torch's AvgPool2d pads each side
        // alike, but with ceil_mode its last window may run past the end padding, and count_include_pad=False
        // divides by the real cells: the same windows and divisors, when the window counts agree on each axis and
        // torch keeps the last window (it drops one that starts in the end padding).
        const auto in4 = shapeOf(inName(n, 0));
        if (in4.size() != 4)
            throw Refuse{"AveragePool of a rank-" + std::to_string(in4.size()) + " input"};
        const std::int64_t before[2] = {p.top, p.left}, after[2] = {p.bottom, p.right};
        for (int a = 0; a < 2; ++a) {
            const std::int64_t i = in4[size_t(2 + a)], k1 = k[size_t(a)], s1 = s[size_t(a)];
            const std::string axis = a == 0 ? "height" : "width";
            const std::string sides = "pads " + std::to_string(before[a]) + " and " + std::to_string(after[a]) +
                                      " on the " + axis;
            constexpr std::int64_t kBig = std::int64_t(1) << 31;
            if (k1 < 1 || s1 < 1 || k1 > kBig || s1 > kBig)
                throw Refuse{"kernel_shape " + joinInts(k) + " and strides " + joinInts(s) + " are not mapped"};
            if (ceil)
                throw Refuse{"asymmetric pads with count_include_pad=0 and ceil_mode=1 are not mapped"};
            if (before[a] > k1 / 2)
                throw Refuse{sides + ": PyTorch's AvgPool2d pads at most half the kernel"};
            if (after[a] != before[a] && after[a] != before[a] + 1)
                throw Refuse{sides + " with count_include_pad=0: PyTorch's AvgPool2d pads each side alike, and "
                                     "only one more pad at the end (Keras 'same') is mapped"};
            const std::int64_t onnxOut = (i + before[a] + after[a] - k1) / s1 + 1;
            const std::int64_t m = i + 2 * before[a] - k1;
            if (m < 0)
                throw Refuse{sides + ": the kernel " + joinInts(k) + " is larger than the input padded alike on both "
                                     "sides, as AvgPool2d would pad it"};
            const std::int64_t torchOut = (m + s1 - 1) / s1 + 1;
            if (torchOut != onnxOut || (torchOut - 1) * s1 >= i + before[a])
                throw Refuse{sides + " with count_include_pad=0 and stride " + std::to_string(s1) + " on " +
                             std::to_string(i) + " cells: AvgPool2d(ceil_mode=True) would make " +
                             std::to_string(torchOut) + " windows, ONNX " + std::to_string(onnxOut)};
        }
        output(n, addRow(n, "AvgPool2d",
                         {{"kernel_size", ParamValue::ints({k[0], k[1]})},
                          {"stride", ParamValue::ints({s[0], s[1]})},
                          {"padding", ParamValue::ints({p.top, p.left})},
                          {"ceil_mode", true},
                          {"count_include_pad", false}},
                         {in}));
        return;
    }
    if (asymmetric) {
        in = addRow(n, "ZeroPad2d", {{"padding", ParamValue::ints({p.left, p.right, p.top, p.bottom})}}, {x},
                    "/pad");
        p = {};
    }
    output(n, addRow(n, "AvgPool2d",
                     {{"kernel_size", ParamValue::ints({k[0], k[1]})},
                      {"stride", ParamValue::ints({s[0], s[1]})},
                      {"padding", ParamValue::ints({p.top, p.left})},
                      {"ceil_mode", ceil},
                      {"count_include_pad", countPad}},
                     {in}));
}

void Reader::gemm(const onnx::NodeProto &n)
{
    const std::string a = layerIn(n, 0);
    if (attrInt(n, "transA", 0) != 0)
        throw Refuse{"transA=1 (a transposed input) is not mapped"};
    const bool transB = attrInt(n, "transB", 0) != 0;
    const double alpha = attrFloat(n, "alpha", 1.0), beta = attrFloat(n, "beta", 1.0);
    const auto b = weightDims(n, 1);
    if (b.size() != 2)
        throw Refuse{"B has rank " + std::to_string(b.size()) + ", not 2"};
    const std::int64_t out = transB ? b[0] : b[1], in = transB ? b[1] : b[0];
    std::int64_t cCount = 0;
    if (has(n, 2)) {
        cCount = product(weightDims(n, 2));
        if (cCount != out && cCount != 1)
            throw Refuse{"C has " + std::to_string(cCount) + " elements; only a bias of " + std::to_string(out) +
                         " (or one broadcast value) is mapped"};
    }
    const std::string row = addRow(n, "Linear", {{"in_features", in}, {"out_features", out}, {"bias", has(n, 2)}},
                                   {a});
    if (wantWeights_) {
        NdArray bw = weightArray(inName(n, 1), b);
        if (transB) { // torch's (out, in) already (torch.onnx.export's Linear): the decoded array is the weight
            if (alpha != 1.0)
                for (float &v : bw.data)
                    v = float(alpha * v);
            weights.layers[row]["weight"] = std::move(bw);
        } else {
            NdArray w{{out, in}, std::vector<float>(size_t(out * in))};
            for (std::int64_t o = 0; o < out; ++o)
                for (std::int64_t i = 0; i < in; ++i)
                    w.data[size_t(o * in + i)] = float(alpha * bw.data[size_t(i * out + o)]);
            weights.layers[row]["weight"] = std::move(w);
        }
        if (has(n, 2)) {
            const NdArray c = weightArray(inName(n, 2), {cCount});
            NdArray bias{{out}, std::vector<float>(size_t(out))};
            for (std::int64_t o = 0; o < out; ++o)
                bias.data[size_t(o)] = float(beta * c.data[size_t(cCount == 1 ? 0 : o)]);
            weights.layers[row]["bias"] = std::move(bias);
        }
    }
    output(n, row);
}

void Reader::matmul(const onnx::NodeProto &n)
{
    const std::string a = layerIn(n, 0);
    const auto b = weightDims(n, 1);
    if (b.size() != 2)
        throw Refuse{"MatMul by a rank-" + std::to_string(b.size()) + " constant is not mapped (a Linear needs 2)"};
    const std::string row = addRow(n, "Linear", {{"in_features", b[0]}, {"out_features", b[1]}, {"bias", false}}, {a});
    if (wantWeights_) {
        const NdArray bw = weightArray(inName(n, 1), b);
        NdArray w{{b[1], b[0]}, std::vector<float>(size_t(b[0] * b[1]))};
        for (std::int64_t o = 0; o < b[1]; ++o)
            for (std::int64_t i = 0; i < b[0]; ++i)
                w.data[size_t(o * b[0] + i)] = bw.data[size_t(i * b[1] + o)];
        weights.layers[row]["weight"] = std::move(w);
    }
    if (uses_[n.output(0)] == 1)
        matmulRows_.insert(row);
    output(n, row);
}

void Reader::binary(const onnx::NodeProto &n)
{
    if (n.input_size() != 2)
        throw Refuse{"takes 2 inputs"};
    const std::string &op = n.op_type();
    const Value &a = val(inName(n, 0)), &b = val(inName(n, 1));
    if (!a.layer.empty() && !b.layer.empty()) {
        // numpy broadcasting is torch's: the shape engine refuses operands of different ranks by the row's name.
        const std::string cls = op == "Add" ? "add" : op == "Sub" ? "sub" : op == "Mul" ? "mul" : "truediv";
        std::map<std::string, ParamValue> params;
        if (op != "Add")
            params["other"] = ParamValue(); // None: the second operand is the second input
        output(n, addRow(n, cls, std::move(params), {a.layer, b.layer}));
        return;
    }
    // A MatMul's bias: Linear(bias=False) + a constant of its width = Linear(bias=True).
    const std::string layer = a.layer.empty() ? b.layer : a.layer;
    const std::string constant = a.layer.empty() ? inName(n, 0) : inName(n, 1);
    if (op == "Add" && matmulRows_.count(layer)) {
        Layer *l = nullptr;
        for (auto &x : g_.layers)
            if (x.name == layer)
                l = &x;
        const std::int64_t width = l->params.at("out_features").asInt();
        const auto dims = shapeOf(constant);
        if (product(dims) == width) {
            // The row now computes the Add's output: it takes the Add node's name (its MatMul had no other user).
            std::string name = n.name().empty() ? n.output(0) : n.name();
            if (rowNames_.count(name))
                name = layer;
            l->params["bias"] = true;
            l->name = name;
            rowNames_.insert(name);
            if (wantWeights_) {
                LayerWeights w = std::move(weights.layers[layer]);
                weights.layers.erase(layer);
                w["bias"] = weightArray(constant, {width});
                weights.layers[name] = std::move(w);
            }
            matmulRows_.erase(layer);
            g_.notes.push_back("row " + name + " is MatMul '" + layer + "' and Add '" + name + "' (a Linear with bias)");
            values_[n.output(0)] = Value{name, std::nullopt, nullptr, {}};
            return;
        }
    }
    // A computed tensor and one number: torch's x + c, x − c, c − x, x · c, x / c, c / x.
    const std::vector<std::int64_t> cdims = shapeOf(constant);
    if (product(cdims) != 1)
        throw Refuse{"ONNX " + op + " of a computed tensor and a constant of shape " + joinInts(cdims) +
                     ": ConvLens has no row holding a constant tensor (one number is mapped)"};
    if (cdims.size() > 1 && cdims.size() > shapeOf(layer == a.layer ? inName(n, 0) : inName(n, 1)).size())
        throw Refuse{"the constant of shape " + joinInts(cdims) + " adds axes to the computed tensor"};
    const double c = constOf(constant).v.at(0);
    const bool reverse = a.layer.empty();
    if (op == "Add")
        return output(n, addRow(n, "add_scalar", {{"other", c}}, {layer}));
    const std::string cls = op == "Sub" ? "sub" : op == "Mul" ? "mul" : "truediv";
    std::map<std::string, ParamValue> params{{"other", c}};
    if (reverse && op != "Mul")
        params["reverse"] = true;
    output(n, addRow(n, cls, std::move(params), {layer}));
}

void Reader::transpose(const onnx::NodeProto &n)
{
    const std::string x = layerIn(n, 0);
    const auto perm = attrInts(n, "perm", {});
    if (perm.empty())
        throw Refuse{"Transpose without perm reverses every axis, the batch included; ConvLens models one sample"};
    if (perm[0] != 0)
        throw Refuse{"perm " + joinInts(perm) + " moves the batch axis; ConvLens models one sample"};
    ParamList dims;
    for (auto d : perm)
        dims.push_back(d);
    output(n, addRow(n, "permute", {{"dims", dims}}, {x}));
}

// Slice of a computed tensor: one x[:, a:b:s] row per sliced axis (the last named after the node). ONNX's bounds
// (negative from the end, clamped to the axis) are torch's; a negative step or a slice of the batch is refused.
// Slice's starts, ends, axes and steps: attributes before opset 10, constant inputs from it on (a value past int64,
// as torch.onnx writes for "to the end", clamps); axes default to 0, 1, …, steps to 1; all of one length.
Reader::SliceArgs Reader::sliceArgs(const onnx::NodeProto &n)
{
    SliceArgs s;
    const auto ints = [&](int i) {
        std::vector<std::int64_t> out;
        if (auto c = constIn(n, i))
            for (double v : c->v)
                out.push_back(v >= 9.2e18 ? std::numeric_limits<std::int64_t>::max()
                              : v <= -9.2e18 ? std::numeric_limits<std::int64_t>::min()
                                             : std::int64_t(v));
        return out;
    };
    if (opset_ < 10) {
        s.starts = attrInts(n, "starts", {});
        s.ends = attrInts(n, "ends", {});
        s.axes = attrInts(n, "axes", {});
    } else {
        s.starts = ints(1);
        s.ends = ints(2);
        s.axes = ints(3);
        s.steps = ints(4);
    }
    if (s.axes.empty())
        for (size_t i = 0; i < s.starts.size(); ++i)
            s.axes.push_back(std::int64_t(i));
    if (s.steps.empty())
        s.steps.assign(s.starts.size(), 1);
    if (s.ends.size() != s.starts.size() || s.axes.size() != s.starts.size() || s.steps.size() != s.starts.size())
        throw Refuse{"starts, ends, axes and steps differ in length"};
    return s;
}

void Reader::slice(const onnx::NodeProto &n)
{
    std::string x = layerIn(n, 0);
    const auto [starts, ends, axes, steps] = sliceArgs(n);
    if (starts.empty())
        throw Refuse{"starts, ends, axes and steps are empty"};
    // An index beyond any axis ConvLens holds (2^62) means "to the end".
    constexpr std::int64_t kFar = std::int64_t(1) << 62;
    std::vector<size_t> sliced;
    for (size_t i = 0; i < starts.size(); ++i) {
        if (steps[i] <= 0)
            throw Refuse{"step " + std::to_string(steps[i]) + " on axis " + std::to_string(axes[i]) +
                         ": torch slices with positive steps only"};
        const bool whole = steps[i] == 1 && starts[i] == 0 && ends[i] >= kFar;
        if (whole)
            continue;
        if (axes[i] == 0)
            throw Refuse{"it slices the batch axis; ConvLens models one sample"};
        if (starts[i] <= -kFar || starts[i] >= kFar)
            throw Refuse{"start " + std::to_string(starts[i]) + " is out of any axis"};
        sliced.push_back(i);
    }
    if (sliced.empty())
        return output(n, addRow(n, "Identity", {}, {x}));
    for (size_t j = 0; j < sliced.size(); ++j) {
        const size_t i = sliced[j];
        std::map<std::string, ParamValue> params{{"dim", axes[i]}, {"start", starts[i]}, {"step", steps[i]}};
        if (ends[i] < kFar)
            params["stop"] = std::max(ends[i], -kFar);
        const bool last = j + 1 == sliced.size();
        x = addRow(n, "getitem", std::move(params), {x}, last ? "" : "/axis" + std::to_string(axes[i]));
    }
    output(n, x);
}

// ReduceMean/Sum/Max/Min over axes other than the batch: torch's mean/sum/amax/amin(dim, keepdim).
void Reader::reduce(const onnx::NodeProto &n)
{
    const std::string x = layerIn(n, 0);
    const std::string &op = n.op_type();
    std::vector<std::int64_t> axes;
    // ReduceSum takes its axes as an input from opset 13, the others from opset 18.
    if ((op == "ReduceSum" && opset_ >= 13) || opset_ >= 18) {
        if (auto c = constIn(n, 1))
            for (double v : c->v)
                axes.push_back(std::int64_t(v));
        else if (has(n, 1))
            throw Refuse{"its axes are computed, not constant"};
    } else {
        axes = attrInts(n, "axes", {});
    }
    if (axes.empty()) {
        if (attrInt(n, "noop_with_empty_axes", 0) != 0)
            return output(n, addRow(n, "Identity", {}, {x}));
        throw Refuse{"it reduces every axis, the batch included; ConvLens models one sample"};
    }
    const std::int64_t rank = std::int64_t(shapeOf(inName(n, 0)).size());
    ParamList dims;
    for (auto a : axes) {
        const std::int64_t r = a < 0 ? a + rank : a;
        if (r <= 0 || r >= rank)
            throw Refuse{"axes " + joinInts(axes) + " reduce the batch or an axis a rank-" + std::to_string(rank) +
                         " tensor does not have"};
        dims.push_back(r);
    }
    const std::string cls = op == "ReduceMean" ? "mean" : op == "ReduceSum" ? "sum" : op == "ReduceMax" ? "amax" : "amin";
    output(n, addRow(n, cls, {{"dim", dims}, {"keepdim", attrInt(n, "keepdims", 1) != 0}}, {x}));
}

// DepthToSpace in CRD order is torch's PixelShuffle; DCR (the default, TensorFlow's order) is not.
void Reader::depthToSpace(const onnx::NodeProto &n)
{
    const std::string mode = attrString(n, "mode", "DCR");
    if (mode != "CRD")
        throw Refuse{"mode '" + mode + "': torch's PixelShuffle takes channels in CRD order"};
    kindRow(n, "PixelShuffle", {{"upscale_factor", attrInt(n, "blocksize", 0)}});
}

void Reader::batchNorm(const onnx::NodeProto &n)
{
    const std::string x = layerIn(n, 0);
    if (attrInt(n, "training_mode", 0) != 0)
        throw Refuse{"training_mode=1 (batch statistics) is not mapped; ConvLens runs inference"};
    for (int o = 1; o < n.output_size(); ++o)
        if (used(n, o))
            throw Refuse{"its training outputs (running statistics) are used"};
    const auto scale = weightDims(n, 1);
    const std::int64_t c = product(scale);
    for (int i = 2; i <= 4; ++i)
        if (product(weightDims(n, i)) != c)
            throw Refuse{"its inputs disagree on the number of channels"};
    const std::string row = addRow(n, "BatchNorm2d", {{"num_features", c}, {"eps", attrFloat(n, "epsilon", 1e-5)}}, {x});
    if (wantWeights_) {
        auto &w = weights.layers[row];
        w["weight"] = weightArray(inName(n, 1), {c});
        w["bias"] = weightArray(inName(n, 2), {c});
        w["running_mean"] = weightArray(inName(n, 3), {c});
        w["running_var"] = weightArray(inName(n, 4), {c});
    }
    output(n, row);
}

void Reader::clip(const onnx::NodeProto &n)
{
    std::optional<double> lo, hi;
    if (opset_ < 11) {
        if (findAttr(n, "min"))
            lo = attrFloat(n, "min", 0);
        if (findAttr(n, "max"))
            hi = attrFloat(n, "max", 0);
    } else {
        if (auto c = constIn(n, 1); c && c->count() == 1)
            lo = c->v[0];
        if (auto c = constIn(n, 2); c && c->count() == 1)
            hi = c->v[0];
    }
    if (lo && *lo == 0 && hi && *hi == 6)
        return kindRow(n, "ReLU6");
    if (lo && *lo == 0 && !hi)
        return kindRow(n, "ReLU");
    kindRow(n, "Hardtanh", {{"min_val", lo.value_or(-std::numeric_limits<double>::infinity())},
                            {"max_val", hi.value_or(std::numeric_limits<double>::infinity())}});
}

void Reader::flatten(const onnx::NodeProto &n)
{
    const std::string x = layerIn(n, 0);
    const auto in = shapeOf(inName(n, 0));
    std::int64_t axis = attrInt(n, "axis", 1);
    if (axis < 0)
        axis += std::int64_t(in.size());
    if (axis != 1)
        throw Refuse{"Flatten(axis=" + std::to_string(axis) + ") is not torch.flatten(x, 1)"};
    output(n, addRow(n, "Flatten", {}, {x}));
}

void Reader::reshape(const onnx::NodeProto &n)
{
    const std::string x = layerIn(n, 0);
    const auto in = shapeOf(inName(n, 0));
    const Const target = constOf(inName(n, 1));
    const bool allowZero = attrInt(n, "allowzero", 0) != 0;
    std::vector<std::int64_t> out;
    int inferAt = -1;
    for (size_t i = 0; i < target.v.size(); ++i) {
        std::int64_t t = std::int64_t(target.v[i]);
        if (t == 0 && !allowZero) {
            if (i >= in.size())
                throw Refuse{"shape " + joinInts(out) + " copies a dimension the input does not have"};
            t = in[i];
        }
        if (t == -1) {
            if (inferAt >= 0)
                throw Refuse{"shape has two -1"};
            inferAt = int(i);
            t = 1;
        } else if (t < 0) {
            throw Refuse{"shape has a negative size " + std::to_string(t)};
        }
        out.push_back(t);
    }
    const std::int64_t total = product(in);
    if (inferAt >= 0 && product(out) > 0)
        out[size_t(inferAt)] = total / product(out);
    if (product(out) != total)
        throw Refuse{"cannot reshape " + joinInts(in) + " to " + joinInts(out)};
    if (out.empty() || out[0] != in[0])
        throw Refuse{"Reshape from " + joinInts(in) + " to " + joinInts(out) + " changes the batch dimension"};
    const std::vector<std::int64_t> a(in.begin() + 1, in.end()), b(out.begin() + 1, out.end());
    if (a == b)
        return output(n, addRow(n, "Identity", {}, {x}));
    size_t pre = 0;
    while (pre < a.size() && pre < b.size() && a[pre] == b[pre])
        ++pre;
    size_t suf = 0;
    while (suf < a.size() - pre && suf < b.size() - pre && a[a.size() - 1 - suf] == b[b.size() - 1 - suf])
        ++suf;
    const std::int64_t na = std::int64_t(a.size() - pre - suf), nb = std::int64_t(b.size() - pre - suf);
    if (nb == 1 && na >= 2) // merge neighbouring axes: torch dims count the batch
        return output(n, addRow(n, "Flatten", {{"start_dim", std::int64_t(pre) + 1},
                                               {"end_dim", std::int64_t(pre) + na}}, {x}));
    if (na == 1 && nb >= 2) {
        ParamList sizes;
        for (std::int64_t i = 0; i < nb; ++i)
            sizes.push_back(b[pre + size_t(i)]);
        return output(n, addRow(n, "Unflatten", {{"dim", std::int64_t(pre) + 1}, {"unflattened_size", sizes}}, {x}));
    }
    ParamList newShape; // any other regrouping: torch's x.reshape(…), the batch kept
    for (size_t i = 0; i < b.size(); ++i)
        newShape.push_back(b[i]);
    output(n, addRow(n, "reshape", {{"target_shape", newShape}}, {x}));
}

void Reader::resize(const onnx::NodeProto &n)
{
    const std::string x = layerIn(n, 0);
    const auto in = shapeOf(inName(n, 0));
    if (in.size() != 4)
        throw Refuse{"only 4-D (N, C, H, W) resizing is mapped"};
    const bool upsample = n.op_type() == "Upsample";
    const std::string mode = attrString(n, "mode", "nearest");
    const std::string ctm = upsample || opset_ < 11 ? "asymmetric"
                                                    : attrString(n, "coordinate_transformation_mode", "half_pixel");
    const std::string nearestMode = attrString(n, "nearest_mode", upsample || opset_ < 11 ? "floor"
                                                                                          : "round_prefer_floor");
    if (attrInt(n, "antialias", 0) != 0)
        throw Refuse{"antialias=1 is not mapped"};
    if (attrString(n, "keep_aspect_ratio_policy", "stretch") != "stretch")
        throw Refuse{"keep_aspect_ratio_policy other than 'stretch' is not mapped"};
    std::vector<std::int64_t> axes = attrInts(n, "axes", {0, 1, 2, 3});
    for (auto &a : axes)
        if (a < 0)
            a += 4;
    std::optional<Const> scales, sizes;
    if (upsample) {
        if (opset_ >= 9)
            scales = constIn(n, 1);
        else if (const auto *a = findAttr(n, "scales"))
            scales = Const{{a->floats_size()}, {a->floats().begin(), a->floats().end()}, false};
    } else if (opset_ < 11) {
        scales = constIn(n, 1);
    } else {
        scales = constIn(n, 2);
        sizes = constIn(n, 3);
    }
    if (scales && scales->count() == 0)
        scales.reset();
    if (sizes && sizes->count() == 0)
        sizes.reset();
    std::map<std::string, ParamValue> params;
    std::array<std::int64_t, 2> outHW{};
    std::array<float, 2> onnxScale{}; // onnxruntime's float scale of H and W
    std::array<double, 2> factorHW{};  // torch's scale_factor (0: a size)
    if (sizes) {
        std::vector<std::int64_t> full = in;
        if (sizes->count() != std::int64_t(axes.size()))
            throw Refuse{"sizes has " + std::to_string(sizes->count()) + " values for " +
                         std::to_string(axes.size()) + " axes"};
        for (size_t i = 0; i < axes.size(); ++i)
            full[size_t(axes[i])] = std::int64_t(sizes->v[i]);
        if (full[0] != in[0] || full[1] != in[1])
            throw Refuse{"it resizes the batch or channel axis"};
        params["size"] = ParamValue::ints({full[2], full[3]});
        for (int a = 0; a < 2; ++a) {
            outHW[size_t(a)] = full[size_t(a) + 2];
            onnxScale[size_t(a)] = float(full[size_t(a) + 2]) / float(in[size_t(a) + 2]);
        }
    } else if (scales) {
        std::vector<double> full(4, 1.0);
        if (scales->count() != std::int64_t(axes.size()))
            throw Refuse{"scales has " + std::to_string(scales->count()) + " values for " +
                         std::to_string(axes.size()) + " axes"};
        for (size_t i = 0; i < axes.size(); ++i)
            full[size_t(axes[i])] = scales->v[i];
        if (full[0] != 1.0 || full[1] != 1.0)
            throw Refuse{"it scales the batch or channel axis"};
        params["scale_factor"] = ParamList{ParamValue(full[2]), ParamValue(full[3])};
        for (int a = 0; a < 2; ++a) {
            const double f = full[size_t(a) + 2], i = double(in[size_t(a) + 2]);
            if (!(f > 0) || !(f <= 1e9)) // the shape engine refuses it, naming the factor
                continue;
            factorHW[size_t(a)] = f;
            onnxScale[size_t(a)] = float(f);
            // torch floors in · factor in double, onnxruntime in float
            outHW[size_t(a)] = std::int64_t(std::floor(i * f));
            if (std::int64_t(float(i) * onnxScale[size_t(a)]) != outHW[size_t(a)])
                throw Refuse{"scales " + std::to_string(f) + " of " + std::to_string(in[size_t(a) + 2]) +
                             " cells: torch's output size differs from the file's"};
        }
    } else {
        throw Refuse{"neither scales nor sizes is a constant"};
    }
    if (mode == "nearest") {
        // asymmetric is torch's 'nearest', tf_half_pixel_for_nn its 'nearest-exact' (half-pixel centres), both with
        // floor; each only where every cell reads the input cell onnxruntime reads (the scales are rounded apart)
        const bool halfPixel = ctm == "tf_half_pixel_for_nn";
        if ((ctm != "asymmetric" && !halfPixel) || nearestMode != "floor")
            throw Refuse{"nearest with coordinate_transformation_mode '" + ctm + "' and nearest_mode '" +
                         nearestMode + "': torch's nearest is asymmetric with floor"};
        const bool same = outHW[0] == in[2] && outHW[1] == in[3]; // onnxruntime copies an unchanged shape
        for (int a = 0; a < 2; ++a) {
            const std::int64_t i = in[size_t(a) + 2], o = outHW[size_t(a)];
            if (i < 1 || o < 1) // the shape engine refuses it, naming the size
                continue;
            if (o > (std::int64_t{1} << 16))
                throw Refuse{"nearest resizing to " + std::to_string(o) +
                             " cells is not mapped (at most 65,536 an axis)"};
            const double factor = sizes ? double(o) / double(i) : factorHW[size_t(a)];
            for (std::int64_t k = 0; k < o; ++k) {
                const std::int64_t file = dims::onnxNearestFloorSource(halfPixel, i, k, same ? 1.0f : onnxScale[size_t(a)]);
                const std::int64_t torch = halfPixel ? dims::nearestSourceExact(i, o, k, sizes ? 0.0 : factor)
                                                     : dims::nearestSource(i, o, k, factor);
                if (file != torch)
                    throw Refuse{"nearest with coordinate_transformation_mode '" + ctm + "': " +
                                 (a == 0 ? "row " : "column ") + std::to_string(k) + " reads input " +
                                 std::to_string(file) + " (" + std::to_string(i) + " → " + std::to_string(o) +
                                 "), where torch's '" + (halfPixel ? "nearest-exact" : "nearest") + "' reads " +
                                 std::to_string(torch)};
            }
        }
        params["mode"] = halfPixel ? "nearest-exact" : "nearest";
    } else if (mode == "linear" || mode == "bilinear") {
        if (ctm == "half_pixel" || ctm == "pytorch_half_pixel")
            params["align_corners"] = false;
        else if (ctm == "align_corners")
            params["align_corners"] = true;
        else
            throw Refuse{"linear with coordinate_transformation_mode '" + ctm +
                         "': torch's bilinear is half_pixel or align_corners"};
        params["mode"] = "bilinear";
    } else {
        throw Refuse{"mode '" + mode + "' is not mapped (nearest and linear are)"};
    }
    output(n, addRow(n, "Upsample", std::move(params), {x}));
}

void Reader::pad(const onnx::NodeProto &n)
{
    const std::string x = layerIn(n, 0);
    const auto in = shapeOf(inName(n, 0));
    if (in.size() != 4)
        throw Refuse{"only 4-D (N, C, H, W) padding is mapped"};
    const std::string mode = attrString(n, "mode", "constant");
    std::vector<std::int64_t> pads;
    double value = 0;
    if (opset_ < 11) {
        pads = attrInts(n, "pads", {});
        value = attrFloat(n, "value", 0.0);
    } else {
        const Const p = constOf(inName(n, 1));
        for (double v : p.v)
            pads.push_back(std::int64_t(v));
        if (auto c = constIn(n, 2); c && c->count() == 1)
            value = c->v[0];
        if (auto axesIn = constIn(n, 3)) {
            std::vector<std::int64_t> full(8, 0);
            const size_t na = size_t(axesIn->count());
            if (pads.size() != 2 * na)
                throw Refuse{"pads " + joinInts(pads) + " do not fit axes"};
            for (size_t i = 0; i < na; ++i) {
                std::int64_t a = std::int64_t(axesIn->v[i]);
                if (a < 0)
                    a += 4;
                if (a < 0 || a > 3)
                    throw Refuse{"axis out of range"};
                full[size_t(a)] = pads[i];
                full[size_t(a) + 4] = pads[na + i];
            }
            pads = full;
        }
    }
    if (pads.size() != 8)
        throw Refuse{"pads " + joinInts(pads) + " is not 8 numbers for a 4-D input"};
    if (pads[0] || pads[1] || pads[4] || pads[5])
        throw Refuse{"it pads the batch or channel axis"};
    for (auto v : pads)
        if (v < 0)
            throw Refuse{"negative pads (cropping) " + joinInts(pads)};
    const ParamValue lrtb = ParamValue::ints({pads[3], pads[7], pads[2], pads[6]});
    if (mode == "constant")
        return value == 0 ? kindRow(n, "ZeroPad2d", {{"padding", lrtb}})
                          : kindRow(n, "ConstantPad2d", {{"padding", lrtb}, {"value", value}});
    if (mode == "reflect")
        return kindRow(n, "ReflectionPad2d", {{"padding", lrtb}});
    if (mode == "edge")
        return kindRow(n, "ReplicationPad2d", {{"padding", lrtb}});
    throw Refuse{"mode '" + mode + "' is not mapped"};
}

void Reader::softmax(const onnx::NodeProto &n, const std::string &cls)
{
    const auto in = shapeOf(inName(n, 0));
    const std::int64_t rank = std::int64_t(in.size());
    std::int64_t axis = attrInt(n, "axis", opset_ < 13 ? 1 : -1);
    if (axis < 0)
        axis += rank;
    if (axis < 0 || axis >= rank)
        throw Refuse{"axis out of range for a rank-" + std::to_string(rank) + " input"};
    if (opset_ < 13) { // opset < 13 normalises over all axes from `axis` on together
        std::int64_t after = 1;
        for (std::int64_t i = axis + 1; i < rank; ++i)
            after *= in[size_t(i)];
        if (after != 1) {
            // It normalises axes axis..rank−1 together: flattened into one axis, normalised, unflattened.
            if (axis == 0)
                throw Refuse{n.op_type() + " at opset " + std::to_string(opset_) +
                             " over every axis, the batch included; ConvLens models one sample"};
            const std::string x = layerIn(n, 0);
            const std::string flat = addRow(n, "Flatten", {{"start_dim", axis}, {"end_dim", rank - 1}}, {x}, "/flatten");
            const std::string norm = addRow(n, cls, {{"dim", axis}}, {flat}, "/" + cls);
            ParamList sizes;
            for (std::int64_t i = axis; i < rank; ++i)
                sizes.push_back(in[size_t(i)]);
            return output(n, addRow(n, "Unflatten", {{"dim", axis}, {"unflattened_size", sizes}}, {norm}));
        }
    }
    kindRow(n, cls, {{"dim", axis}});
}

// InstanceNormalization of an (N, C, H, W) map: torch's InstanceNorm2d, its scale and bias as the affine (ones and
// zeros where the layer had none, as torch.onnx.export writes them).
void Reader::instanceNorm(const onnx::NodeProto &n)
{
    const std::string x = layerIn(n, 0);
    const auto in = shapeOf(inName(n, 0));
    if (in.size() != 4)
        throw Refuse{"InstanceNormalization of a rank-" + std::to_string(in.size()) +
                     " input: InstanceNorm2d (N, C, H, W) is mapped, and GroupNorm's Reshape → InstanceNormalization "
                     "→ Reshape"};
    const std::int64_t c = in[1];
    for (int i = 1; i <= 2; ++i)
        if (weightDims(n, i) != std::vector<std::int64_t>{c})
            throw Refuse{"its " + std::string(i == 1 ? "scale" : "bias") + " has shape " + joinInts(weightDims(n, i)) +
                         " for " + std::to_string(c) + " channels"};
    const std::string row = addRow(n, "InstanceNorm2d",
                                   {{"num_features", c}, {"eps", attrFloat(n, "epsilon", 1e-5)}, {"affine", true}}, {x});
    if (wantWeights_) {
        auto &w = weights.layers[row];
        w["weight"] = weightArray(inName(n, 1), {c});
        w["bias"] = weightArray(inName(n, 2), {c});
    }
    output(n, row);
}

void Reader::dropout(const onnx::NodeProto &n)
{
    if (used(n, 1))
        throw Refuse{"its mask output is used"};
    double ratio = opset_ < 12 ? attrFloat(n, "ratio", 0.5) : 0.5;
    if (opset_ >= 12) {
        if (auto c = constIn(n, 1); c && c->count() == 1)
            ratio = c->v[0];
        if (auto t = constIn(n, 2); t && t->count() == 1 && t->v[0] != 0)
            throw Refuse{"training_mode=true is not mapped; ConvLens runs inference"};
    }
    kindRow(n, "Dropout", {{"p", ratio}});
}

// ------------------------------------------------------------------------------------------------ constant folding
bool Reader::fold(const onnx::NodeProto &n)
{
    static const std::set<std::string> foldable = {"Constant", "Shape", "Gather", "Unsqueeze", "Squeeze", "Concat",
                                                   "Slice", "Cast", "ConstantOfShape", "Reshape", "Transpose",
                                                   "Identity", "Add", "Sub", "Mul", "Div", "Size"};
    if (!n.domain().empty() && n.domain() != "ai.onnx")
        return false;
    if (!foldable.count(n.op_type()))
        return false;
    const std::string &op = n.op_type();
    if (op != "Shape" && op != "Size")
        for (int i = 0; i < n.input_size(); ++i)
            if (!inName(n, i).empty() && !val(inName(n, i)).layer.empty())
                return false;
    Const r;
    if (op == "Constant") {
        if (const auto *a = findAttr(n, "value"))
            r = constFromTensor(a->t(), ownRaw(a->t()), path_);
        else if (const auto *f = findAttr(n, "value_float"))
            r = Const{{}, {double(f->f())}, false};
        else if (const auto *fs = findAttr(n, "value_floats"))
            r = Const{{fs->floats_size()}, {fs->floats().begin(), fs->floats().end()}, false};
        else if (const auto *i = findAttr(n, "value_int"))
            r = Const{{}, {double(i->i())}, true};
        else if (const auto *is = findAttr(n, "value_ints"))
            r = Const{{is->ints_size()}, {is->ints().begin(), is->ints().end()}, true};
        else
            throw Refuse{"a Constant without a value ConvLens reads"};
    } else if (op == "Shape" || op == "Size") {
        const auto s = shapeOf(inName(n, 0));
        if (op == "Size") {
            r = Const{{}, {double(product(s))}, true};
        } else {
            std::int64_t start = attrInt(n, "start", 0), end = attrInt(n, "end", std::int64_t(s.size()));
            const std::int64_t rank = std::int64_t(s.size());
            start = std::clamp(start < 0 ? start + rank : start, std::int64_t(0), rank);
            end = std::clamp(end < 0 ? end + rank : end, std::int64_t(0), rank);
            r.integer = true;
            for (std::int64_t i = start; i < end; ++i)
                r.v.push_back(double(s[size_t(i)]));
            r.dims = {std::int64_t(r.v.size())};
        }
    } else if (op == "Identity") {
        r = constOf(inName(n, 0));
    } else if (op == "Cast") {
        r = constOf(inName(n, 0));
        r.integer = isIntegerType(int(attrInt(n, "to", 1)));
        if (r.integer)
            for (auto &v : r.v)
                v = std::trunc(v);
    } else if (op == "ConstantOfShape") {
        const Const s = constOf(inName(n, 0));
        for (double d : s.v) {
            if (d < 0)
                throw Refuse{"a negative size"};
            r.dims.push_back(std::int64_t(d));
        }
        if (product(r.dims) > kMaxFoldElements)
            throw Refuse{"a constant of " + joinInts(r.dims) + " is larger than ConvLens folds"};
        double fill = 0;
        bool integer = false;
        if (const auto *a = findAttr(n, "value")) {
            const Const f = constFromTensor(a->t(), ownRaw(a->t()), path_);
            if (f.count() != 1)
                throw Refuse{"value must hold one element"};
            fill = f.v[0];
            integer = f.integer;
        }
        r.v.assign(size_t(product(r.dims)), fill);
        r.integer = integer;
    } else if (op == "Unsqueeze" || op == "Squeeze") {
        r = constOf(inName(n, 0));
        std::vector<std::int64_t> axes = opset_ < 13 ? attrInts(n, "axes", {}) : std::vector<std::int64_t>{};
        if (opset_ >= 13)
            if (auto a = constIn(n, 1))
                for (double v : a->v)
                    axes.push_back(std::int64_t(v));
        if (op == "Unsqueeze") {
            const std::int64_t rank = std::int64_t(r.dims.size() + axes.size());
            for (auto &a : axes)
                if (a < 0)
                    a += rank;
            std::sort(axes.begin(), axes.end());
            for (auto a : axes) {
                if (a < 0 || a > std::int64_t(r.dims.size()))
                    throw Refuse{"axis out of range"};
                r.dims.insert(r.dims.begin() + a, 1);
            }
        } else {
            const std::int64_t rank = std::int64_t(r.dims.size());
            std::vector<std::int64_t> keep;
            for (std::int64_t i = 0; i < rank; ++i) {
                const bool listed = axes.empty() ? r.dims[size_t(i)] == 1
                                                 : std::count(axes.begin(), axes.end(), i) ||
                                                       std::count(axes.begin(), axes.end(), i - rank);
                if (!listed)
                    keep.push_back(r.dims[size_t(i)]);
            }
            r.dims = keep;
        }
    } else if (op == "Reshape") {
        r = constOf(inName(n, 0));
        const Const s = constOf(inName(n, 1));
        std::vector<std::int64_t> dims;
        int inferAt = -1;
        for (size_t i = 0; i < s.v.size(); ++i) {
            std::int64_t d = std::int64_t(s.v[i]);
            if (d == 0 && i < r.dims.size())
                d = r.dims[i];
            if (d == -1) {
                inferAt = int(i);
                d = 1;
            }
            dims.push_back(d);
        }
        if (inferAt >= 0 && product(dims) > 0)
            dims[size_t(inferAt)] = r.count() / product(dims);
        if (product(dims) != r.count())
            throw Refuse{"cannot reshape a constant of " + std::to_string(r.count()) + " to " + joinInts(dims)};
        r.dims = dims;
    } else if (op == "Transpose") {
        const Const a = constOf(inName(n, 0));
        const size_t rank = a.dims.size();
        std::vector<std::int64_t> perm = attrInts(n, "perm", {});
        if (perm.empty())
            for (size_t i = rank; i-- > 0;)
                perm.push_back(std::int64_t(i));
        if (perm.size() != rank)
            throw Refuse{"perm does not fit the rank"};
        r.integer = a.integer;
        for (auto p : perm)
            r.dims.push_back(a.dims.at(size_t(p)));
        const auto inStrides = stridesOf(a.dims);
        forEachIndex(r.dims, [&](const std::vector<std::int64_t> &idx) {
            std::int64_t off = 0;
            for (size_t i = 0; i < rank; ++i)
                off += idx[i] * inStrides[size_t(perm[i])];
            r.v.push_back(a.v[size_t(off)]);
        });
    } else if (op == "Gather") {
        const Const data = constOf(inName(n, 0)), idx = constOf(inName(n, 1));
        std::int64_t axis = attrInt(n, "axis", 0);
        const std::int64_t rank = std::int64_t(data.dims.size());
        if (axis < 0)
            axis += rank;
        if (rank < 1 || axis < 0 || axis >= rank)
            throw Refuse{"axis out of range"};
        const std::int64_t outer = product({data.dims.begin(), data.dims.begin() + axis});
        const std::int64_t inner = product({data.dims.begin() + axis + 1, data.dims.end()});
        const std::int64_t len = data.dims[size_t(axis)];
        r.integer = data.integer;
        r.dims.assign(data.dims.begin(), data.dims.begin() + axis);
        r.dims.insert(r.dims.end(), idx.dims.begin(), idx.dims.end());
        r.dims.insert(r.dims.end(), data.dims.begin() + axis + 1, data.dims.end());
        for (std::int64_t o = 0; o < outer; ++o)
            for (double iv : idx.v) {
                std::int64_t j = std::int64_t(iv);
                if (j < 0)
                    j += len;
                if (j < 0 || j >= len)
                    throw Refuse{"index " + std::to_string(std::int64_t(iv)) + " out of range"};
                for (std::int64_t k = 0; k < inner; ++k)
                    r.v.push_back(data.v[size_t((o * len + j) * inner + k)]);
            }
    } else if (op == "Concat") {
        std::vector<Const> parts;
        for (int i = 0; i < n.input_size(); ++i)
            parts.push_back(constOf(inName(n, i)));
        std::int64_t axis = attrInt(n, "axis", 0);
        const std::int64_t rank = std::int64_t(parts.at(0).dims.size());
        if (axis < 0)
            axis += rank;
        if (axis < 0 || axis >= rank)
            throw Refuse{"axis out of range"};
        r.dims = parts[0].dims;
        r.dims[size_t(axis)] = 0;
        r.integer = true;
        for (const auto &p : parts) {
            if (p.dims.size() != size_t(rank))
                throw Refuse{"inputs of different ranks"};
            r.dims[size_t(axis)] += p.dims[size_t(axis)];
            r.integer = r.integer && p.integer;
        }
        const std::int64_t outer = product({r.dims.begin(), r.dims.begin() + axis});
        for (std::int64_t o = 0; o < outer; ++o)
            for (const auto &p : parts) {
                const std::int64_t chunk = product({p.dims.begin() + axis, p.dims.end()});
                r.v.insert(r.v.end(), p.v.begin() + o * chunk, p.v.begin() + (o + 1) * chunk);
            }
    } else if (op == "Slice") {
        const Const data = constOf(inName(n, 0));
        const std::int64_t rank = std::int64_t(data.dims.size());
        const auto [starts, ends, axes, steps] = sliceArgs(n);
        std::vector<std::int64_t> begin(size_t(rank), 0), step(size_t(rank), 1);
        r.dims = data.dims;
        for (size_t i = 0; i < starts.size(); ++i) {
            std::int64_t a = axes[i] < 0 ? axes[i] + rank : axes[i];
            if (a < 0 || a >= rank || steps[i] == 0)
                throw Refuse{"a slice axis or step out of range"};
            const std::int64_t dim = data.dims[size_t(a)];
            std::int64_t s = starts[i], e = ends[i];
            const std::int64_t st = steps[i];
            if (s < 0)
                s = s < -dim ? 0 : s + dim;
            if (e < 0)
                e = e < -dim ? -1 : e + dim;
            if (st > 0) {
                s = std::clamp<std::int64_t>(s, 0, dim);
                e = std::clamp<std::int64_t>(e, 0, dim);
                r.dims[size_t(a)] = e > s ? (e - s + st - 1) / st : 0;
            } else {
                s = std::clamp<std::int64_t>(s, 0, dim - 1);
                e = std::clamp<std::int64_t>(e, -1, dim - 1);
                r.dims[size_t(a)] = s > e ? (s - e + (-st) - 1) / (-st) : 0;
            }
            begin[size_t(a)] = s;
            step[size_t(a)] = st;
        }
        r.integer = data.integer;
        const auto inStrides = stridesOf(data.dims);
        forEachIndex(r.dims, [&](const std::vector<std::int64_t> &idx) {
            std::int64_t off = 0;
            for (size_t i = 0; i < size_t(rank); ++i)
                off += (begin[i] + idx[i] * step[i]) * inStrides[i];
            r.v.push_back(data.v[size_t(off)]);
        });
    } else { // Add, Sub, Mul, Div with numpy broadcasting
        const Const a = constOf(inName(n, 0)), b = constOf(inName(n, 1));
        const size_t rank = std::max(a.dims.size(), b.dims.size());
        std::vector<std::int64_t> ad(rank, 1), bd(rank, 1);
        std::copy(a.dims.begin(), a.dims.end(), ad.begin() + std::ptrdiff_t(rank - a.dims.size()));
        std::copy(b.dims.begin(), b.dims.end(), bd.begin() + std::ptrdiff_t(rank - b.dims.size()));
        r.dims.resize(rank);
        for (size_t i = 0; i < rank; ++i) {
            if (ad[i] != bd[i] && ad[i] != 1 && bd[i] != 1)
                throw Refuse{"shapes " + joinInts(a.dims) + " and " + joinInts(b.dims) + " do not broadcast"};
            r.dims[i] = std::max(ad[i], bd[i]);
        }
        r.integer = a.integer && b.integer;
        const auto as = stridesOf(ad), bs = stridesOf(bd);
        forEachIndex(r.dims, [&](const std::vector<std::int64_t> &idx) {
            std::int64_t ao = 0, bo = 0;
            for (size_t i = 0; i < rank; ++i) {
                ao += (ad[i] == 1 ? 0 : idx[i]) * as[i];
                bo += (bd[i] == 1 ? 0 : idx[i]) * bs[i];
            }
            const double x = a.v[size_t(ao)], y = b.v[size_t(bo)];
            double z = op == "Add" ? x + y : op == "Sub" ? x - y : op == "Mul" ? x * y : x / y;
            if (r.integer && op == "Div")
                z = y == 0 ? 0 : std::trunc(x / y);
            r.v.push_back(z);
        });
    }
    if (r.count() > kMaxFoldElements)
        throw Refuse{"a constant larger than ConvLens folds"};
    values_[n.output(0)] = Value{{}, std::move(r), nullptr, {}};
    return true;
}

// ------------------------------------------------------------------------------------------------ the graph
// ------------------------------------------------------------------------------------------------ patterns
void Reader::findFusions()
{
    const auto &graph = model_.graph();
    std::unordered_map<std::string, int> producer;
    std::unordered_map<std::string, std::vector<int>> consumers;
    for (int i = 0; i < graph.node_size(); ++i) {
        for (const auto &o : graph.node(i).output())
            if (!o.empty())
                producer[o] = i;
        for (const auto &in : graph.node(i).input())
            if (!in.empty())
                consumers[in].push_back(i);
    }
    std::set<int> claimed;
    // The node (by index) that makes `v`, if it is `op` of the default domain, not yet in a pattern; else -1.
    const auto made = [&](const std::string &v, const char *op) {
        const auto it = producer.find(v);
        if (it == producer.end() || claimed.count(it->second))
            return -1;
        const auto &n = graph.node(it->second);
        return n.op_type() == op && (n.domain().empty() || n.domain() == "ai.onnx") ? it->second : -1;
    };
    // The one node that reads `v`, if `v` has no other use (nor is a graph output) and it is `op`; else -1.
    const auto soleUser = [&](const std::string &v, const char *op) {
        const auto it = consumers.find(v);
        if (it == consumers.end() || it->second.size() != 1 || uses_[v] != 1 || claimed.count(it->second[0]))
            return -1;
        const auto &n = graph.node(it->second[0]);
        return n.op_type() == op && (n.domain().empty() || n.domain() == "ai.onnx") && n.output_size() >= 1 &&
                       !n.output(0).empty()
                   ? it->second[0]
                   : -1;
    };
    const auto constant = [&](const std::string &v) {
        const auto it = producer.find(v);
        return inits_.count(v) > 0 || (it != producer.end() && graph.node(it->second).op_type() == "Constant");
    };
    // A binary node's operands as (computed, constant) when exactly one is a constant.
    const auto split = [&](int i, std::string *x, std::string *c) {
        const auto &n = graph.node(i);
        if (n.input_size() != 2 || n.output_size() < 1 || constant(n.input(0)) == constant(n.input(1)))
            return false;
        const bool first = constant(n.input(0));
        *x = n.input(first ? 1 : 0);
        *c = n.input(first ? 0 : 1);
        return true;
    };
    // The other operand of binary node i, whose one operand is `v`.
    const auto other = [&](int i, const std::string &v) -> std::string {
        const auto &n = graph.node(i);
        if (n.input_size() != 2 || n.output_size() < 1)
            return {};
        return n.input(0) == v ? n.input(1) : n.input(1) == v ? n.input(0) : std::string();
    };
    // The dims of a constant, when the file states them (an initializer or a Constant's tensor).
    const auto constDims = [&](const std::string &v) -> std::optional<std::vector<std::int64_t>> {
        if (const auto it = inits_.find(v); it != inits_.end())
            return std::vector<std::int64_t>(it->second->dims().begin(), it->second->dims().end());
        const auto it = producer.find(v);
        if (it == producer.end())
            return std::nullopt;
        const auto *a = findAttr(graph.node(it->second), "value");
        if (!a)
            return std::nullopt;
        return std::vector<std::int64_t>(a->t().dims().begin(), a->t().dims().end());
    };
    const auto perChannel = [&](const std::string &v) { // (k, 1, …, 1)
        const auto d = constDims(v);
        return d && d->size() >= 2 && std::all_of(d->begin() + 1, d->end(), [](std::int64_t x) { return x == 1; });
    };
    const auto claim = [&](int last, Fusion f, std::initializer_list<int> others) {
        claimed.insert(last);
        for (int o : others) {
            claimed.insert(o);
            fusedAway_.insert(o);
        }
        fusions_.emplace(last, std::move(f));
    };

    for (int i = 0; i < graph.node_size(); ++i) {
        const auto &n = graph.node(i);
        if (claimed.count(i) || !(n.domain().empty() || n.domain() == "ai.onnx") || n.output_size() < 1)
            continue;
        const std::string &op = n.op_type();
        if (op == "Erf" && n.input_size() == 1) {
            // GELU, exact: x · ½ · (1 + erf(x / √2)), as torch.onnx.export (Div by √2, the ½ last) and ConvLens'
            // export (Mul by 1/√2, the ½ on x first) write it
            std::string x, scale;
            int s = made(n.input(0), "Mul");
            const bool div = s < 0;
            if (div)
                s = made(n.input(0), "Div");
            if (s < 0 || uses_[n.input(0)] != 1 || !split(s, &x, &scale) ||
                (div && graph.node(s).input(0) != x))
                continue;
            std::string one, y, half;
            const int a = soleUser(n.output(0), "Add");
            if (a < 0 || (one = other(a, n.output(0))).empty() || !constant(one))
                continue;
            const int m1 = soleUser(graph.node(a).output(0), "Mul");
            if (m1 < 0 || (y = other(m1, graph.node(a).output(0))).empty())
                continue;
            if (y == x) { // (x · (1 + erf)) · ½
                const int m2 = soleUser(graph.node(m1).output(0), "Mul");
                if (m2 < 0 || (half = other(m2, graph.node(m1).output(0))).empty() || !constant(half))
                    continue;
                claim(m2, Fusion{Fusion::Gelu, i, x, {scale, div ? "div" : "mul", one, half}}, {s, i, a, m1});
            } else { // (x · ½) · (1 + erf)
                std::string hx;
                const int h = made(y, "Mul");
                if (h < 0 || uses_[y] != 1 || !split(h, &hx, &half) || hx != x)
                    continue;
                claim(m1, Fusion{Fusion::Gelu, i, x, {scale, div ? "div" : "mul", one, half}}, {s, i, a, h});
            }
        } else if (op == "Greater" && n.input_size() == 2) {
            // torch Softplus(β, threshold): Where(Greater(βx, threshold), x, Softplus(βx) / β)
            const std::string &bx = n.input(0), &threshold = n.input(1);
            std::string x, beta, beta2;
            const int b = made(bx, "Mul");
            if (!constant(threshold) || b < 0 || uses_[bx] != 2 || !split(b, &x, &beta))
                continue;
            const int w = soleUser(n.output(0), "Where");
            if (w < 0 || graph.node(w).input_size() != 3 || graph.node(w).input(0) != n.output(0) ||
                graph.node(w).input(1) != x)
                continue;
            const int d = made(graph.node(w).input(2), "Div");
            if (d < 0 || uses_[graph.node(w).input(2)] != 1 || graph.node(d).input_size() != 2 ||
                !constant(beta2 = graph.node(d).input(1)))
                continue;
            const int sp = made(graph.node(d).input(0), "Softplus");
            if (sp < 0 || uses_[graph.node(d).input(0)] != 1 || graph.node(sp).input_size() != 1 ||
                graph.node(sp).input(0) != bx)
                continue;
            claim(w, Fusion{Fusion::Softplus, i, x, {beta, beta2, threshold}}, {b, sp, d, i});
        } else if (op == "Less" && n.input_size() == 2) {
            // Keras ReLU(max_value): Where(Less(x, 0), x · negative_slope, Min(x, max_value))
            const std::string &x = n.input(0), &zero = n.input(1);
            std::string mx, slope, cx, top;
            const int w = soleUser(n.output(0), "Where");
            if (!constant(zero) || constant(x) || w < 0 || graph.node(w).input_size() != 3 ||
                graph.node(w).input(0) != n.output(0))
                continue;
            const int m = made(graph.node(w).input(1), "Mul"), c = made(graph.node(w).input(2), "Min");
            if (m < 0 || c < 0 || uses_[graph.node(w).input(1)] != 1 || uses_[graph.node(w).input(2)] != 1 ||
                !split(m, &mx, &slope) || !split(c, &cx, &top) || mx != x || cx != x)
                continue;
            claim(w, Fusion{Fusion::ReluClip, i, x, {zero, slope, top}}, {i, m, c});
        } else if (op == "InstanceNormalization" && n.input_size() == 3) {
            // GroupNorm: Reshape(x, (N, G, rest)) → InstanceNormalization (ones, zeros) → Reshape back, then the
            // affine as a per-channel Mul and Add (ConvLens' export writes them always, torch's when affine)
            const int r1 = made(n.input(0), "Reshape");
            if (r1 < 0 || uses_[n.input(0)] != 1 || graph.node(r1).input_size() != 2 || !constant(n.input(1)) ||
                !constant(n.input(2)))
                continue;
            const int r2 = soleUser(n.output(0), "Reshape");
            if (r2 < 0 || graph.node(r2).input(0) != n.output(0) || graph.node(r2).input_size() != 2)
                continue;
            Fusion f{Fusion::GroupNorm, i, graph.node(r1).input(0),
                     {graph.node(r1).input(1), n.input(1), n.input(2), graph.node(r2).input(1)}, &n, false};
            std::string scale, bias;
            const int m = soleUser(graph.node(r2).output(0), "Mul");
            const int a = m < 0 ? -1 : soleUser(graph.node(m).output(0), "Add");
            if (a >= 0 && !(scale = other(m, graph.node(r2).output(0))).empty() && perChannel(scale) &&
                !(bias = other(a, graph.node(m).output(0))).empty() && perChannel(bias)) {
                f.affine = true;
                f.constants.push_back(scale);
                f.constants.push_back(bias);
                claim(a, std::move(f), {r1, i, r2, m});
            } else {
                claim(r2, std::move(f), {r1, i});
            }
        }
    }
}

// A pattern whose values do not fit: one refused row, named after its key node, in place of the whole pattern.
void Reader::refuseFusion(const Fusion &f, const onnx::NodeProto &last, const std::string &why)
{
    const auto &key = model_.graph().node(f.key);
    const std::string label =
        tx(QT_TRANSLATE_NOOP("convlens::core", "ONNX node '%1' (%2): %3"), {nodeLabel(key), key.op_type(), why});
    const auto it = values_.find(f.x);
    if (it == values_.end() || it->second.layer.empty()) {
        values_[last.output(0)].unresolved = "comes from " + label;
        g_.notes.push_back(label);
        return;
    }
    const std::string row = addRow(key, "Identity", {}, {it->second.layer});
    g_.layers.back().params["refused_by_reader"] = label;
    output(last, row);
}

void Reader::emitFusion(const Fusion &f, const onnx::NodeProto &last)
{
    const Value &xv = val(f.x);
    if (xv.layer.empty())
        throw Refuse{"its input '" + f.x + "' is a constant, not a computed tensor"};
    const auto scalar = [&](const std::string &name, const char *what) {
        const Const c = constOf(name);
        if (c.count() != 1)
            throw Refuse{std::string(what) + " '" + name + "' has " + std::to_string(c.count()) +
                         " values where the pattern has one number"};
        return c.v[0];
    };
    const auto num = [](double v) { return ParamValue(v).toPython(); };
    const auto near = [](double a, double b) { return std::abs(a - b) <= 1e-6 * std::max(1.0, std::abs(b)); };
    switch (f.kind) {
    case Fusion::Gelu: {
        const double s = scalar(f.constants[0], "the scale"), one = scalar(f.constants[2], "the 1 added"),
                     half = scalar(f.constants[3], "the ½");
        const bool div = f.constants[1] == "div";
        if (!near(s, div ? std::numbers::sqrt2 : std::numbers::sqrt2 / 2) || !near(one, 1.0) || !near(half, 0.5))
            throw Refuse{"an Erf pattern that is not GELU's x · ½ · (1 + erf(x / √2)): " + std::string(div ? "x / " : "x · ") +
                         num(s) + ", + " + num(one) + ", · " + num(half)};
        return output(last, addRow(last, "GELU", {}, {xv.layer}));
    }
    case Fusion::Softplus: {
        const double beta = scalar(f.constants[0], "β"), beta2 = scalar(f.constants[1], "the divisor"),
                     threshold = scalar(f.constants[2], "the threshold");
        if (beta != beta2)
            throw Refuse{"Softplus(βx) / β with two different β (" + num(beta) + " and " +
                         num(beta2) + ")"};
        if (!(beta > 0) || !std::isfinite(beta) || !std::isfinite(threshold))
            throw Refuse{"torch Softplus with β " + num(beta) + " and threshold " +
                         num(threshold) + " (β > 0 and a finite threshold are mapped)"};
        return output(last, addRow(last, "Softplus", {{"beta", beta}, {"threshold", threshold}}, {xv.layer}));
    }
    case Fusion::ReluClip: {
        const double zero = scalar(f.constants[0], "the threshold"), slope = scalar(f.constants[1], "the slope"),
                     top = scalar(f.constants[2], "the maximum");
        if (zero != 0.0 || slope != 0.0 || !(top > 0) || !std::isfinite(top))
            throw Refuse{"Where(x < " + num(zero) + ", x · " + num(slope) + ", min(x, " + num(top) +
                         ")): Keras ReLU(max_value) with threshold 0 and negative_slope 0 is mapped (as Hardtanh(0, "
                         "max_value)); torch has no row for the others"};
        if (top == 6.0)
            return output(last, addRow(last, "ReLU6", {}, {xv.layer}));
        return output(last, addRow(last, "Hardtanh", {{"min_val", 0.0}, {"max_val", top}}, {xv.layer}));
    }
    case Fusion::GroupNorm: {
        const auto in = shapeOf(f.x);
        if (in.size() < 3)
            throw Refuse{"GroupNorm of a rank-" + std::to_string(in.size()) + " input (N, C, …) is not mapped"};
        const std::int64_t N = in[0], C = in[1], total = product(in);
        // Reshape's target with 0 (copy) and one −1 (the rest), as ONNX resolves it
        const auto target = [&](const std::string &name, const std::vector<std::int64_t> &from) {
            const Const c = constOf(name);
            if (!c.integer)
                throw Refuse{"the Reshape shape '" + name + "' is not integers"};
            std::vector<std::int64_t> out;
            int infer = -1;
            std::int64_t known = 1;
            if (total <= 0)
                throw Refuse{"GroupNorm of an empty tensor " + joinInts(in)};
            for (size_t i = 0; i < c.v.size(); ++i) {
                if (!(std::abs(c.v[i]) <= double(total)))
                    throw Refuse{"the Reshape shape '" + name + "' has a dimension larger than the tensor"};
                std::int64_t d = std::int64_t(c.v[i]);
                if (d == 0 && i < from.size())
                    d = from[i];
                if (d == -1 && infer < 0)
                    infer = int(i);
                else if (d <= 0 || known > total / d)
                    throw Refuse{"the Reshape shape " + joinInts({c.v.begin(), c.v.end()}) + " is not mapped"};
                else
                    known *= d;
                out.push_back(d);
            }
            if (infer >= 0)
                out[size_t(infer)] = known > 0 && total % known == 0 ? total / known : -1;
            return out;
        };
        const auto grouped = target(f.constants[0], in);
        if (grouped.size() != 3 || grouped[0] != N || grouped[1] < 1 || C % grouped[1] != 0 ||
            grouped[2] != total / N / grouped[1])
            throw Refuse{"InstanceNormalization of " + joinInts(grouped) + ", which is not (N, groups, rest) of " +
                         joinInts(in)};
        const std::int64_t G = grouped[1];
        const Const ones = constOf(f.constants[1]), zeros = constOf(f.constants[2]);
        if (ones.count() != G || zeros.count() != G ||
            std::any_of(ones.v.begin(), ones.v.end(), [](double v) { return v != 1.0; }) ||
            std::any_of(zeros.v.begin(), zeros.v.end(), [](double v) { return v != 0.0; }))
            throw Refuse{"the grouped InstanceNormalization has a scale or bias other than ones and zeros"};
        if (target(f.constants[3], grouped) != in)
            throw Refuse{"the Reshape after InstanceNormalization does not give back " + joinInts(in)};
        std::vector<std::int64_t> wantDims{C};
        wantDims.resize(in.size() - 1, 1);
        // The affine: (C, 1, …) per channel, or one number for all (torch's affine=False: 1 and 0)
        std::vector<std::int64_t> oneDims(in.size() - 1, 1);
        if (f.affine)
            for (size_t k = 4; k <= 5; ++k)
                if (const auto d = shapeOf(f.constants[k]); d != wantDims && d != oneDims)
                    throw Refuse{"the " + std::string(k == 4 ? "Mul" : "Add") + " after the grouped InstanceNormalization "
                                 "has shape " + joinInts(d) + ", not per channel " + joinInts(wantDims)};
        const double eps = attrFloat(*f.detail, "epsilon", 1e-5);
        const bool instance = G == C && in.size() == 4;
        std::map<std::string, ParamValue> params;
        if (instance)
            params = {{"num_features", C}, {"eps", eps}, {"affine", f.affine}};
        else
            params = {{"num_groups", G}, {"num_channels", C}, {"eps", eps}, {"affine", f.affine}};
        const std::string row = addRow(last, instance ? "InstanceNorm2d" : "GroupNorm", std::move(params), {xv.layer});
        if (f.affine && wantWeights_) {
            auto &w = weights.layers[row];
            for (size_t k = 4; k <= 5; ++k) {
                NdArray a = weightArray(f.constants[k], {C});
                if (a.data.size() == 1)
                    a.data.assign(size_t(C), a.data[0]);
                w[k == 4 ? "weight" : "bias"] = std::move(a);
            }
        }
        return output(last, row);
    }
    }
}

const std::string &Reader::inName(const onnx::NodeProto &n, int i)
{
    if (i >= n.input_size())
        throw Refuse{n.op_type() + " needs input " + std::to_string(i + 1) + "; this node has " +
                     std::to_string(n.input_size())};
    return n.input(i);
}

std::string Reader::nodeLabel(const onnx::NodeProto &n)
{
    if (!n.name().empty())
        return n.name();
    return n.output_size() > 0 ? n.output(0) : "#unnamed";
}

void Reader::mapNode(const onnx::NodeProto &n)
{
    if (n.output_size() == 0)
        throw Refuse{"it has no outputs"};
    if (fold(n))
        return;
    if (!n.domain().empty() && n.domain() != "ai.onnx")
        throw Refuse{"op domain '" + n.domain() + "' is not ai.onnx; ConvLens does not map it"};
    const std::string &op = n.op_type();
    if (op == "Conv")
        return conv(n);
    if (op == "ConvTranspose")
        return convTranspose(n);
    if (op == "MaxPool" || op == "AveragePool")
        return pool(n, op == "MaxPool");
    if (op == "GlobalAveragePool")
        return kindRow(n, "AdaptiveAvgPool2d", {{"output_size", 1}});
    if (op == "GlobalMaxPool")
        return kindRow(n, "AdaptiveMaxPool2d", {{"output_size", 1}});
    if (op == "Gemm")
        return gemm(n);
    if (op == "MatMul")
        return matmul(n);
    if (op == "Add" || op == "Mul" || op == "Sub" || op == "Div")
        return binary(n);
    if (op == "BatchNormalization")
        return batchNorm(n);
    if (op == "Relu")
        return kindRow(n, "ReLU");
    if (op == "LeakyRelu")
        return kindRow(n, "LeakyReLU", {{"negative_slope", attrFloat(n, "alpha", 0.01)}});
    if (op == "Sigmoid")
        return kindRow(n, "Sigmoid");
    if (op == "Tanh")
        return kindRow(n, "Tanh");
    if (op == "Elu")
        return kindRow(n, "ELU", {{"alpha", attrFloat(n, "alpha", 1.0)}});
    if (op == "Selu")
        return kindRow(n, "SELU");
    if (op == "Softplus")
        return kindRow(n, "Softplus");
    if (op == "Softsign")
        return kindRow(n, "Softsign");
    if (op == "HardSwish")
        return kindRow(n, "Hardswish");
    if (op == "Mish")
        return kindRow(n, "Mish");
    if (op == "HardSigmoid") {
        const double alpha = attrFloat(n, "alpha", 0.2), beta = attrFloat(n, "beta", 0.5);
        if (std::abs(alpha - 1.0 / 6.0) <= 1e-6 && std::abs(beta - 0.5) <= 1e-6)
            return kindRow(n, "Hardsigmoid");
        // Any other slope (Keras' hard_sigmoid: 0.2, 0.5) is max(0, min(1, α·x + β)): three torch rows.
        const std::string x = layerIn(n, 0);
        const std::string scaled = addRow(n, "mul", {{"other", alpha}}, {x}, "/scale");
        const std::string shifted = addRow(n, "add_scalar", {{"other", beta}}, {scaled}, "/shift");
        return output(n, addRow(n, "Hardtanh", {{"min_val", 0.0}, {"max_val", 1.0}}, {shifted}));
    }
    if (op == "Clip")
        return clip(n);
    if (op == "Concat") {
        std::vector<std::string> ins;
        for (int i = 0; i < n.input_size(); ++i)
            ins.push_back(layerIn(n, i));
        return output(n, addRow(n, "cat", {{"dim", attrInt(n, "axis", 1)}}, ins));
    }
    if (op == "Transpose")
        return transpose(n);
    if (op == "Slice")
        return slice(n);
    if (op == "ReduceMean" || op == "ReduceSum" || op == "ReduceMax" || op == "ReduceMin")
        return reduce(n);
    if (op == "DepthToSpace")
        return depthToSpace(n);
    if (op == "Flatten")
        return flatten(n);
    if (op == "Reshape")
        return reshape(n);
    if (op == "Resize" || op == "Upsample")
        return resize(n);
    if (op == "Pad")
        return pad(n);
    if (op == "Dropout")
        return dropout(n);
    if (op == "Identity")
        return kindRow(n, "Identity");
    if (op == "Softmax")
        return softmax(n, "Softmax");
    if (op == "LogSoftmax")
        return softmax(n, "LogSoftmax");
    if (op == "Exp") // torch has no exp row: e ** x, pow with the number as the base
        return output(n, addRow(n, "pow", {{"other", std::numbers::e}, {"reverse", true}}, {layerIn(n, 0)}));
    if (op == "InstanceNormalization")
        return instanceNorm(n);
    throw Refuse{"ONNX op " + op + " is not one ConvLens maps to a layer"};
}

void Reader::declareInputs()
{
    const auto &graph = model_.graph();
    for (const auto &t : graph.initializer()) {
        checkTensorData(t, rawOf(t), path_);
        inits_[t.name()] = &t;
        values_[t.name()] = Value{{}, std::nullopt, &t, {}};
    }
    for (const auto &in : graph.input()) {
        if (inits_.count(in.name()))
            continue; // IR < 4 lists initializers as inputs too
        const auto &tt = in.type().tensor_type();
        if (!in.type().has_tensor_type())
            throw Fail{tx(QT_TRANSLATE_NOOP("convlens::core", "input '%1' is not a tensor"), {in.name()})};
        if (tt.elem_type() != onnx::TensorProto::FLOAT)
            throw Fail{tx(QT_TRANSLATE_NOOP("convlens::core",
                                            "input '%1' has element type %2; ConvLens models take float32 inputs"),
                          {in.name(), std::to_string(tt.elem_type())})};
        Shape s;
        const auto &dims = tt.shape().dim();
        for (int i = 1; i < dims.size(); ++i) {
            if (!dims[i].has_dim_value() || dims[i].dim_value() <= 0) {
                if (opts_.inputShape)
                    break;
                throw Fail{tx(QT_TRANSLATE_NOOP(
                                  "convlens::core",
                                  "input '%1' has an unknown dimension %2%3; give the shape with --input-shape C,H,W"),
                              {in.name(), std::to_string(i),
                               dims[i].dim_param().empty() ? "" : " ('" + dims[i].dim_param() + "')"})};
            }
            s.push_back(dims[i].dim_value());
        }
        if (opts_.inputShape && graph.input_size() - int(inits_.size()) <= 1)
            s = *opts_.inputShape;
        if (s.empty())
            throw Fail{
                tx(QT_TRANSLATE_NOOP("convlens::core", "input '%1' has no dimensions besides the batch"), {in.name()})};
        ParamList shape;
        for (auto d : s)
            shape.push_back(d);
        Layer l;
        l.name = in.name();
        l.type = "Input";
        l.params["shape"] = shape;
        rowNames_.insert(l.name);
        g_.layers.push_back(std::move(l));
        values_[in.name()] = Value{in.name(), std::nullopt, nullptr, {}};
    }
}

// Node order: the file's, checked (ONNX requires topological order); a cycle or a dangling input is refused.
std::vector<int> Reader::nodeOrder()
{
    const auto &graph = model_.graph();
    std::unordered_map<std::string, int> producer;
    for (int i = 0; i < graph.node_size(); ++i)
        for (const auto &o : graph.node(i).output())
            if (!o.empty())
                producer[o] = i;
    const int n = graph.node_size();
    std::vector<int> pending(size_t(n), 0);
    std::vector<std::vector<int>> consumers(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i)
        for (const auto &in : graph.node(i).input()) {
            if (in.empty())
                continue;
            ++uses_[in];
            const auto p = producer.find(in);
            if (p != producer.end()) {
                ++pending[size_t(i)];
                consumers[size_t(p->second)].push_back(i);
            } else if (!values_.count(in)) {
                const auto &node = graph.node(i);
                throw Fail{
                    tx(QT_TRANSLATE_NOOP("convlens::core",
                                         "node '%1' (%2) uses '%3', which no node, input or initializer defines"),
                       {node.name(), node.op_type(), in})};
            }
        }
    for (const auto &o : graph.output())
        ++uses_[o.name()];
    std::vector<int> order, ready;
    for (int i = n; i-- > 0;)
        if (pending[size_t(i)] == 0)
            ready.push_back(i);
    while (!ready.empty()) {
        const int i = ready.back();
        ready.pop_back();
        order.push_back(i);
        for (int c : consumers[size_t(i)])
            if (--pending[size_t(c)] == 0)
                ready.push_back(c);
    }
    if (int(order.size()) != n) {
        std::string names;
        for (int i = 0; i < n && names.size() < 200; ++i)
            if (pending[size_t(i)] > 0)
                names += (names.empty() ? "'" : ", '") + graph.node(i).name() + "'";
        throw Fail{
            tx(QT_TRANSLATE_NOOP("convlens::core", "the graph has a cycle (nodes %1 wait on each other)"), {names})};
    }
    return order;
}

LoadResult Reader::read()
{
    try {
        parse();
        g_.framework = Framework::PyTorch;
        declareInputs();
        const auto order = nodeOrder();
        findFusions();
        for (int i : order) {
            if (fusedAway_.count(i))
                continue;
            nodeIndex_ = i;
            const auto &n = model_.graph().node(i);
            const auto f = fusions_.find(i);
            try {
                if (f != fusions_.end())
                    emitFusion(f->second, n);
                else
                    mapNode(n);
            } catch (const Refuse &r) {
                if (f != fusions_.end())
                    refuseFusion(f->second, n, r.message);
                else
                    refuseRow(n, r.message);
            }
        }
        for (const auto &o : model_.graph().output()) {
            const auto it = values_.find(o.name());
            if (it != values_.end() && !it->second.layer.empty() &&
                std::find(g_.outputs.begin(), g_.outputs.end(), it->second.layer) == g_.outputs.end())
                g_.outputs.push_back(it->second.layer);
        }
        const auto errors = validateAndOrder(g_);
        if (!errors.empty())
            throw Fail{errors.front().message};
        const auto &m = model_;
        std::string producer = m.producer_name().empty()
                                   ? tx(QT_TRANSLATE_NOOP("convlens::core", "an unknown producer"))
                                   : m.producer_name();
        if (!m.producer_version().empty())
            producer += " " + m.producer_version();
        g_.notes.insert(
            g_.notes.begin(),
            tx(QT_TRANSLATE_NOOP("convlens::core",
                                 "ONNX opset %1, IR version %2, written by %3; each row is named after its ONNX node"),
               {std::to_string(opset_), std::to_string(m.ir_version()), producer}));
        LoadResult r;
        r.notes = g_.notes;
        r.graph = std::move(g_);
        return r;
    } catch (const Fail &f) {
        return LoadResult::failure(path_, 0, 0, f.message);
    } catch (const Refuse &f) { // a refusal outside a node (a constant of an input) is a failure of the file
        return LoadResult::failure(path_, 0, 0, f.message);
    } catch (const std::bad_alloc &) {
        return LoadResult::failure(path_, 0, 0,
                                   tx(QT_TRANSLATE_NOOP("convlens::core", "out of memory while reading the file")));
    }
}

} // namespace

bool isOnnxFile(const std::string &path)
{
    return QFileInfo(QString::fromStdString(path)).suffix().compare(QLatin1String("onnx"), Qt::CaseInsensitive) == 0;
}

LoadResult loadOnnxModel(const std::string &path, const LoadOptions &opts)
{
    return Reader(path, opts, false).read();
}

OnnxWeights loadOnnxWeights(const std::string &path, const LoadOptions &opts)
{
    Reader reader(path, opts, true);
    const LoadResult r = reader.read();
    OnnxWeights w;
    if (!r.ok())
        w.errors.push_back(r.error->toString());
    else
        w.set = std::move(reader.weights);
    return w;
}

} // namespace convlens
