// player_state.h — what the step player is doing, as a plain value (STYLE.md §8, beside PlayerLayout's geometry):
// the trace it replays, the step shown, play/pause and speed with the timer's carry of fractional steps, the running
// sums of a transposed convolution's scatter (bias + the stamps applied so far), and which step a click on a cell
// means. No widgets and no painting: StepPlayerView drives it from its timer, keys and mouse, and draws what it says;
// tests drive it headless.
#pragma once

#include "trace/trace.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace convlens {

class PlayerState {
public:
    static constexpr double kMinSpeed = 1, kMaxSpeed = 1000; // steps per second

    // What an output cell shows at the current step.
    enum class CellState {
        Empty,   // no step has reached it yet
        Partial, // transposed convolution: some stamps landed, more will (its value is the running sum)
        Final,   // its value is the layer's output
    };

    // Replays `tracer` from `step` (clamped); nullopt clears the state (nothing to play).
    void setTracer(std::optional<LayerTracer> tracer, std::int64_t step = 0);
    bool hasTrace() const { return m_tracer.has_value(); }
    const LayerTracer *tracer() const { return m_tracer ? &*m_tracer : nullptr; }
    const WindowTrace &header() const { return m_h; }
    bool transposed() const { return m_tracer && m_h.op == Op::ConvTranspose; }

    std::int64_t stepCount() const { return m_tracer ? m_tracer->stepCount() : 0; }
    std::int64_t step() const { return m_step; }
    const TraceStep &current() const { return m_cur; }
    // Moves to `step` (clamped to the trace). True when the step changed. Afterwards touchedCells() lists the output
    // cells whose shown value changed (transposed convolution: the cells of the stamps applied or taken away), or
    // allCellsChanged() is true when the running sums were rebuilt from scratch.
    bool setStep(std::int64_t step);
    const std::vector<std::int64_t> &touchedCells() const { return m_touched; }
    bool allCellsChanged() const { return m_allChanged; }

    // Playing: tick() advances by speed × elapsed time, carrying fractions of a step to the next tick, and pauses on
    // the last step. play() starts over from the first step when at the end; false when there is nothing to play.
    bool play();
    void pause() { m_playing = false; }
    bool playing() const { return m_playing; }
    void setSpeed(double stepsPerSecond); // clamped to [kMinSpeed, kMaxSpeed]
    double speed() const { return m_speed; }
    // The timer interval for this speed: one tick per step up to ~60 steps/s, several steps per tick beyond.
    int tickIntervalMs() const;
    // One timer tick `elapsedMs` after the previous one; true when the step changed.
    bool tick(double elapsedMs);

    // Output cell (row, col), flat index row·W + col: what it shows and its value (NaN when Empty).
    CellState cellState(std::int64_t index) const;
    double cellValue(std::int64_t index) const;
    std::vector<double> displayedOutput() const; // every output cell's cellValue, row-major

    // The step a click on output cell (row, col) jumps to: its window (window layers) or, for a transposed
    // convolution, the stamps writing it in turn on repeated clicks. nullopt when no step writes it.
    std::optional<std::int64_t> stepForOutputClick(std::int64_t row, std::int64_t col);
    // Transposed convolution: the step of input cell (row, col) (each input cell is one stamp); nullopt otherwise.
    std::optional<std::int64_t> stepForInputClick(std::int64_t row, std::int64_t col) const;

private:
    void resetPartials();
    void applyStamps(std::int64_t from, std::int64_t to, double sign); // steps (from, to]
    void advancePartials();

    std::optional<LayerTracer> m_tracer;
    WindowTrace m_h; // the tracer's header
    std::int64_t m_step = 0;
    TraceStep m_cur;

    bool m_playing = false;
    double m_speed = 4, m_carry = 0;

    // Transposed convolution: running sums (bias + stamps 0 … m_partialUpTo) of the output cells, and the first and
    // last step writing each cell (−1: none; such a cell holds only the bias and is final from the start).
    std::vector<double> m_partial;
    std::int64_t m_partialUpTo = -1;
    std::vector<std::int64_t> m_firstWriter, m_lastWriter;
    std::vector<std::int64_t> m_touched;
    bool m_allChanged = false;

    std::int64_t m_lastClickedCell = -1, m_clickCycle = 0;
};

} // namespace convlens
