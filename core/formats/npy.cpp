// npy.cpp — the .npy format: magic "\x93NUMPY", version, a little-endian header length (u16 for v1, u32 for v2/3),
// then a Python dict literal {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), } padded so the data starts on
// a 64-byte boundary. The header is parsed strictly enough to refuse anything we would misread.
#include "formats/npy.h"
#include "model/text.h"

#include <QFile>
#include <QSaveFile>

#include <bit>
#include <cstring>
#include <limits>

namespace convlens {

std::int64_t NpyHeader::elements() const
{
    std::int64_t n = 1;
    for (auto d : shape)
        n *= d;
    return n;
}


namespace {

bool fail(std::string *error, const std::string &name, const std::string &why)
{
    if (error)
        *error = name + ": " + why;
    return false;
}

void skipSpace(std::string_view s, size_t &i)
{
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        ++i;
}

// Parses the header dict. Returns an empty string on success, else the reason.
std::string parseHeaderDict(std::string_view h, NpyHeader &out)
{
    size_t i = 0;
    skipSpace(h, i);
    if (i >= h.size() || h[i] != '{')
        return tx(QT_TRANSLATE_NOOP("convlens::core", "the header is not a dictionary"));
    ++i;
    bool haveDescr = false, haveOrder = false, haveShape = false;
    for (;;) {
        skipSpace(h, i);
        if (i < h.size() && h[i] == '}')
            break;
        if (i >= h.size() || (h[i] != '\'' && h[i] != '"'))
            return tx(QT_TRANSLATE_NOOP("convlens::core", "malformed header"));
        const char q = h[i++];
        const size_t keyEnd = h.find(q, i);
        if (keyEnd == std::string_view::npos)
            return tx(QT_TRANSLATE_NOOP("convlens::core", "malformed header"));
        const std::string key(h.substr(i, keyEnd - i));
        i = keyEnd + 1;
        skipSpace(h, i);
        if (i >= h.size() || h[i] != ':')
            return tx(QT_TRANSLATE_NOOP("convlens::core", "malformed header"));
        ++i;
        skipSpace(h, i);
        if (key == "descr") {
            if (i >= h.size() || (h[i] != '\'' && h[i] != '"'))
                return tx(
                    QT_TRANSLATE_NOOP("convlens::core", "a structured dtype (descr is not a string) is not supported"));
            const char q2 = h[i++];
            const size_t e = h.find(q2, i);
            if (e == std::string_view::npos)
                return tx(QT_TRANSLATE_NOOP("convlens::core", "malformed header"));
            out.descr = std::string(h.substr(i, e - i));
            i = e + 1;
            haveDescr = true;
        } else if (key == "fortran_order") {
            if (h.substr(i, 4) == "True") {
                out.fortranOrder = true;
                i += 4;
            } else if (h.substr(i, 5) == "False") {
                out.fortranOrder = false;
                i += 5;
            } else {
                return tx(QT_TRANSLATE_NOOP("convlens::core", "malformed fortran_order"));
            }
            haveOrder = true;
        } else if (key == "shape") {
            if (i >= h.size() || h[i] != '(')
                return tx(QT_TRANSLATE_NOOP("convlens::core", "malformed shape"));
            ++i;
            out.shape.clear();
            for (;;) {
                skipSpace(h, i);
                if (i < h.size() && h[i] == ')') {
                    ++i;
                    break;
                }
                std::int64_t v = 0;
                size_t digits = 0;
                while (i < h.size() && h[i] >= '0' && h[i] <= '9') {
                    if (v > (std::numeric_limits<std::int64_t>::max() - 9) / 10)
                        return tx(QT_TRANSLATE_NOOP("convlens::core", "a dimension in the shape is too large"));
                    v = v * 10 + (h[i] - '0');
                    ++i;
                    ++digits;
                }
                if (i < h.size() && h[i] == 'L')
                    ++i; // Python 2 long suffix
                if (!digits)
                    return tx(QT_TRANSLATE_NOOP("convlens::core", "malformed shape"));
                out.shape.push_back(v);
                skipSpace(h, i);
                if (i < h.size() && h[i] == ',')
                    ++i;
            }
            haveShape = true;
        } else {
            return tx(QT_TRANSLATE_NOOP("convlens::core", "unexpected header key '%1'"), {key});
        }
        skipSpace(h, i);
        if (i < h.size() && h[i] == ',')
            ++i;
    }
    if (!haveDescr || !haveOrder || !haveShape)
        return tx(QT_TRANSLATE_NOOP("convlens::core", "the header lacks descr, fortran_order or shape"));
    const std::string &d = out.descr;
    if (d.size() < 3)
        return tx(QT_TRANSLATE_NOOP("convlens::core", "unsupported dtype '%1'"), {d});
    const char order = d[0];
    out.kind = d[1];
    const std::string sizeText = d.substr(2);
    if (order != '<' && order != '>' && order != '|' && order != '=')
        return tx(QT_TRANSLATE_NOOP("convlens::core", "unsupported dtype '%1'"), {d});
    if (sizeText.size() != 1 || sizeText[0] < '1' || sizeText[0] > '8')
        return tx(QT_TRANSLATE_NOOP("convlens::core", "unsupported dtype '%1'"), {d});
    out.itemSize = sizeText[0] - '0';
    const bool okKind = (out.kind == 'f' && (out.itemSize == 4 || out.itemSize == 8)) ||
                        ((out.kind == 'i' || out.kind == 'u') &&
                         (out.itemSize == 1 || out.itemSize == 2 || out.itemSize == 4 || out.itemSize == 8)) ||
                        (out.kind == 'b' && out.itemSize == 1);
    if (!okKind)
        return tx(QT_TRANSLATE_NOOP("convlens::core",
                                    "unsupported dtype '%1' (expected float32, float64, an integer type or bool)"),
                  {d});
    return {};
}

bool parseHeader(std::span<const char> bytes, const std::string &name, NpyHeader &out, std::string *error)
{
    if (bytes.size() < 10 || std::memcmp(bytes.data(), "\x93NUMPY", 6) != 0)
        return fail(error, name, tx(QT_TRANSLATE_NOOP("convlens::core", "not a NumPy .npy file (bad magic)")));
    const unsigned major = static_cast<unsigned char>(bytes[6]);
    std::uint64_t headerLen;
    std::int64_t start;
    const auto byte = [&](size_t i) { return std::uint64_t(static_cast<unsigned char>(bytes[i])); };
    if (major == 1) {
        headerLen = byte(8) | (byte(9) << 8);
        start = 10;
    } else if (major == 2 || major == 3) {
        if (bytes.size() < 12)
            return fail(error, name, tx(QT_TRANSLATE_NOOP("convlens::core", "truncated header")));
        headerLen = byte(8) | (byte(9) << 8) | (byte(10) << 16) | (byte(11) << 24);
        start = 12;
    } else {
        return fail(
            error, name,
            tx(QT_TRANSLATE_NOOP("convlens::core", "unsupported .npy format version %1"), {std::to_string(major)}));
    }
    if (std::uint64_t(bytes.size()) < std::uint64_t(start) + headerLen)
        return fail(error, name, tx(QT_TRANSLATE_NOOP("convlens::core", "truncated header")));
    const std::string_view h(bytes.data() + start, size_t(headerLen));
    if (std::string why = parseHeaderDict(h, out); !why.empty())
        return fail(error, name, why);
    out.dataOffset = start + std::int64_t(headerLen);
    return true;
}

template <typename T> T loadValue(const char *p, bool swap)
{
    T v;
    std::memcpy(&v, p, sizeof(T));
    if (swap && sizeof(T) > 1) {
        char tmp[sizeof(T)];
        std::memcpy(tmp, &v, sizeof(T));
        for (size_t i = 0; i < sizeof(T) / 2; ++i)
            std::swap(tmp[i], tmp[sizeof(T) - 1 - i]);
        std::memcpy(&v, tmp, sizeof(T));
    }
    return v;
}

float convertOne(const NpyHeader &h, const char *p, bool swap)
{
    switch (h.kind) {
    case 'f':
        return h.itemSize == 4 ? loadValue<float>(p, swap) : float(loadValue<double>(p, swap));
    case 'b':
        return *p ? 1.0f : 0.0f;
    case 'i':
        switch (h.itemSize) {
        case 1: return float(loadValue<std::int8_t>(p, swap));
        case 2: return float(loadValue<std::int16_t>(p, swap));
        case 4: return float(loadValue<std::int32_t>(p, swap));
        default: return float(loadValue<std::int64_t>(p, swap));
        }
    default:
        switch (h.itemSize) {
        case 1: return float(loadValue<std::uint8_t>(p, swap));
        case 2: return float(loadValue<std::uint16_t>(p, swap));
        case 4: return float(loadValue<std::uint32_t>(p, swap));
        default: return float(loadValue<std::uint64_t>(p, swap));
        }
    }
}

// Checks the element count against overflow and the ceiling; returns the data size in bytes or -1.
std::int64_t dataBytes(const NpyHeader &h, const std::string &name, std::int64_t maxBytes, std::string *error)
{
    std::int64_t n = 1;
    for (auto d : h.shape) {
        if (d != 0 && n > maxBytes / d) {
            fail(error, name,
                 tx(QT_TRANSLATE_NOOP("convlens::core", "the array %1 is too large (limit %2 MiB)"),
                    {shapeTuple(h.shape), std::to_string(maxBytes >> 20)}));
            return -1;
        }
        n *= d;
    }
    if (n > maxBytes / h.itemSize) {
        fail(error, name,
             tx(QT_TRANSLATE_NOOP("convlens::core", "the array %1 is too large (limit %2 MiB)"),
                {shapeTuple(h.shape), std::to_string(maxBytes >> 20)}));
        return -1;
    }
    return n * h.itemSize;
}

std::string headerText(const std::string &descr, const Shape &shape)
{
    std::string dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeTuple(shape) + ", }";
    const size_t total = 10 + dict.size() + 1;
    dict.append((64 - total % 64) % 64, ' ');
    dict += '\n';
    std::string out("\x93NUMPY\x01\x00", 8);
    out += char(dict.size() & 0xff);
    out += char((dict.size() >> 8) & 0xff);
    return out + dict;
}

bool writeBytes(const std::string &path, const std::string &header, const char *data, size_t size, std::string *error)
{
    QSaveFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::WriteOnly))
        return fail(error, path,
                    tx(QT_TRANSLATE_NOOP("convlens::core", "cannot write: %1"), {f.errorString().toStdString()}));
    if (f.write(header.data(), qint64(header.size())) != qint64(header.size()) ||
        (size && f.write(data, qint64(size)) != qint64(size)))
        return fail(error, path,
                    tx(QT_TRANSLATE_NOOP("convlens::core", "cannot write: %1"), {f.errorString().toStdString()}));
    if (!f.commit())
        return fail(error, path,
                    tx(QT_TRANSLATE_NOOP("convlens::core", "cannot write: %1"), {f.errorString().toStdString()}));
    return true;
}

} // namespace

std::optional<NpyArray> parseNpy(std::span<const char> bytes, const std::string &name, std::string *error,
                                 std::int64_t maxBytes)
{
    NpyArray a;
    if (!parseHeader(bytes, name, a.header, error))
        return std::nullopt;
    const NpyHeader &h = a.header;
    if (h.fortranOrder && h.shape.size() > 1) {
        fail(error, name,
             tx(QT_TRANSLATE_NOOP("convlens::core",
                                  "Fortran-order arrays are not supported (save with np.ascontiguousarray)")));
        return std::nullopt;
    }
    const std::int64_t need = dataBytes(h, name, maxBytes, error);
    if (need < 0)
        return std::nullopt;
    const std::int64_t have = std::int64_t(bytes.size()) - h.dataOffset;
    if (have < need) {
        fail(error, name,
             tx(QT_TRANSLATE_NOOP("convlens::core",
                                  "truncated: the header promises %1 %2 = %3 bytes of data, the file has %4"),
                {shapeTuple(h.shape), h.descr, std::to_string(need), std::to_string(have)}));
        return std::nullopt;
    }
    const bool little = std::endian::native == std::endian::little;
    const bool swap = (h.descr[0] == '>' && little) || (h.descr[0] == '<' && !little);
    const std::int64_t n = h.elements();
    a.values.resize(size_t(n));
    const char *p = bytes.data() + h.dataOffset;
    if (n == 0) // a 0-element array: values.data() may be null, and memcpy(nullptr, …, 0) is undefined
        return a;
    if (h.kind == 'f' && h.itemSize == 4 && !swap)
        std::memcpy(a.values.data(), p, size_t(n) * 4);
    else
        for (std::int64_t i = 0; i < n; ++i)
            a.values[size_t(i)] = convertOne(h, p + i * h.itemSize, swap);
    return a;
}

std::optional<NpyHeader> readNpyHeader(const std::string &path, std::string *error)
{
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly)) {
        fail(error, path, tx(QT_TRANSLATE_NOOP("convlens::core", "cannot open: %1"), {f.errorString().toStdString()}));
        return std::nullopt;
    }
    const QByteArray head = f.read(65536 + 12);
    NpyHeader h;
    if (!parseHeader(std::span<const char>(head.constData(), size_t(head.size())), path, h, error))
        return std::nullopt;
    return h;
}

std::optional<NpyArray> readNpy(const std::string &path, std::string *error, std::int64_t maxBytes)
{
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly)) {
        fail(error, path, tx(QT_TRANSLATE_NOOP("convlens::core", "cannot open: %1"), {f.errorString().toStdString()}));
        return std::nullopt;
    }
    // Header first: its shape is checked against the ceiling and the file size before the data is read.
    const QByteArray head = f.read(65536 + 12);
    NpyHeader h;
    if (!parseHeader(std::span<const char>(head.constData(), size_t(head.size())), path, h, error))
        return std::nullopt;
    const std::int64_t need = dataBytes(h, path, maxBytes, error);
    if (need < 0)
        return std::nullopt;
    const std::int64_t have = f.size() - h.dataOffset;
    if (have < need) {
        fail(error, path,
             tx(QT_TRANSLATE_NOOP("convlens::core",
                                  "truncated: the header promises %1 %2 = %3 bytes of data, the file has %4"),
                {shapeTuple(h.shape), h.descr, std::to_string(need), std::to_string(have)}));
        return std::nullopt;
    }
    f.seek(0);
    const QByteArray all = f.read(h.dataOffset + need);
    if (all.size() != h.dataOffset + need) {
        fail(error, path, tx(QT_TRANSLATE_NOOP("convlens::core", "read error: %1"), {f.errorString().toStdString()}));
        return std::nullopt;
    }
    return parseNpy(std::span<const char>(all.constData(), size_t(all.size())), path, error, maxBytes);
}

std::vector<char> encodeNpy(const Shape &shape, std::span<const float> data)
{
    const std::string h = headerText("<f4", shape);
    std::vector<char> out(h.begin(), h.end());
    const char *p = reinterpret_cast<const char *>(data.data());
    out.insert(out.end(), p, p + data.size() * sizeof(float));
    return out;
}

bool writeNpy(const std::string &path, const Shape &shape, std::span<const float> data, std::string *error)
{
    static_assert(std::endian::native == std::endian::little, "writeNpy writes native floats as '<f4'");
    return writeBytes(path, headerText("<f4", shape), reinterpret_cast<const char *>(data.data()),
                      data.size() * sizeof(float), error);
}

bool writeNpyInt64(const std::string &path, const Shape &shape, std::span<const std::int64_t> data, std::string *error)
{
    return writeBytes(path, headerText("<i8", shape), reinterpret_cast<const char *>(data.data()),
                      data.size() * sizeof(std::int64_t), error);
}

} // namespace convlens
