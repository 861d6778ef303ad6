// tensor.cpp — layout conversion between the framework layout and compute/'s channels-major storage.
#include "tensor/tensor.h"

#include <cassert>

namespace convlens {

std::int64_t elementCount(const Shape &s)
{
    std::int64_t n = 1;
    for (auto d : s)
        n *= d;
    return n;
}

Shape storageDimsOf(Framework f, const Shape &s)
{
    if (f == Framework::Keras && s.size() == 3)
        return {s[2], s[0], s[1]};
    return s;
}

Tensor Tensor::zeros(Framework f, Shape s)
{
    Tensor t;
    t.framework = f;
    t.data.assign(size_t(elementCount(s)), 0.0f);
    t.shape = std::move(s);
    return t;
}

Tensor Tensor::fromFrameworkOrder(Framework f, Shape s, std::span<const float> src)
{
    Tensor t;
    t.framework = f;
    t.shape = std::move(s);
    assert(std::int64_t(src.size()) == elementCount(t.shape));
    if (f == Framework::Keras && t.shape.size() == 3) {
        const std::int64_t H = t.shape[0], W = t.shape[1], C = t.shape[2], HW = H * W;
        t.data.resize(src.size());
        for (std::int64_t p = 0; p < HW; ++p)
            for (std::int64_t c = 0; c < C; ++c)
                t.data[size_t(c * HW + p)] = src[size_t(p * C + c)];
    } else {
        t.data.assign(src.begin(), src.end());
    }
    return t;
}

std::vector<float> Tensor::toFrameworkOrder() const
{
    if (framework == Framework::Keras && shape.size() == 3) {
        const std::int64_t H = shape[0], W = shape[1], C = shape[2], HW = H * W;
        std::vector<float> out(data.size());
        for (std::int64_t c = 0; c < C; ++c)
            for (std::int64_t p = 0; p < HW; ++p)
                out[size_t(p * C + c)] = data[size_t(c * HW + p)];
        return out;
    }
    return data;
}

Shape Tensor::storageDims() const
{
    return storageDimsOf(framework, shape);
}

int Tensor::storageAxis(std::int64_t a) const
{
    if (framework == Framework::Keras && shape.size() == 3)
        return a == 2 ? 0 : int(a) + 1;
    return int(a);
}

} // namespace convlens
