// keras_h5.cpp — HDF5 for the Keras readers (libhdf5 1.10 C API). HDF5 prints an error stack to stderr on every
// failed call by default; that is switched off once, and each failure here becomes a message.
#include "formats/keras_h5.h"
#include "model/text.h"

#include <hdf5.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string_view>

namespace convlens::h5 {

// Every global heap collection of a file (where variable-length strings live), by its address: its objects' sizes by
// index. Walked in the file's bytes before libhdf5 opens it; strings are checked against it before libhdf5 reads them.
struct HeapObjects {
    std::map<std::uint64_t, std::map<std::uint64_t, std::uint64_t>> byCollection;
};

namespace {

thread_local std::vector<const HeapObjects *> openFiles; // the Files open on this thread, newest last

void silence()
{
    static std::once_flag once;
    std::call_once(once, [] { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); });
}

// Closes an HDF5 id with its own close function when it goes out of scope.
class Handle {
public:
    Handle(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
    ~Handle()
    {
        if (id_ >= 0)
            close_(id_);
    }
    Handle(const Handle &) = delete;
    Handle &operator=(const Handle &) = delete;
    hid_t get() const { return id_; }
    bool ok() const { return id_ >= 0; }

private:
    hid_t id_;
    herr_t (*close_)(hid_t);
};

constexpr std::int64_t kMaxAttrBytes = std::int64_t(64) << 20;
constexpr hsize_t kMaxMembers = 1'000'000;

std::uint64_t littleEndian(const unsigned char *p, size_t n)
{
    std::uint64_t v = 0;
    for (size_t k = n; k-- > 0;)
        v = (v << 8) | p[k];
    return v;
}

// libhdf5 1.10 trusts the length each variable-length string element claims: H5Aread allocates and zero-fills a
// conversion buffer of that length (times the size of the string's base type, which a file may also set) before it
// reads the string, so a crafted 14 KB file made it allocate and touch ~20 GB (fuzz_keras_file). The elements as they
// are on disk (length u32, global heap address, heap index u32) are read first, through a conversion registered here
// from any variable-length string to an opaque type tagged kRawTag, which copies the bytes unchanged; their lengths
// are checked against the file's size before the real read.
constexpr const char *kRawTag = "convlens.vlen-on-disk";
constexpr size_t kRawSize = 32; // an element on disk: 4 + the address size (8 in practice; the format allows up to 16) + 4

herr_t copyVlenOnDisk(hid_t src, hid_t dst, H5T_cdata_t *cdata, size_t nelmts, size_t bufStride, size_t, void *buf,
                      void *, hid_t)
{
    switch (cdata->command) {
    case H5T_CONV_INIT: {
        cdata->need_bkg = H5T_BKG_NO;
        if (H5Tis_variable_str(src) <= 0 || H5Tget_class(dst) != H5T_OPAQUE)
            return -1;
        char *tag = H5Tget_tag(dst);
        const bool ours = tag && std::strcmp(tag, kRawTag) == 0;
        H5free_memory(tag);
        return ours && H5Tget_size(src) <= H5Tget_size(dst) ? 0 : -1;
    }
    case H5T_CONV_CONV: {
        const size_t s = H5Tget_size(src), d = H5Tget_size(dst);
        if (bufStride != 0 || s == 0 || s > d)
            return -1;
        auto *b = static_cast<unsigned char *>(buf);
        for (size_t i = nelmts; i-- > 0;) { // back to front: element i moves from i·s to i·d ≥ i·s
            std::memmove(b + i * d, b + i * s, s);
            std::memset(b + i * d + s, 0, d - s);
        }
        return 0;
    }
    case H5T_CONV_FREE:
        return 0;
    }
    return -1;
}

hid_t rawVlenType()
{
    static const hid_t type = [] {
        const hid_t vlen = H5Tcopy(H5T_C_S1);
        H5Tset_size(vlen, H5T_VARIABLE);
        const hid_t raw = H5Tcreate(H5T_OPAQUE, kRawSize);
        H5Tset_tag(raw, kRawTag);
        H5Tregister(H5T_PERS_SOFT, "convlens_vlen_on_disk", vlen, raw, copyVlenOnDisk);
        H5Tclose(vlen);
        return raw;
    }();
    return type;
}

// Empty when every element's claimed string fits in the file; else why not.
std::string checkVlenLengths(hid_t attr, hid_t type, hssize_t n)
{
    hsize_t fileSize = 0;
    size_t addressSize = 0; // an element on disk: length u32, the collection's address (this size), the index u32
    {
        const Handle file(H5Iget_file_id(attr), H5Fclose);
        if (!file.ok() || H5Fget_filesize(file.get(), &fileSize) < 0)
            return tx(QT_TRANSLATE_NOOP("convlens::core", "cannot size the file"));
        const Handle fcpl(H5Fget_create_plist(file.get()), H5Pclose);
        if (!fcpl.ok() || H5Pget_sizes(fcpl.get(), &addressSize, nullptr) < 0)
            return tx(QT_TRANSLATE_NOOP("convlens::core", "cannot read the file's address size"));
    }
    const Handle base(H5Tget_super(type), H5Tclose);
    const size_t baseSize = base.ok() ? H5Tget_size(base.get()) : 0;
    if (baseSize != 1)
        return tx(QT_TRANSLATE_NOOP("convlens::core", "its strings' characters are %1 bytes, not 1"),
                  {std::to_string(baseSize)});
    const size_t onDisk = 4 + addressSize + 4;
    if (addressSize == 0 || onDisk > kRawSize)
        return tx(QT_TRANSLATE_NOOP("convlens::core", "its strings are stored in an unknown layout"));
    std::vector<unsigned char> raw(size_t(n) * kRawSize);
    if (H5Aread(attr, rawVlenType(), raw.data()) < 0)
        return tx(QT_TRANSLATE_NOOP("convlens::core", "its strings cannot be read"));
    std::uint64_t total = 0;
    for (hssize_t i = 0; i < n; ++i) {
        const std::uint64_t length = littleEndian(raw.data() + size_t(i) * kRawSize, 4);
        total += length;
        if (length > fileSize || total > fileSize)
            return tx(QT_TRANSLATE_NOOP("convlens::core", "a string claims %1 bytes in a file of %2"),
                      {std::to_string(length), std::to_string(fileSize)});
        // libhdf5 1.10 reads the heap object without checking that its index exists (SEGV, fuzz_keras_file) and
        // copies all of it into a buffer of the claimed length: the object must be there, of that length.
        const unsigned char *e = raw.data() + size_t(i) * kRawSize;
        const std::uint64_t address = littleEndian(e + 4, onDisk - 8), index = littleEndian(e + onDisk - 4, 4);
        if (address == 0)
            continue; // no data: libhdf5 reads nothing
        const HeapObjects *heaps = openFiles.empty() ? nullptr : openFiles.back();
        const auto c = heaps ? heaps->byCollection.find(address) : decltype(heaps->byCollection.end()){};
        if (!heaps || c == heaps->byCollection.end())
            return tx(QT_TRANSLATE_NOOP("convlens::core", "a string points to no global heap collection (address %1)"),
                      {std::to_string(address)});
        const auto o = c->second.find(index);
        if (o == c->second.end())
            return tx(QT_TRANSLATE_NOOP("convlens::core",
                                        "a string points to object %1, which its heap collection does not hold"),
                      {std::to_string(index)});
        if (o->second != length)
            return tx(QT_TRANSLATE_NOOP("convlens::core", "a string claims %1 bytes, its heap object holds %2"),
                      {std::to_string(length), std::to_string(o->second)});
    }
    return {};
}

std::optional<std::vector<std::string>> readStrings(hid_t attr, const std::string &name, std::string *error)
{
    const Handle type(H5Aget_type(attr), H5Tclose);
    const Handle space(H5Aget_space(attr), H5Sclose);
    if (!type.ok() || !space.ok()) {
        *error = tx(QT_TRANSLATE_NOOP("convlens::core", "cannot read attribute '%1'"), {name});
        return std::nullopt;
    }
    const hssize_t n = H5Sget_simple_extent_npoints(space.get());
    if (n < 0) {
        *error = tx(QT_TRANSLATE_NOOP("convlens::core", "cannot read attribute '%1'"), {name});
        return std::nullopt;
    }
    if (H5Tget_class(type.get()) != H5T_STRING) {
        if (n == 0)
            return std::vector<std::string>{}; // Keras writes an empty float64 array for "no weights"
        *error = tx(QT_TRANSLATE_NOOP("convlens::core", "attribute '%1' is not a string"), {name});
        return std::nullopt;
    }
    std::vector<std::string> out;
    if (H5Tis_variable_str(type.get()) > 0) {
        if (n > kMaxAttrBytes / std::int64_t(sizeof(char *))) {
            *error = tx(QT_TRANSLATE_NOOP("convlens::core", "attribute '%1' is too large"), {name});
            return std::nullopt;
        }
        if (const std::string why = checkVlenLengths(attr, type.get(), n); !why.empty()) {
            *error = tx(QT_TRANSLATE_NOOP("convlens::core", "attribute '%1' is corrupt: %2"), {name, why});
            return std::nullopt;
        }
        const Handle mem(H5Tcopy(H5T_C_S1), H5Tclose);
        H5Tset_size(mem.get(), H5T_VARIABLE);
        H5Tset_cset(mem.get(), H5Tget_cset(type.get())); // Keras 3 writes UTF-8; HDF5 converts no character sets
        std::vector<char *> ptrs(size_t(n), nullptr);
        if (n > 0 && H5Aread(attr, mem.get(), ptrs.data()) < 0) {
            *error = tx(QT_TRANSLATE_NOOP("convlens::core", "cannot read attribute '%1'"), {name});
            return std::nullopt;
        }
        std::int64_t total = 0;
        for (char *p : ptrs) {
            out.emplace_back(p ? p : "");
            total += std::int64_t(out.back().size());
        }
        if (n > 0)
            H5Dvlen_reclaim(mem.get(), space.get(), H5P_DEFAULT, ptrs.data());
        if (total > kMaxAttrBytes) {
            *error = tx(QT_TRANSLATE_NOOP("convlens::core", "attribute '%1' is too large"), {name});
            return std::nullopt;
        }
        return out;
    }
    const size_t size = H5Tget_size(type.get());
    if (size == 0 || std::int64_t(size) * n > kMaxAttrBytes) {
        *error = tx(QT_TRANSLATE_NOOP("convlens::core", "attribute '%1' is too large"), {name});
        return std::nullopt;
    }
    const Handle mem(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(mem.get(), size);
    H5Tset_strpad(mem.get(), H5T_STR_NULLPAD);
    H5Tset_cset(mem.get(), H5Tget_cset(type.get()));
    std::vector<char> buf(size * size_t(n) + 1, '\0');
    if (n > 0 && H5Aread(attr, mem.get(), buf.data()) < 0) {
        *error = tx(QT_TRANSLATE_NOOP("convlens::core", "cannot read attribute '%1'"), {name});
        return std::nullopt;
    }
    for (hssize_t i = 0; i < n; ++i) {
        const char *p = buf.data() + size_t(i) * size;
        out.emplace_back(p, strnlen(p, size));
    }
    return out;
}

std::optional<std::vector<std::string>> attrStrings(hid_t obj, const std::string &name, std::string *error)
{
    const htri_t has = H5Aexists(obj, name.c_str());
    if (has < 0) {
        *error = tx(QT_TRANSLATE_NOOP("convlens::core", "cannot read the attributes"));
        return std::nullopt;
    }
    if (has == 0)
        return std::nullopt;
    const Handle attr(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose);
    if (!attr.ok()) {
        *error = tx(QT_TRANSLATE_NOOP("convlens::core", "cannot open attribute '%1'"), {name});
        return std::nullopt;
    }
    return readStrings(attr.get(), name, error);
}

herr_t collect(hid_t, const char *name, const H5L_info_t *, void *data)
{
    auto *names = static_cast<std::vector<std::string> *>(data);
    if (names->size() >= kMaxMembers)
        return 1; // stop
    names->emplace_back(name);
    return 0;
}

std::vector<std::string> split(const std::string &path)
{
    std::vector<std::string> parts;
    std::string cur;
    for (char c : path) {
        if (c == '/') {
            if (!cur.empty())
                parts.push_back(cur);
            cur.clear();
        } else
            cur += c;
    }
    if (!cur.empty())
        parts.push_back(cur);
    return parts;
}

// libhdf5 1.10 loops forever on a global heap collection (where variable-length strings live) holding a free-space
// object of size 0 (H5HG__cache_heap_deserialize advances by the object's size; found by fuzz_keras_file). So every
// collection in the bytes ("GCOL", version 1, its size, then objects [index u16, refs u16, reserved u32, size u64,
// data padded to 8]) is walked here first, and a file with one that would not advance is refused before HDF5 sees it.
class HeapCheck {
public:
    // Feeds the file's bytes in order; false once a bad collection is seen.
    bool feed(const char *data, std::int64_t size, std::int64_t fileSize)
    {
        buf_.append(data, size);
        // every collection header (signature and version 1) with its 16 bytes here; found with find, not a memcmp
        // per byte (a sixth of fuzz_keras_file's time, in ASan's and libFuzzer's memcmp interceptor)
        const std::string_view signature("GCOL\x01", 5);
        for (size_t i = 0; (i = buf_.find(signature, i)) != std::string::npos && i + 16 <= buf_.size(); ++i)
            if (!collectionOk(std::uint64_t(pos_) + i, fileSize, std::int64_t(buf_.size() - i), buf_.data() + i))
                return false;
        findNodes();
        // keep what a collection header found near the end may still need
        const std::int64_t keep = std::min<std::int64_t>(std::int64_t(buf_.size()), kWindow);
        pos_ += std::int64_t(buf_.size()) - keep;
        buf_.erase(0, buf_.size() - size_t(keep));
        return true;
    }

private:
    static constexpr std::int64_t kWindow = 1 << 16; // a collection header is checked within this many bytes

    static std::uint64_t le(const char *p, size_t n)
    {
        return littleEndian(reinterpret_cast<const unsigned char *>(p), n);
    }

    // `have` bytes of the collection at `address` are in `p`; objects past them are not checked (HDF5 reads them
    // from the file).
    bool collectionOk(std::uint64_t address, std::int64_t fileSize, std::int64_t have, const char *p)
    {
        const std::uint64_t size = le(p + 8, 8);
        const std::int64_t end = std::int64_t(std::min<std::uint64_t>(size, std::uint64_t(std::min(fileSize, have))));
        std::int64_t at = 16;
        while (at + 16 <= end) {
            const std::uint64_t idx = le(p + at, 2);
            const std::uint64_t objSize = le(p + at + 8, 8);
            const std::uint64_t need = idx == 0 ? objSize : 16 + ((objSize + 7) & ~std::uint64_t(7));
            // An object that would not advance (libhdf5 loops), or that reaches past its collection: libhdf5 adds the
            // size to its read pointer, and a free-space object of 2^64 - 65535 bytes moved it backwards (SEGV).
            if (need == 0 || (idx > 0 && objSize > std::uint64_t(fileSize)) || need > size - std::uint64_t(at))
                return false;
            if (idx > 0)
                objects.byCollection[address][idx] = objSize;
            if (need > std::uint64_t(end - at))
                break;
            at += std::int64_t(need);
        }
        return true;
    }

public:
    HeapObjects objects;
    std::set<std::uint64_t> localHeaps; // where a local heap's prefix may start (checked by localHeapsOk)
    std::set<std::uint64_t> treeNodes;  // where a version 1 B-tree node may start (checked by treesOk)

private:
    // A local heap: "HEAP", version 0, three reserved zero bytes. A B-tree node: "TREE" (then its type and level).
    void findNodes()
    {
        for (const auto &[signature, found] : {std::pair{std::string_view("HEAP\0\0\0\0", 8), &localHeaps},
                                               std::pair{std::string_view("TREE", 4), &treeNodes}})
            for (size_t i = 0; (i = buf_.find(signature, i)) != std::string::npos; ++i)
                found->insert(std::uint64_t(pos_) + i);
    }

    std::string buf_;
    std::int64_t pos_ = 0;
};

// Reads `n` bytes at a position of the file; bytes past its end read as zeros, as libhdf5's drivers fill them.
using ReadAt = std::function<void(std::uint64_t at, size_t n, unsigned char *out)>;

// What libhdf5 needs to follow an address: the sizes of offsets and lengths and the base address, from the
// superblock at 0, 512, 1024, … (a user block may precede it).
struct Layout {
    size_t offsets = 8, lengths = 8;
    std::uint64_t base = 0;
};

std::optional<Layout> layoutOf(const ReadAt &read, std::uint64_t fileSize)
{
    for (std::uint64_t at = 0; at + 48 <= fileSize; at = at == 0 ? 512 : at * 2) {
        unsigned char sb[48];
        read(at, sizeof sb, sb);
        if (std::memcmp(sb, "\x89HDF\r\n\x1a\n", 8) != 0)
            continue;
        Layout l;
        const int version = sb[8];
        const size_t baseAt = version == 0 ? 24 : version == 1 ? 28 : 12;
        l.offsets = version <= 1 ? sb[13] : sb[9];
        l.lengths = version <= 1 ? sb[14] : sb[10];
        if (l.offsets == 0 || l.offsets > 8 || l.lengths == 0 || l.lengths > 8)
            return std::nullopt; // libhdf5 refuses these, or they are beyond what is followed here
        l.base = littleEndian(sb + baseAt, l.offsets);
        return l;
    }
    return std::nullopt;
}

// libhdf5 1.10 walks a local heap's free list (where a group's link names live) by each block's "next" offset with
// no check for a loop, allocating 32 bytes per step: a 12.7 KB file whose list pointed back at itself took 7 GB in
// five seconds while a group was searched (H5Lexists; found by fuzz_keras_file). Every local heap prefix in the bytes
// ("HEAP", version 0, data segment size, free list head, data segment address) has its list walked here first with
// Brent's cycle finder; a loop, or a block libhdf5 would read past the segment's end, refuses the file. A list that
// libhdf5 itself stops with an error (an offset past the segment, a "next" of 0, a block reaching past the end) ends
// the walk: libhdf5 refuses that file cleanly.
bool localHeapsOk(const std::set<std::uint64_t> &heaps, const ReadAt &read, const Layout &layout)
{
    const size_t L = layout.lengths, O = layout.offsets;
    constexpr std::uint64_t kNull = 1; // H5HL_FREE_NULL
    for (const std::uint64_t at : heaps) {
        unsigned char prefix[32];
        read(at + 8, 2 * L + O, prefix);
        const std::uint64_t size = littleEndian(prefix, L), head = littleEndian(prefix + L, L);
        const std::uint64_t data = layout.base + littleEndian(prefix + 2 * L, O);
        // the block at `off`: its next offset, or nullopt where libhdf5 stops (cleanly, or reading out of bounds)
        bool outOfBounds = false;
        const auto next = [&](std::uint64_t off) -> std::optional<std::uint64_t> {
            if (off == kNull || off >= size)
                return std::nullopt;
            if (2 * L > size - off) {
                outOfBounds = true;
                return std::nullopt;
            }
            unsigned char block[16];
            read(data + off, 2 * L, block);
            const std::uint64_t following = littleEndian(block, L), blockSize = littleEndian(block + L, L);
            if (following == 0 || blockSize > size - off)
                return std::nullopt;
            return following;
        };
        std::uint64_t power = 1, lambda = 1, tortoise = head;
        std::optional<std::uint64_t> hare = next(head);
        while (hare && *hare != tortoise) {
            if (power == lambda) {
                tortoise = *hare;
                power *= 2;
                lambda = 0;
            }
            hare = next(*hare);
            ++lambda;
        }
        if (hare || outOfBounds)
            return false;
    }
    return true;
}

// libhdf5 1.10 descends a version 1 B-tree (a group's index of its links, a chunked dataset's index of its chunks)
// by each node's child addresses, trusting the level each node states: a node whose child is itself, or a node at
// its own level or above, recursed until the stack overflowed (SEGV; found by corrupting a golden file's nodes). So
// every node in the bytes ("TREE", type 0 for groups or 1 for chunks, its level, entries used, two sibling
// addresses, then keys and children in turn) above level 0 has its children read, and a child that is a node of
// the same type at the parent's level or above refuses the file. A group node's key is a length; a chunk node's key
// depends on the dataset's rank, which the node does not state, so each rank up to HDF5's 32 is tried (a wrong
// guess reads key bytes as an address, which would have to point exactly at a node to matter).
bool treesOk(const std::set<std::uint64_t> &nodes, const ReadAt &read, const Layout &layout)
{
    const size_t L = layout.lengths, O = layout.offsets;
    constexpr std::uint64_t kMaxEntries = 1 << 16; // libhdf5 refuses a node with more than 2K entries (K < 2^15)
    for (const std::uint64_t at : nodes) {
        unsigned char head[8];
        read(at, sizeof head, head);
        const int type = head[4], level = head[5];
        const std::uint64_t entries = littleEndian(head + 6, 2);
        if (type > 1 || level == 0 || entries > kMaxEntries)
            continue;
        const auto below = [&](std::uint64_t child) {
            unsigned char node[6];
            read(layout.base + child, sizeof node, node);
            return std::memcmp(node, "TREE", 4) != 0 || node[4] != type || node[5] < level;
        };
        const size_t firstKey = 8 + 2 * O;
        for (size_t dims = 1; dims <= (type == 0 ? 1 : 33); ++dims) {
            const size_t key = type == 0 ? L : 8 + 8 * dims;
            for (std::uint64_t i = 0; i < entries; ++i) {
                unsigned char child[8];
                read(at + firstKey + key + i * (key + O), O, child);
                if (!below(littleEndian(child, O)))
                    return false;
            }
        }
    }
    return true;
}

// The checks of a file's bytes that need to follow addresses (after HeapCheck has seen every byte); a message
// saying what is corrupt, or empty.
std::string structureProblem(const HeapCheck &check, const ReadAt &read, std::uint64_t fileSize)
{
    if (check.localHeaps.empty() && check.treeNodes.empty())
        return {};
    const auto layout = layoutOf(read, fileSize);
    if (!layout)
        return {};
    if (!localHeapsOk(check.localHeaps, read, *layout))
        return tx(QT_TRANSLATE_NOOP("convlens::core",
                                    "corrupt HDF5 file: a local heap's free list loops or reaches past its heap"));
    if (!treesOk(check.treeNodes, read, *layout))
        return tx(QT_TRANSLATE_NOOP("convlens::core",
                                    "corrupt HDF5 file: a B-tree node's child is not below it (the tree loops)"));
    return {};
}

const char *const kCorruptHeap = QT_TRANSLATE_NOOP(
    "convlens::core", "corrupt HDF5 file: a global heap collection would not advance or reaches past its end");

} // namespace

File::File(const std::string &path)
{
    silence();
    if (H5Fis_hdf5(path.c_str()) <= 0) {
        error_ = tx(QT_TRANSLATE_NOOP("convlens::core", "not an HDF5 file, or a truncated one"));
        return;
    }
    {
        std::FILE *f = std::fopen(path.c_str(), "rb");
        if (!f) {
            error_ = tx(QT_TRANSLATE_NOOP("convlens::core", "cannot open the file"));
            return;
        }
        std::fseek(f, 0, SEEK_END);
        const std::int64_t fileSize = std::ftell(f);
        std::fseek(f, 0, SEEK_SET);
        HeapCheck check;
        std::vector<char> chunk(1 << 16);
        bool ok = true;
        for (size_t n; ok && (n = std::fread(chunk.data(), 1, chunk.size(), f)) > 0;)
            ok = check.feed(chunk.data(), std::int64_t(n), fileSize);
        const ReadAt read = [f, fileSize](std::uint64_t at, size_t n, unsigned char *out) {
            std::memset(out, 0, n);
            if (at < std::uint64_t(fileSize) && std::fseek(f, long(at), SEEK_SET) == 0)
                std::fread(out, 1, n, f);
        };
        const std::string problem = ok ? structureProblem(check, read, std::uint64_t(fileSize)) : std::string();
        std::fclose(f);
        if (!ok || !problem.empty()) {
            error_ = ok ? problem : tx(kCorruptHeap);
            return;
        }
        heap_ = std::make_unique<HeapObjects>(std::move(check.objects));
        openFiles.push_back(heap_.get());
    }
    id_ = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (id_ < 0)
        error_ = tx(QT_TRANSLATE_NOOP("convlens::core", "cannot open the HDF5 file (truncated or corrupt)"));
}

File::File(const QByteArray &image)
{
    silence();
    if (image.size() < 8 || std::memcmp(image.constData(), "\x89HDF\r\n\x1a\n", 8) != 0) {
        error_ = tx(QT_TRANSLATE_NOOP("convlens::core", "not an HDF5 file"));
        return;
    }
    HeapCheck check;
    if (!check.feed(image.constData(), image.size(), image.size())) {
        error_ = tx(kCorruptHeap);
        return;
    }
    const ReadAt read = [&image](std::uint64_t at, size_t n, unsigned char *out) {
        std::memset(out, 0, n);
        if (at < std::uint64_t(image.size()))
            std::memcpy(out, image.constData() + at, std::min<std::uint64_t>(n, std::uint64_t(image.size()) - at));
    };
    if (const std::string problem = structureProblem(check, read, std::uint64_t(image.size())); !problem.empty()) {
        error_ = problem;
        return;
    }
    heap_ = std::make_unique<HeapObjects>(std::move(check.objects));
    openFiles.push_back(heap_.get());
    const Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
    if (!fapl.ok() || H5Pset_fapl_core(fapl.get(), 1 << 16, 0) < 0 ||
        H5Pset_file_image(fapl.get(), const_cast<char *>(image.constData()), size_t(image.size())) < 0) {
        error_ = tx(QT_TRANSLATE_NOOP("convlens::core", "cannot open the HDF5 image"));
        return;
    }
    id_ = H5Fopen("model.weights.h5", H5F_ACC_RDONLY, fapl.get());
    if (id_ < 0)
        error_ = tx(QT_TRANSLATE_NOOP("convlens::core", "cannot open the HDF5 data (truncated or corrupt)"));
}

File::~File()
{
    if (id_ >= 0)
        H5Fclose(id_);
    if (heap_)
        openFiles.erase(std::find(openFiles.begin(), openFiles.end(), heap_.get()));
}

bool exists(Id loc, const std::string &path)
{
    std::string sofar;
    for (const std::string &part : split(path)) {
        sofar += (sofar.empty() ? "" : "/") + part;
        if (H5Lexists(loc, sofar.c_str(), H5P_DEFAULT) <= 0)
            return false;
    }
    return !sofar.empty();
}

bool isGroup(Id loc, const std::string &path)
{
    if (!exists(loc, path))
        return false;
    const Handle g(H5Gopen2(loc, path.c_str(), H5P_DEFAULT), H5Gclose);
    return g.ok();
}

std::optional<std::string> stringAttr(Id loc, const std::string &object, const std::string &name, std::string *error)
{
    if (object != "." && !exists(loc, object)) {
        *error = tx(QT_TRANSLATE_NOOP("convlens::core", "no object '%1'"), {object});
        return std::nullopt;
    }
    const Handle o(H5Oopen(loc, object.c_str(), H5P_DEFAULT), H5Oclose);
    if (!o.ok()) {
        *error = tx(QT_TRANSLATE_NOOP("convlens::core", "cannot open '%1'"), {object});
        return std::nullopt;
    }
    const hid_t obj = o.get();
    auto list = attrStrings(obj, name, error);
    if (!list)
        return std::nullopt;
    if (list->size() != 1) {
        *error = tx(QT_TRANSLATE_NOOP("convlens::core", "attribute '%1' holds %2 strings, expected one"),
                    {name, std::to_string(list->size())});
        return std::nullopt;
    }
    return list->front();
}

std::optional<std::vector<std::string>> stringListAttr(Id loc, const std::string &object, const std::string &name,
                                                       std::string *error)
{
    if (object != "." && !exists(loc, object)) {
        *error = tx(QT_TRANSLATE_NOOP("convlens::core", "no object '%1'"), {object});
        return std::nullopt;
    }
    const Handle o(H5Oopen(loc, object.c_str(), H5P_DEFAULT), H5Oclose);
    if (!o.ok()) {
        *error = tx(QT_TRANSLATE_NOOP("convlens::core", "cannot open '%1'"), {object});
        return std::nullopt;
    }
    const hid_t obj = o.get();
    if (auto list = attrStrings(obj, name, error); list || !error->empty())
        return list;
    std::vector<std::string> all;
    for (int chunk = 0;; ++chunk) {
        auto part = attrStrings(obj, name + std::to_string(chunk), error);
        if (!part) {
            if (!error->empty())
                return std::nullopt;
            if (chunk == 0)
                return std::nullopt;
            return all;
        }
        all.insert(all.end(), part->begin(), part->end());
        if (chunk > 100'000) {
            *error = tx(QT_TRANSLATE_NOOP("convlens::core", "attribute '%1' has too many chunks"), {name});
            return std::nullopt;
        }
    }
}

std::vector<std::string> members(Id loc, const std::string &group, std::string *error)
{
    std::vector<std::string> names;
    const Handle g(H5Gopen2(loc, group.c_str(), H5P_DEFAULT), H5Gclose);
    if (!g.ok()) {
        *error = tx(QT_TRANSLATE_NOOP("convlens::core", "cannot open group '%1'"), {group});
        return names;
    }
    hsize_t idx = 0;
    if (H5Literate(g.get(), H5_INDEX_NAME, H5_ITER_INC, &idx, collect, &names) < 0)
        *error = tx(QT_TRANSLATE_NOOP("convlens::core", "cannot list group '%1'"), {group});
    return names;
}

std::optional<NdArray> readFloats(Id loc, const std::string &path, std::int64_t maxElements, std::string *error)
{
    if (!exists(loc, path)) {
        *error = tx(QT_TRANSLATE_NOOP("convlens::core", "no dataset '%1'"), {path});
        return std::nullopt;
    }
    const Handle d(H5Dopen2(loc, path.c_str(), H5P_DEFAULT), H5Dclose);
    if (!d.ok()) {
        *error = tx(QT_TRANSLATE_NOOP("convlens::core", "'%1' is not a readable dataset"), {path});
        return std::nullopt;
    }
    const Handle type(H5Dget_type(d.get()), H5Tclose);
    const Handle space(H5Dget_space(d.get()), H5Sclose);
    if (!type.ok() || !space.ok() || H5Tget_class(type.get()) != H5T_FLOAT) {
        *error = tx(QT_TRANSLATE_NOOP("convlens::core", "dataset '%1' does not hold floats"), {path});
        return std::nullopt;
    }
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank < 0 || rank > 8) {
        *error = tx(QT_TRANSLATE_NOOP("convlens::core", "dataset '%1' has rank %2 (at most 8 is read)"),
                    {path, std::to_string(rank)});
        return std::nullopt;
    }
    hsize_t dims[8] = {};
    H5Sget_simple_extent_dims(space.get(), dims, nullptr);
    NdArray a;
    std::int64_t n = 1;
    for (int i = 0; i < rank; ++i) {
        if (dims[i] > hsize_t(std::numeric_limits<std::int32_t>::max()) ||
            (dims[i] > 0 && n > maxElements / std::int64_t(dims[i]))) {
            *error =
                tx(QT_TRANSLATE_NOOP("convlens::core", "dataset '%1' declares more than %2 values (the memory budget)"),
                   {path, std::to_string(maxElements)});
            return std::nullopt;
        }
        n *= std::int64_t(dims[i]);
        a.shape.push_back(std::int64_t(dims[i]));
    }
    // A contiguous dataset must have its bytes in the file: a 2 GiB claim in a 1 KiB file is refused here.
    const Handle dcpl(H5Dget_create_plist(d.get()), H5Pclose);
    const hsize_t stored = H5Dget_storage_size(d.get());
    const std::int64_t bytes = n * std::int64_t(H5Tget_size(type.get()));
    if (dcpl.ok() && H5Pget_layout(dcpl.get()) == H5D_CONTIGUOUS && n > 0 && std::int64_t(stored) < bytes) {
        *error = tx(QT_TRANSLATE_NOOP("convlens::core", "dataset '%1' declares %2 bytes but stores %3"),
                    {path, std::to_string(bytes), std::to_string(stored)});
        return std::nullopt;
    }
    a.data.resize(size_t(n));
    if (n > 0 && H5Dread(d.get(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, a.data.data()) < 0) {
        *error = tx(QT_TRANSLATE_NOOP("convlens::core", "cannot read dataset '%1' (truncated or corrupt)"), {path});
        return std::nullopt;
    }
    return a;
}

} // namespace convlens::h5
