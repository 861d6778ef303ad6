// npy.h — reading and writing NumPy .npy files (format versions 1–3). Reading checks the header against the file size
// before allocating anything, so a truncated or lying file is a clear error, never a huge allocation.
#pragma once

#include "model/framework.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace convlens {

struct NpyHeader {
    std::string descr;          // as in the file: "<f4", "<f8", "|u1", ">i8", …
    char kind = 0;              // 'f', 'i', 'u', 'b'
    int itemSize = 0;           // bytes
    bool fortranOrder = false;
    Shape shape;                // () for a scalar
    std::int64_t dataOffset = 0;
    std::int64_t elements() const;
};

struct NpyArray {
    NpyHeader header;
    std::vector<float> values;  // converted to float32, C order
};

// Default ceiling for one array: 1 GiB of data. Larger files are refused as "too large" before reading.
inline constexpr std::int64_t kNpyMaxBytes = std::int64_t(1) << 30;

// Reads a numeric .npy (float16 is not supported; bool, (u)int8…64, float32/64 in either byte order). Fortran-order
// arrays are refused (ConvLens expects C order). On failure returns nullopt and *error names the file and the reason.
std::optional<NpyArray> readNpy(const std::string &path, std::string *error, std::int64_t maxBytes = kNpyMaxBytes);
// The same from bytes in memory; `name` is used in messages.
std::optional<NpyArray> parseNpy(std::span<const char> bytes, const std::string &name, std::string *error,
                                 std::int64_t maxBytes = kNpyMaxBytes);
// Only the header (cheap: for listing a weights directory or checking a shape).
std::optional<NpyHeader> readNpyHeader(const std::string &path, std::string *error);

// Writes little-endian float32 / int64 arrays, C order, format version 1, atomically.
bool writeNpy(const std::string &path, const Shape &shape, std::span<const float> data, std::string *error);
bool writeNpyInt64(const std::string &path, const Shape &shape, std::span<const std::int64_t> data, std::string *error);
// The bytes of a float32 .npy (for tests and in-memory use).
std::vector<char> encodeNpy(const Shape &shape, std::span<const float> data);

} // namespace convlens
