// dense.cpp — Dense / Linear on the last axis: a Keras map (storage C, H, W) as a 1×1 convolution, everything else as
// rows × weightsᵀ with Eigen, rows or units split over the threads.
#include "compute/kernels/kernels.h"

#include <algorithm>

namespace convlens::kernels {

void dense(const LayerReport &l, Framework f, const Tensor &x, const PreparedLayer &p, Tensor &y,
           const ExecContext &ctx)
{
    const auto &s = l.spec;
    const i64 in = x.shape.back(), units = l.output->back();
    if (p.w.size() != size_t(in * units))
        throw ComputeError("layer '" + l.name + "': prepared weights do not match its shape");
    Eigen::Map<const RowMat> Wm(p.w.data(), units, in);
    const float *bias = p.bias.empty() ? nullptr : p.bias.data();
    if (f == Framework::Keras && x.spatial()) {
        // Storage (C, H, W), acting on C: Y[U × HW] = W · X[C × HW], as a 1×1 convolution.
        const Dims3 d = dims3(f, x.shape);
        ConvGeom g{d.c, d.h, d.w, units, d.h, d.w, 1, 1, 1, 1, 1, 1, 0, 0, 1};
        convGemm(x.data.data(), g, p.w.data(), bias, s.activation, s.alpha, y.data.data(), ctx);
    } else {
        const i64 R = x.elements() / in;
        const i64 chunks = std::min<i64>(ctx.threads() * 2, R > 1 ? R : std::max<i64>(1, units / 64));
        ctx.parallelFor(chunks, R * in * units, [&](i64 t) {
            if (R > 1) {
                const i64 r0 = t * ceilDiv(R, chunks), r1 = std::min(R, r0 + ceilDiv(R, chunks));
                if (r0 >= r1)
                    return;
                Eigen::Map<const RowMat> X(x.data.data() + r0 * in, r1 - r0, in);
                Eigen::Map<RowMat> Y(y.data.data() + r0 * units, r1 - r0, units);
                Y.noalias() = X * Wm.transpose();
            } else {
                const i64 u0 = t * ceilDiv(units, chunks), u1 = std::min(units, u0 + ceilDiv(units, chunks));
                if (u0 >= u1)
                    return;
                Eigen::Map<const Eigen::VectorXf> X(x.data.data(), in);
                Eigen::Map<Eigen::VectorXf> Y(y.data.data() + u0, u1 - u0);
                Y.noalias() = Wm.middleRows(u0, u1 - u0) * X;
            }
        });
        for (i64 r = 0; r < R; ++r) {
            float *row = y.data.data() + r * units;
            if (bias)
                for (i64 u = 0; u < units; ++u)
                    row[u] += bias[u];
            finishRows(row, 1, units, units, nullptr, s.activation, s.alpha);
        }
    }
    if (s.activation == Act::Softmax)
        applyLayerActivation(y, s.activation, s.alpha, -1);
}

} // namespace convlens::kernels
