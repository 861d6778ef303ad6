// gif_writer.h — an animated GIF from frames of one size, written with giflib. One 256-colour palette for the whole
// animation (median cut over a few sample frames, a 15-bit lookup table to map pixels), so colours do not flicker
// between frames; every frame after the first stores only the rectangle that changed (the rest stays, disposal "do
// not dispose"), which keeps a step animation small and fast to encode; it loops forever.
#pragma once

#include <QImage>
#include <QString>
#include <functional>
#include <vector>

namespace convlens {

struct GifOptions {
    double fps = 4;              // frames per second (GIF delays are in 1/100 s: 4 fps = 25)
    std::vector<QImage> palette; // frames to build the palette from (some of the animation's own)
};

// Writes `count` frames, frame(i) producing frame i (all of the first frame's size), to `path` (writeFileAtomically:
// a failed or short write keeps the old file and leaves no partial one). False with *error ("<path>: why") on failure.
bool writeGif(const QString &path, int count, const std::function<QImage(int)> &frame, const GifOptions &options,
              QString *error);

} // namespace convlens
