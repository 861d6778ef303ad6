// mnist_digit.cpp — bounding box, 20×20 scaling, centre of mass (see the header).
#include "setup/mnist_digit.h"

#include <QImage>
#include <algorithm>
#include <cmath>

namespace convlens {

Pixels centreLikeMnist(const Pixels &drawing)
{
    Pixels out{kMnistSize, kMnistSize, 1, std::vector<std::uint8_t>(size_t(kMnistSize * kMnistSize), 0)};
    const int W = drawing.width, H = drawing.height;
    if (drawing.channels != 1 || W <= 0 || H <= 0 || drawing.data.size() != size_t(W) * size_t(H))
        return out;
    int top = H, bottom = -1, left = W, right = -1;
    for (int y = 0; y < H; ++y)
        for (int x = 0; x < W; ++x)
            if (drawing.data[size_t(y * W + x)] > 0) {
                top = std::min(top, y);
                bottom = std::max(bottom, y);
                left = std::min(left, x);
                right = std::max(right, x);
            }
    if (bottom < 0)
        return out;

    // The ink's box, its larger side scaled to 20 pixels (smooth: the anti-aliasing MNIST's normalisation had).
    const int bw = right - left + 1, bh = bottom - top + 1;
    QImage box(bw, bh, QImage::Format_Grayscale8);
    for (int y = 0; y < bh; ++y)
        std::copy_n(drawing.data.data() + size_t((top + y) * W + left), size_t(bw), box.scanLine(y));
    const double scale = double(kMnistBox) / double(std::max(bw, bh));
    const int sw = std::max(1, int(std::lround(bw * scale))), sh = std::max(1, int(std::lround(bh * scale)));
    const QImage scaled =
        box.scaled(sw, sh, Qt::IgnoreAspectRatio, Qt::SmoothTransformation).convertToFormat(QImage::Format_Grayscale8);

    // Its centre of mass (pixel centres at +0.5) goes to the field's centre, (14, 14).
    double mass = 0, mx = 0, my = 0;
    for (int y = 0; y < sh; ++y)
        for (int x = 0; x < sw; ++x) {
            const double v = scaled.constScanLine(y)[x];
            mass += v;
            mx += v * (x + 0.5);
            my += v * (y + 0.5);
        }
    if (mass <= 0)
        return out;
    const int dx = int(std::lround(kMnistSize / 2.0 - mx / mass)), dy = int(std::lround(kMnistSize / 2.0 - my / mass));
    for (int y = 0; y < sh; ++y)
        for (int x = 0; x < sw; ++x) {
            const int tx = x + dx, ty = y + dy;
            if (tx >= 0 && ty >= 0 && tx < kMnistSize && ty < kMnistSize)
                out.data[size_t(ty * kMnistSize + tx)] = scaled.constScanLine(y)[x];
        }
    return out;
}

} // namespace convlens
