// keras_h5.h — internal to core/formats: the little of HDF5 the Keras readers need (libhdf5's C API), with every
// failure a message instead of HDF5's printed error stack: a file (on disk or an image in memory), string and
// string-list attributes (variable- or fixed-length, Keras' chunked `<name>0..N` form), groups' members and float
// datasets whose size is checked against a budget before anything is read.
#pragma once

#include "tensor/tensor.h"

#include <QByteArray>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace convlens::h5 {

using Id = std::int64_t; // hid_t
struct HeapObjects;      // the file's global heap objects, found before libhdf5 opens it (keras_h5.cpp)

// An open HDF5 file. Errors (not a file, truncated, unreadable) are in `error`; the id is then invalid.
class File {
public:
    explicit File(const std::string &path);
    // From bytes in memory (a .keras zip's model.weights.h5); `image` must outlive the File.
    explicit File(const QByteArray &image);
    ~File();
    File(const File &) = delete;
    File &operator=(const File &) = delete;

    bool ok() const { return id_ >= 0; }
    Id id() const { return id_; }
    const std::string &error() const { return error_; }

private:
    Id id_ = -1;
    std::string error_;
    std::unique_ptr<HeapObjects> heap_;
};

// Whether `path` names an object (group or dataset) under `loc`; a path with '/' is checked one step at a time.
bool exists(Id loc, const std::string &path);
bool isGroup(Id loc, const std::string &path);
// An attribute of the object at `object` ("." for the root) holding one string (variable- or fixed-length, scalar
// or a one-element array). nullopt if absent (then `error` stays empty) or unreadable.
std::optional<std::string> stringAttr(Id loc, const std::string &object, const std::string &name, std::string *error);
// An attribute holding a list of strings, or Keras' chunked form `<name>0`, `<name>1`, … when `<name>` is absent.
// An empty numeric array (Keras' "no weights") is an empty list. nullopt if absent or unreadable.
std::optional<std::vector<std::string>> stringListAttr(Id loc, const std::string &object, const std::string &name,
                                                       std::string *error);
// The names of a group's members, in name order.
std::vector<std::string> members(Id loc, const std::string &group, std::string *error);
// A float dataset (float32 or float64 on disk) as a row-major float32 array. Refused when it holds more than
// `maxElements` values, before reading.
std::optional<NdArray> readFloats(Id loc, const std::string &path, std::int64_t maxElements, std::string *error);

} // namespace convlens::h5
