// model_output.cpp — class prediction, reconstruction check, tensor images.
#include "model_output.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace convlens {

std::optional<Prediction> predictClasses(const Tensor &output, int k)
{
    const std::int64_t n = output.elements();
    if (output.shape.size() != 1 || n < 2 || n > 1000)
        return std::nullopt;
    Prediction p;
    for (float v : output.data)
        if (!std::isfinite(v))
            return p; // undefined: an argmax over NaN would name class 0 for no reason
    p.defined = true;
    std::vector<double> prob(output.data.begin(), output.data.end());
    const double sum = std::accumulate(prob.begin(), prob.end(), 0.0);
    const bool distribution =
        std::all_of(prob.begin(), prob.end(), [](double v) { return v >= 0 && v <= 1; }) && std::abs(sum - 1) < 1e-3;
    if (!distribution) {
        p.fromLogits = true;
        const double top = *std::max_element(prob.begin(), prob.end());
        double z = 0;
        for (double &v : prob)
            z += (v = std::exp(v - top));
        for (double &v : prob)
            v /= z;
    }
    std::vector<int> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return prob[size_t(a)] > prob[size_t(b)]; });
    for (int i = 0; i < std::min<int>(k, int(n)); ++i)
        p.top.push_back({order[size_t(i)], prob[size_t(order[size_t(i)])]});
    return p;
}

bool isReconstruction(const Tensor &input, const Tensor &output)
{
    return input.spatial() && output.spatial() && input.framework == output.framework &&
           input.height() == output.height() && input.width() == output.width() &&
           input.channels() == output.channels() && (output.channels() == 1 || output.channels() == 3);
}

QImage tensorImage(const Tensor &t)
{
    if (!t.spatial())
        return {};
    const std::int64_t C = t.channels(), H = t.height(), W = t.width();
    double lo = 0, hi = 1;
    for (float v : t.data)
        if (std::isfinite(v)) {
            lo = std::min(lo, double(v));
            hi = std::max(hi, double(v));
        }
    const auto byte = [&](float v) {
        return std::isfinite(v) ? std::clamp(int(std::lround((double(v) - lo) / (hi - lo) * 255.0)), 0, 255) : 0;
    };
    QImage img(int(W), int(H), QImage::Format_RGB32);
    for (std::int64_t y = 0; y < H; ++y) {
        auto *line = reinterpret_cast<QRgb *>(img.scanLine(int(y)));
        for (std::int64_t x = 0; x < W; ++x) {
            const auto at = [&](std::int64_t c) { return byte(t.data[size_t((c * H + y) * W + x)]); };
            line[x] = C == 3 ? qRgb(at(0), at(1), at(2)) : qRgb(at(0), at(0), at(0));
        }
    }
    return img;
}

} // namespace convlens
