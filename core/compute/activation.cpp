// activation.cpp — activation formulas. Constants and forms follow tf.keras 2 (hard_sigmoid = clip(0.2·x + 0.5),
// gelu exact with erf, selu's published constants); torch's ReLU/ReLU6/LeakyReLU/Sigmoid/Tanh/Softmax agree, and
// the torch-only ones follow torch 1.13's documentation (Hardswish, Hardsigmoid, Mish, Hardtanh, CELU, …).
#include "compute/activation.h"

// GCC 12 reports -Wmaybe-uninitialized inside its own AVX-512 intrinsics when Eigen instantiates them.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace convlens {

namespace {
constexpr double kSeluAlpha = 1.6732632423543772848170429916717;
constexpr double kSeluScale = 1.0507009873554804934193349852946;

double softplus(double x)
{
    // log(1 + e^x) without overflow for large x or loss for very negative x.
    return std::max(x, 0.0) + std::log1p(std::exp(-std::abs(x)));
}

// Softplus: alpha 0 is Keras' log(1 + e^x); otherwise torch's log(1 + e^(βx)) / β with β = alpha, and x itself
// where βx > threshold (beta).
double softplusTorch(double alpha, double beta, double x)
{
    if (alpha == 0.0)
        return softplus(x);
    if (alpha * x > beta)
        return x;
    return softplus(alpha * x) / alpha;
}
} // namespace

double activateReference(Act a, double alpha, double x, double beta)
{
    switch (a) {
    case Act::Linear:
    case Act::Softmax:
    case Act::LogSoftmax:
        return x;
    case Act::Relu:
        return x > 0 ? x : (std::isnan(x) ? x : 0.0);
    case Act::Relu6:
        return std::isnan(x) ? x : std::min(std::max(x, 0.0), 6.0);
    case Act::LeakyRelu:
        return x >= 0 ? x : alpha * x;
    case Act::Sigmoid:
        return 1.0 / (1.0 + std::exp(-x));
    case Act::Tanh:
        return std::tanh(x);
    case Act::Elu:
        return x > 0 ? x : alpha * (std::exp(x) - 1.0);
    case Act::Selu:
        return kSeluScale * (x > 0 ? x : kSeluAlpha * (std::exp(x) - 1.0));
    case Act::Softplus:
        return softplusTorch(alpha, beta, x);
    case Act::Softsign:
        return x / (1.0 + std::abs(x));
    case Act::Swish:
        return x / (1.0 + std::exp(-x));
    case Act::Gelu:
        return 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0)));
    case Act::HardSigmoid:
        return std::isnan(x) ? x : std::clamp(0.2 * x + 0.5, 0.0, 1.0);
    case Act::Exponential:
        return std::exp(x);
    case Act::Hardswish:
        return std::isnan(x) ? x : x * std::clamp(x + 3.0, 0.0, 6.0) / 6.0;
    case Act::TorchHardsigmoid:
        return std::isnan(x) ? x : std::clamp(x + 3.0, 0.0, 6.0) / 6.0;
    case Act::Mish:
        return x * std::tanh(softplus(x));
    case Act::Hardtanh:
        return std::isnan(x) ? x : std::min(std::max(x, alpha), beta);
    case Act::GeluTanh:
        return 0.5 * x * (1.0 + std::tanh(std::sqrt(2.0 / std::numbers::pi) * (x + 0.044715 * x * x * x)));
    case Act::Celu:
        return std::max(x, 0.0) + std::min(0.0, alpha * (std::exp(x / alpha) - 1.0));
    case Act::Tanhshrink:
        return x - std::tanh(x);
    case Act::LogSigmoid:
        return -softplus(-x);
    case Act::ReluClip: // Keras relu(x, negative_slope, max_value): the slope below 0, clipped at max_value above
        return std::isnan(x) ? x : x < 0 ? alpha * x : std::min(x, beta);
    }
    return x;
}

void applyActivation(Act a, double alphaD, float *p, std::int64_t n, double beta)
{
    if (n <= 0)
        return;
    Eigen::Map<Eigen::ArrayXf> x(p, n);
    const float alpha = float(alphaD);
    switch (a) {
    case Act::Linear:
    case Act::Softmax:
    case Act::LogSoftmax:
        return;
    case Act::Relu:
        // max(x, 0) keeps NaN as torch and TF do when written as a select on x > 0 … NaN compares false, so select
        // on the negative side instead.
        x = (x < 0.0f).select(0.0f, x);
        return;
    case Act::Relu6:
        x = (x < 0.0f).select(0.0f, (x > 6.0f).select(6.0f, x));
        return;
    case Act::LeakyRelu:
        x = (x < 0.0f).select(x * alpha, x);
        return;
    case Act::Sigmoid:
        x = x.logistic();
        return;
    case Act::Tanh:
        x = x.tanh();
        return;
    case Act::Elu:
        x = (x > 0.0f).select(x, alpha * (x.exp() - 1.0f));
        return;
    case Act::Selu:
        x = float(kSeluScale) * (x > 0.0f).select(x, float(kSeluAlpha) * (x.exp() - 1.0f));
        return;
    case Act::Softplus:
        if (alphaD == 0.0) { // Keras
            x = (x > 0.0f).select(x, 0.0f) + (-x.abs()).exp().log1p();
            return;
        }
        for (std::int64_t i = 0; i < n; ++i)
            p[i] = float(softplusTorch(alphaD, beta, p[i]));
        return;
    case Act::Softsign:
        x = x / (1.0f + x.abs());
        return;
    case Act::Swish:
        x = x * x.logistic();
        return;
    case Act::Gelu:
        for (std::int64_t i = 0; i < n; ++i)
            p[i] = 0.5f * p[i] * (1.0f + std::erf(p[i] * 0.70710678118654752f));
        return;
    case Act::HardSigmoid:
        // Comparisons are false for NaN, so select() lets NaN through where max()/min() would not say.
        x = 0.2f * x + 0.5f;
        x = (x < 0.0f).select(0.0f, (x > 1.0f).select(1.0f, x));
        return;
    case Act::Exponential:
        x = x.exp();
        return;
    case Act::Hardswish:
        x = x * (x + 3.0f < 0.0f).select(0.0f, (x + 3.0f > 6.0f).select(6.0f, x + 3.0f)) / 6.0f;
        return;
    case Act::TorchHardsigmoid:
        x = (x + 3.0f < 0.0f).select(0.0f, (x + 3.0f > 6.0f).select(6.0f, x + 3.0f)) / 6.0f;
        return;
    case Act::Hardtanh:
        x = (x < alpha).select(alpha, (x > float(beta)).select(float(beta), x));
        return;
    case Act::ReluClip:
        x = (x < 0.0f).select(x * alpha, (x > float(beta)).select(float(beta), x));
        return;
    case Act::Mish:
    case Act::GeluTanh:
    case Act::Celu:
    case Act::Tanhshrink:
    case Act::LogSigmoid:
        for (std::int64_t i = 0; i < n; ++i)
            p[i] = float(activateReference(a, alphaD, p[i], beta));
        return;
    }
}

void applySoftmax(float *x, std::int64_t outer, std::int64_t axisLen, std::int64_t inner, bool log)
{
    for (std::int64_t o = 0; o < outer; ++o) {
        float *base = x + o * axisLen * inner;
        for (std::int64_t i = 0; i < inner; ++i) {
            float m = -std::numeric_limits<float>::infinity();
            for (std::int64_t k = 0; k < axisLen; ++k)
                m = std::max(m, base[k * inner + i]);
            double sum = 0.0;
            if (log) { // x − max − log Σ e^(x − max)
                for (std::int64_t k = 0; k < axisLen; ++k)
                    sum += std::exp(double(base[k * inner + i]) - m);
                const double shift = m + std::log(sum);
                for (std::int64_t k = 0; k < axisLen; ++k)
                    base[k * inner + i] = float(double(base[k * inner + i]) - shift);
                continue;
            }
            for (std::int64_t k = 0; k < axisLen; ++k) {
                const float e = std::exp(base[k * inner + i] - m);
                base[k * inner + i] = e;
                sum += e;
            }
            const float inv = float(1.0 / sum);
            for (std::int64_t k = 0; k < axisLen; ++k)
                base[k * inner + i] *= inv;
        }
    }
}

} // namespace convlens
